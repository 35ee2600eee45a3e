"""The admin's create and edit forms as a browser posts them, read from the rendered pages.

The fields come from the form Wagtail renders (inputs, selects, textareas, and one new row of
each inline panel built from its empty-form template), so a field added to a model is fuzzed
without touching the tests.
"""

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.apps import apps
from django.db import transaction

INLINE_ROW = re.compile(r"-\d+-")
# The formsets' bookkeeping, which the browser's script fills in and no editor types: a row's
# hidden id and order, and the counts. (Not fixed here: a hand-made post with a word in a row's
# id or order answers 500 from modelcluster's child formset and Wagtail's InlinePanel.)
COUNTS = re.compile(r"-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")
MANAGEMENT = re.compile(COUNTS.pattern + r"|-\d+-(id|ORDER)$")
# Wagtail renders the comments panel from JSON: its formset is not something editors type into.
NOT_TYPED = re.compile(r"^(csrfmiddlewaretoken|next|comments-.*)$")
# What a saved or refused form could change: every record of the domain apps, the page tree and
# its revisions and workflow states, the tags.
WATCHED_APPS = ("promises", "actors", "places", "sources", "chronicle", "taggit")
WATCHED_MODELS = ("wagtailcore.Page", "wagtailcore.Revision", "wagtailcore.WorkflowState")


@dataclass
class FormPost:
    """The data of one admin form: field name to the list of values a browser sends."""

    data: dict = field(default_factory=dict)
    new_rows: dict = field(default_factory=dict)  # "roles-1": "roles", added from the template

    def typed_fields(self):
        """The fields an editor can put a value in."""
        return sorted(name for name in self.data
                      if not MANAGEMENT.search(name) and not NOT_TYPED.match(name))

    def with_values(self, values):
        """A copy with some fields set to one value each. A new inline row is sent only when
        typed into, numbered as Wagtail's script numbers it: a browser sends no untouched one."""
        data = {name: list(posted) for name, posted in self.data.items()}
        data.update({name: [value] for name, value in values.items()})
        for row, formset in self.new_rows.items():
            if any(name.startswith(f"{row}-") for name in values):
                if f"{row}-ORDER" in data:
                    data[f"{row}-ORDER"] = [str(int(row.rsplit("-", 1)[1]) + 1)]
                continue
            for name in [name for name in data if name.startswith(f"{row}-")]:
                del data[name]
            data[f"{formset}-TOTAL_FORMS"] = [str(int(data[f"{formset}-TOTAL_FORMS"][0]) - 1)]
        return data


def _field_values(element):
    if element.name == "textarea":
        return [element.text.removeprefix("\n")]
    if element.name == "select":
        return [option.get("value", option.text) for option in element.find_all("option")
                if option.has_attr("selected")]
    kind = element.get("type", "text").lower()
    if kind in ("submit", "button", "image", "file", "reset"):
        return None
    if kind in ("checkbox", "radio"):
        return [element.get("value", "on")] if element.has_attr("checked") else []
    return [element.get("value", "")]


def _main_form(html):
    soup = BeautifulSoup(html, "html.parser")
    forms = [form for form in soup.find_all("form")
             if form.get("method", "").lower() == "post"]
    return max(forms, key=lambda form: len(form.find_all(["input", "select", "textarea"])))


def read_form(html):
    """The form data a browser would post from this page unchanged, with one new (blank) row
    added to every inline panel from its empty-form template."""
    form = _main_form(html)
    post, templates = FormPost(), {}
    for element in form.find_all(["input", "select", "textarea"]):
        name, values = element.get("name"), _field_values(element)
        if not name or values is None:
            continue
        if "__prefix__" in name:
            templates.setdefault(name.split("-__prefix__-")[0], {})[name] = values
        else:
            post.data.setdefault(name, []).extend(values)
    for prefix, fields in templates.items():
        if prefix.startswith("comments"):
            continue
        total = int(post.data[f"{prefix}-TOTAL_FORMS"][0])
        for name, values in fields.items():
            post.data[name.replace("__prefix__", str(total))] = values
        post.new_rows[f"{prefix}-{total}"] = prefix
        post.data[f"{prefix}-TOTAL_FORMS"] = [str(total + 1)]
    return post


def as_create_post(create, edit):
    """The create form filled in with the values of an existing record's edit form: a valid
    record to start from, with its inline rows as new rows and its own slug."""
    post = FormPost({name: list(values) for name, values in create.data.items()},
                    new_rows=dict(edit.new_rows))
    for name, values in edit.data.items():
        if name not in post.data and not INLINE_ROW.search(name):
            continue  # the edit form's own bookkeeping (the revision it loaded)
        if COUNTS.search(name) or name == "csrfmiddlewaretoken":
            continue
        if name.endswith("-id") and INLINE_ROW.search(name):
            values = [""]
        post.data[name] = list(values)
    for name in post.data:
        if name.endswith("-TOTAL_FORMS"):
            post.data[name] = edit.data[name]
        elif name.endswith("-INITIAL_FORMS"):
            post.data[name] = ["0"]
    if "slug" in post.data:
        post.data["slug"] = [f"{post.data['slug'][0]}-copy"]
    return post


def watched_models():
    models = [model for label in WATCHED_APPS
              for model in apps.get_app_config(label).get_models(include_auto_created=True)]
    return models + [apps.get_model(label) for label in WATCHED_MODELS]


def snapshot():
    """Every row of every watched table: equal snapshots mean nothing was written."""
    return {model._meta.label: list(model.objects.order_by("pk").values())
            for model in watched_models()}


def in_rolled_back_transaction(function):
    """Run `function` and undo whatever it wrote, so every example starts from the same data."""
    with transaction.atomic():
        outcome = function()
        transaction.set_rollback(True)
    return outcome


def admin_form(client, target, kind):
    """(address, form data) of `target`'s create or edit form, as the Editor's browser has it."""
    record = target.make()
    create_url, edit_url = target.urls(record)
    edit = read_form(client.get(edit_url).content)
    if kind == "edit":
        return edit_url, edit
    return create_url, as_create_post(read_form(client.get(create_url).content), edit)


def post(client, url, form, values):
    """Post the form with `values` put in; check the answer; undo what it wrote.

    Returns whether the form was accepted (Wagtail redirects after saving)."""
    def attempt():
        before = snapshot()
        response = client.post(url, form.with_values(values))
        assert response.status_code < 500, values
        accepted = response.status_code == 302
        if not accepted:
            assert snapshot() == before, f"a refused form wrote to the database: {values!r}"
        return accepted
    return in_rolled_back_transaction(attempt)
