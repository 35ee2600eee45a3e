"""Admin form for promises: the editorial rules that refuse a bad record before saving anything."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .publishing import refusal, unpublished_links
from .subjects import near_duplicates

APPEND_ONLY = _(
    "The status history is append-only: published entries cannot be changed or removed. "
    "Add a new entry (tick “corrects an earlier entry”) instead."
)


class PromisePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        self._check_people(cleaned)
        self._check_subjects(cleaned)
        self._check_status_history()
        if self._publishes():
            names = unpublished_links(cleaned)
            if names:
                self.add_error(None, refusal(names))
        return cleaned

    def _publishes(self):
        """Whether this submission publishes the page: "Publish", or "Approve" on the edit page
        (the moderators' one-task workflow publishes on approval)."""
        return bool(self.data.get("action-publish")) or (
            bool(self.data.get("action-workflow-action"))
            and self.data.get("workflow-action-name") == "approve")

    def _check_people(self, cleaned):
        if not cleaned.get("people") and not cleaned.get("bodies"):
            self.add_error(
                "people", _("Name at least one promisor: a person or a body who made the promise.")
            )
        if not cleaned.get("settlements") and not (cleaned.get("beneficiary_group") or "").strip():
            self.add_error(
                "settlements",
                _("Name who the promise was made to: one or more settlements, or a group."),
            )

    def _check_subjects(self, cleaned):
        """Subjects are a managed vocabulary: a new one that nearly repeats an existing one is
        refused, naming it (promises.subjects)."""
        for name, existing in near_duplicates(cleaned.get("subjects") or []):
            self.add_error("subjects", _(
                "“%(new)s” nearly repeats the subject “%(existing)s”: use "
                "“%(existing)s”. (An administrator can add “%(new)s” under Records > Subjects "
                "if it is really another subject.)") % {"new": name, "existing": existing})

    def _check_status_history(self):
        formset = self.formsets.get("status_changes")
        if formset is None or not formset.is_valid():
            return
        published = set()  # entries of a draft stay editable until they are published
        if self.instance.pk:
            published = set(formset.model.objects.filter(
                promise=self.instance, published_at__isnull=False).values_list("pk", flat=True))
        kept = set()
        for form in formset.forms:
            pk = form.instance.pk
            deleted = formset.can_delete and formset._should_delete_form(form)
            if pk in published:
                if form.has_changed() and not deleted:
                    form.add_error(None, APPEND_ONLY)
                if not deleted:
                    kept.add(pk)
                continue
            if deleted or not form.has_changed():
                continue
            if not form.cleaned_data.get("sources"):
                form.add_error("sources", _("Cite at least one source for this status change."))
        if published - kept:  # deleted, or left out of the submission
            self.add_error(None, APPEND_ONLY)

    def save(self, commit=True):
        page = super().save(commit=False)
        for change in page.status_changes.all():
            if change.pk is None and change.editor_id is None and self.for_user:
                change.editor = self.for_user
        if commit:
            page.save()
            self.save_m2m()
        return page
