"""The filterable, paginated list of promises at /promises/."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.db.models import F
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from actors.models import BodyPage, PersonPage
from core import page_cache
from core.localized import default_language, reader_language
from core.params import ParsedIntegerField, clamp_page, parse_int
from core.scoped_cache import scoped
from core.translation import translations_of
from core.visibility import published
from places.models import CityPage, SettlementPage

from .filters import PromiseFilter
from .models import published_subjects
from .rows import ROW_FIELDS, promise_rows
from .status import Status
from .subject_labels import subject_labels

PER_PAGE = 20
MAX_ECHOED_PAGE = 30  # characters of an unreadable ?page= shown back in the message

SORTS = {
    "newest": (F("made").desc(), "-first_published_at", "-pk"),
    "oldest": ("made", "first_published_at", "pk"),
    "deadline": (F("deadline_due").asc(nulls_last=True), "made", "pk"),
}


@dataclass(frozen=True)
class Chosen:
    """A record a filter chose: its id for the query (`pk`, as promise_filter reads it), its
    title for "Showing promises ...", and the value its parameter carries in links."""

    pk: int
    title: str
    value: str
    english: bool = False  # the title is the English fallback of a reader's language


def _in_language(rows, language):
    """(record, shown, English?) for (record, English text, text in `language` or None) rows:
    the reader's text where there is one, else the English, saying so (as when the "translation"
    is the English again); in that language's alphabetical order."""
    fallback = language != default_language()
    shown = [(record, text or english, fallback and (text or english) == english)
             for record, english, text in rows]
    return sorted(shown, key=lambda row: row[1].casefold())


def _titled(records, language):
    """_in_language rows of canonical `records` (one model) by their titles."""
    translated = translations_of(records, language) if language != default_language() else {}
    return _in_language([(record, record.title,
                          getattr(translated.get(record.translation_key), "title", None))
                         for record in records], language)


def _read_filter_options(language):
    """What the filters offer in `language`, read from the database: plain values, so they can
    be cached. Records keep their ids; titles are the reader's where translated."""
    def pages(model):
        records = list(published(model.objects.all()).only("pk", "title", "translation_key"))
        return [(record.pk, title, english) for record, title, english
                in _titled(records, language)]

    settlements = list(published(SettlementPage.objects.all())
                       .only("pk", "title", "translation_key", "city_id"))
    subjects = list(published_subjects())
    labels = subject_labels(subjects, language)
    return {
        "city": pages(CityPage),
        "settlement": [(record.pk, title, english, record.city_id)
                       for record, title, english in _titled(settlements, language)],
        "people": pages(PersonPage),
        "bodies": pages(BodyPage),
        "subject": [(subject.pk, label, subject.slug, english) for subject, label, english
                    in _in_language([(subject, subject.name, labels[subject.pk])
                                     for subject in subjects], language)],
    }


def filter_options():
    """The filters' options in the reader's language, kept under the versions of the "site"
    and "lists" scopes (core.scoped_cache), which every publish changes: five queries saved on
    every list render, and a published settlement, person or subject is offered at once."""
    language = reader_language()
    return scoped(f"promise-filter-options:{language}", lambda: _read_filter_options(language))


ENGLISH_OPTION = mark_safe(' lang="en"')  # a constant


class PlainSelect(forms.Select):
    """Django's Select written out in Python: Django's form renderer renders a template per
    option (about 0.1 ms each), which for the hundreds of people and bodies a promise can be
    made by was most of the list's time. Same HTML, same attributes, options and groups; an
    option whose label is the English fallback of the reader's language says so (lang="en")."""

    english_values = frozenset()

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            listed = format_html_join("", '<option value="{}"{}{}>{}</option>', (
                (option["value"], " selected" if option["selected"] else "",
                 ENGLISH_OPTION if str(option["value"]) in self.english_values else "",
                 option["label"])
                for option in options))
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, listed)
                          if group_name else listed)
        return format_html('<select name="{}"{}>{}</select>', widget["name"],
                           flatatt(widget["attrs"]), mark_safe("".join(groups)))  # noqa: S308


class RecordChoiceField(forms.ChoiceField):
    """A filter choosing one record among `records` ({parameter value: Chosen}), of which the
    form lists only `choices` (the settlements of one city): any record's address still works.
    Cleaned to the Chosen record; a value that names none is an invalid choice."""

    widget = PlainSelect

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(required=False, **kwargs)
        self.empty_label = empty_label
        self.records = {}

    def offer(self, records, listed):
        self.records = records
        self.widget.english_values = frozenset(
            value for value, record in records.items() if record.english)
        self.choices = [("", self.empty_label), *listed]

    def valid_value(self, value):
        return value in self.records

    def clean(self, value):
        value = super().clean(value)
        return self.records[value] if value else None

    def prepare_value(self, value):
        return getattr(value, "value", value)


def _records(rows):
    """{parameter value: Chosen} for (pk, title, English?) rows."""
    return {str(pk): Chosen(pk, title, str(pk), english)
            for pk, title, english, *_rest in rows}


class PromiseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    city = RecordChoiceField(label=_("City"), empty_label=_("Any city"))
    settlement = RecordChoiceField(
        label=_("Settlement"), empty_label=_("Any settlement"),
        help_text=_("The settlements of the city chosen above: choose a city and press "
                    "“Show promises” to list them."),
    )
    promisor = RecordChoiceField(label=_("Promised by"), empty_label=_("Anyone"))
    subject = RecordChoiceField(label=_("Subject"), empty_label=_("Any subject"))
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
        options = filter_options()
        cities = _records(options["city"])
        self.fields["city"].offer(cities, [(key, c.title) for key, c in cities.items()])
        self._offer_settlements(options["settlement"])
        people, bodies = _records(options["people"]), _records(options["bodies"])
        self.fields["promisor"].offer({**people, **bodies}, [
            (_("People"), [(key, p.title) for key, p in people.items()]),
            (_("Bodies"), [(key, b.title) for key, b in bodies.items()]),
        ])
        subjects = {slug: Chosen(pk, label, slug, english)
                    for pk, label, slug, english in options["subject"]}
        self.fields["subject"].offer(subjects, [(key, s.title) for key, s in subjects.items()])

    def _offer_settlements(self, rows):
        """Every settlement's address works, but the form lists only the settlements of the
        city chosen (or of the chosen settlement's city): a few dozen options, not hundreds,
        that a screen reader or a phone can go through."""
        city_of = {str(pk): str(city) for pk, *_shown, city in rows}
        asked = self.data.get("settlement", "") if self.is_bound else ""
        city = (self.data.get("city", "") if self.is_bound else "") or city_of.get(asked, "")
        listed = [(str(pk), title) for pk, title, _english, in_city in rows
                  if str(in_city) == city]
        self.fields["settlement"].offer(_records(rows), listed)

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
        if name == "overdue":
            return _("yes")
        if isinstance(value, Chosen) and value.english:
            return format_html('<span lang="en">{}</span>', value.title)
        return getattr(value, "title", value)  # a chosen record, or the year


def promise_filter(data):
    """The PromiseFilter (shared with search) for the form's valid data."""
    related = {name: (data[name].pk,)
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
    promises = filter_promises(published(queryset), data).values_list(*ROW_FIELDS)
    paginator = Paginator(promises, PER_PAGE)
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
        "page_obj": page_obj,
        "promise_rows": promise_rows(request, page_obj.object_list),
        "total": paginator.count,
        "page_message": page_message,
        "canonical_params": params,  # for the pagination links
        "canonical_query": with_page.urlencode(),  # for the language links
    }
