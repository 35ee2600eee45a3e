"""An Editor posts generated strings to every field of every admin create and edit form.

Whatever is typed or pasted, the admin answers with the form and its messages, never a server
error, and a form it refuses writes nothing (every watched table is compared row by row).
Hypothesis runs derandomized with a fixed number of examples, so CI sees the same posts every
time and the module stays within about two minutes on a busy 2-core machine.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .forms import admin_form, post
from .strategies import SWEEP, awkward_strings
from .targets import TARGETS

KINDS = ["create", "edit"]
EXAMPLES_PER_FORM = 8
GENERATED = settings(
    max_examples=EXAMPLES_PER_FORM, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
def test_awkward_input_never_answers_500_nor_saves_a_refused_form(editor, target, kind):
    url, form = admin_form(editor, target, kind)
    # The starting point is a valid record, so what gets refused is the generated values.
    assert post(editor, url, form, {}), "the form as read from the page was refused"
    for value in SWEEP:  # each kind of awkward value in every field at once
        post(editor, url, form, dict.fromkeys(form.typed_fields(), value))

    @GENERATED
    @given(st.dictionaries(st.sampled_from(form.typed_fields()), awkward_strings(),
                           min_size=1, max_size=4))
    def a_few_fields(values):
        post(editor, url, form, values)

    a_few_fields()
