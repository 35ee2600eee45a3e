"""Published history is never deleted, with one exception: a court-ordered removal.

The rules saying what is protected live with the records (website.history); they raise
HistoryProtected from a pre_delete signal, so no code path (the admin, a cascade, a queryset
delete, the shell) deletes a protected record. `manage.py remove_record`, run by an
administrator with a reason, deletes inside `court_ordered_removal()` and keeps a RemovalRecord.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied

_removing = ContextVar("court_ordered_removal", default=False)


class HistoryProtected(PermissionDenied):
    """Deleting this record would erase published history (a view answers 403, not 500)."""


@contextmanager
def court_ordered_removal():
    """Let protected records be deleted inside this block (remove_record only)."""
    token = _removing.set(True)
    try:
        yield
    finally:
        _removing.reset(token)


def removal_ordered():
    return _removing.get()
