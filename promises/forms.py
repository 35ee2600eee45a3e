"""Admin form for promises: the editorial rules that refuse a bad record before saving anything."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.partial_dates import valid_or_none

from .publishing import LINK_KINDS, refusal, unpublished_links
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
        self._check_status_dates(cleaned)
        if self._publishes():
            names = unpublished_links(
                {relation: self._chosen(relation) for relation, _label in LINK_KINDS})
            if names:
                self.add_error(None, refusal(names))
        return cleaned

    def clean_made(self):
        made = self.cleaned_data.get("made")
        when = valid_or_none(made)
        if when and when.earliest() > timezone.localdate():
            raise forms.ValidationError(
                _("%(made)s is in the future: a promise is recorded once it has been made."),
                params={"made": when}, code="made_in_the_future",
            )
        return made

    def _check_status_dates(self, cleaned):
        """A status change cannot predate the promise, nor be known before today."""
        formset = self.formsets.get("status_changes")
        if formset is None:
            return
        formset.is_valid()  # cleans each entry once; entries with errors have theirs shown
        made, today = valid_or_none(cleaned.get("made")), timezone.localdate()
        for form in formset.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data"):
                continue
            when = valid_or_none(form.cleaned_data.get("date"))
            if when is None or (formset.can_delete and formset._should_delete_form(form)):
                continue
            if made and when.latest() < made.earliest():
                form.add_error("date", _(
                    "This status change (%(date)s) is dated before the promise was made "
                    "(%(made)s).") % {"date": when, "made": made})
            elif when.earliest() > today:
                form.add_error("date", _("%(date)s is in the future: record a status change "
                                         "once it has happened.") % {"date": when})

    def _publishes(self):
        """Whether this submission publishes the page: "Publish", or "Approve" on the edit page
        (the moderators' one-task workflow publishes on approval)."""
        return bool(self.data.get("action-publish")) or (
            bool(self.data.get("action-workflow-action"))
            and self.data.get("workflow-action-name") == "approve")

    def _chosen(self, relation):
        """The records the chooser panel `relation` keeps (rows not marked for deletion)."""
        formset = self.formsets.get(relation)
        if formset is None or not formset.is_valid():
            return []
        field = formset.model.chosen_field
        return [form.cleaned_data[field] for form in formset.forms
                if form.cleaned_data.get(field)
                and not (formset.can_delete and formset._should_delete_form(form))]

    def _check_people(self, cleaned):
        if not self._chosen("promisor_people") and not self._chosen("promisor_bodies"):
            self.add_error(
                None, _("Name at least one promisor: a person or a body who made the promise.")
            )
        if (not self._chosen("beneficiary_settlements")
                and not (cleaned.get("beneficiary_group") or "").strip()):
            self.add_error(
                "beneficiary_group",
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
