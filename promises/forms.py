"""Admin form for promises: the editorial rules that refuse a bad record before saving anything."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

APPEND_ONLY = _(
    "The status history is append-only: published entries cannot be changed or removed. "
    "Add a new entry (tick “corrects an earlier entry”) instead."
)


class PromisePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        self._check_people(cleaned)
        self._check_status_history()
        return cleaned

    def _chosen(self, relation):
        """How many records the chooser panel `relation` keeps (rows not marked for deletion)."""
        formset = self.formsets.get(relation)
        if formset is None or not formset.is_valid():
            return 0
        return sum(1 for form in formset.forms if form.has_changed() or form.instance.pk
                   if not (formset.can_delete and formset._should_delete_form(form)))

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

    def _check_status_history(self):
        formset = self.formsets.get("status_changes")
        if formset is None or not formset.is_valid():
            return
        published = set()
        if self.instance.pk:
            published = set(
                formset.model.objects.filter(promise=self.instance).values_list("pk", flat=True)
            )
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
