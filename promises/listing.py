"""The filterable, paginated list of promises at /promises/."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import F
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from actors.models import BodyPage, PersonPage
from core import page_cache
from core.params import ParsedIntegerField, ParsedModelChoiceField, clamp_page, parse_int
from core.visibility import published
from places.models import CityPage, SettlementPage

from .filters import PromiseFilter
from .models import published_subjects
from .status import Status

PER_PAGE = 20
MAX_ECHOED_PAGE = 30  # characters of an unreadable ?page= shown back in the message

SORTS = {
    "newest": (F("made").desc(), "-first_published_at", "-pk"),
    "oldest": ("made", "first_published_at", "pk"),
    "deadline": (F("deadline_due").asc(nulls_last=True), "made", "pk"),
}


class SettlementChoiceField(ParsedModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.city.title})"


class PromiseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    city = ParsedModelChoiceField(
        label=_("City"), required=False, empty_label=_("Any city"),
        queryset=published(CityPage.objects.all()).order_by("title"),
    )
    settlement = SettlementChoiceField(
        label=_("Settlement"), required=False, empty_label=_("Any settlement"),
        queryset=published(SettlementPage.objects.all()).select_related("city").order_by("title"),
    )
    promisor = forms.TypedChoiceField(label=_("Promised by"), required=False,
                                      coerce=parse_int)
    subject = forms.ModelChoiceField(
        label=_("Subject"), required=False, empty_label=_("Any subject"), to_field_name="slug",
        queryset=published_subjects().order_by("name"),
    )
    year = ParsedIntegerField(label=_("Year made"), required=False, min_value=1900,
                              max_value=2100)
    overdue = forms.BooleanField(label=_("Only overdue promises"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first")),
                 ("deadline", _("Deadline, soonest first"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = published(PersonPage.objects.all()).order_by("title").values_list("pk", "title")
        bodies = published(BodyPage.objects.all()).order_by("title").values_list("pk", "title")
        self.fields["promisor"].choices = [
            ("", _("Anyone")), (_("People"), list(people)), (_("Bodies"), list(bodies))
        ]

    def valid_data(self):
        """The values that passed validation; the others are reported and ignored."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items()
                if value not in (None, "", False)}

    def describe(self, data):
        """(label, shown value) for each filter in use, for "Showing promises ..."."""
        return [(self.fields[name].label, self._shown(name, value))
                for name, value in data.items() if name != "sort"]

    def _shown(self, name, value):
        if name == "status":
            return Status(value).label
        if name == "promisor":
            people_and_bodies = self.fields["promisor"].choices[1:]
            return dict(pair for _group, pairs in people_and_bodies for pair in pairs)[value]
        if name == "subject":
            return value.name
        if name == "overdue":
            return _("yes")
        return getattr(value, "title", value)  # a city or settlement page, or the year


def promise_filter(data):
    """The PromiseFilter (shared with search) for the form's valid data."""
    related = {name: (getattr(data[name], "pk", data[name]),)
               for name in ("city", "settlement", "promisor", "subject") if name in data}
    return PromiseFilter(
        statuses=(data["status"],) if "status" in data else (), related=related,
        years=(data["year"],) if "year" in data else (), overdue=bool(data.get("overdue")),
    )


def filter_promises(queryset, data):
    queryset = promise_filter(data).apply(queryset)
    return queryset.order_by(*SORTS[data.get("sort") or "newest"])


def nearest_page(asked, num_pages):
    """The page number closest to what was asked for: 1 for "0" or "first"."""
    return clamp_page(parse_int(asked) or 1, num_pages)


def canonical_params(form, data):
    """The filters that passed validation, as the list's own links (next page, other
    languages) carry them: never the request's parameters, which can be anything and of any
    length."""
    params = QueryDict(mutable=True)
    for name, value in data.items():
        params[name] = form.fields[name].prepare_value(value)
    return params


def promise_listing(request, queryset):
    """The context for the promise list: filter form, one page of promises and messages."""
    page_cache.depends_on_query(request, (*PromiseFilterForm.base_fields, "page"))
    form = PromiseFilterForm(request.GET or None)
    data = form.valid_data() if form.is_bound else {}
    paginator = Paginator(filter_promises(queryset.for_listing(), data), PER_PAGE)
    asked = request.GET.get("page")
    page_obj = paginator.get_page(nearest_page(asked, paginator.num_pages))
    page_message = ""
    if asked not in (None, "") and asked != str(page_obj.number):
        page_message = _("There is no page “%(asked)s”; showing page %(shown)s of %(total)s.") % {
            "asked": asked[:MAX_ECHOED_PAGE], "shown": page_obj.number,
            "total": paginator.num_pages,
        }
    active_filters = form.describe(data)
    params = canonical_params(form, data)
    with_page = params.copy()
    if page_obj.number > 1:
        with_page["page"] = page_obj.number
    return {
        "form": form,
        "filter_errors": [form.fields[name].label for name in form.errors],
        "active_filters": active_filters,
        "filter_description": "; ".join(f"{label}: {value}" for label, value in active_filters),
        "page_obj": page_obj,
        "promises": page_obj.object_list,
        "total": paginator.count,
        "page_message": page_message,
        "canonical_params": params,  # for the pagination links
        "canonical_query": with_page.urlencode(),  # for the language links
    }
