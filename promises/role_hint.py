"""The role a promisor held on "Made on", shown on the promise form while the editor types.

The role is derived from the person's roles and the date (PersonPage.role_on, the rule the
public page uses); before, editors saw it only in the preview. The form's script
(site/static/js/admin-role-hint.js) asks this view whenever a person or the date changes.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from actors.models import PersonPage
from core.params import parse_int
from core.partial_dates import PartialDate

# More promisors than a promise ever names; bounds the work one request can ask for.
MAX_PEOPLE = 20


def role_on_made(request):
    """JSON: for each `person` id, the role held on `made` (a partial date), or a warning."""
    person_ids = {parse_int(raw, minimum=1) for raw in request.GET.getlist("person")[:MAX_PEOPLE]}
    try:
        made = PartialDate.parse(request.GET.get("made", "").strip())
    except ValueError:
        # The field's own validation names the problem when the form is saved.
        return JsonResponse({"people": []})
    people = (PersonPage.objects.filter(pk__in=person_ids - {None}).order_by("title")
              .prefetch_related("roles__body"))
    return JsonResponse({"people": [_described(person, made) for person in people]})


def _described(person, made):
    role = person.role_on(made)
    if role is None:
        return {"person": person.title, "role": None, "warning": True,
                "message": _("%(person)s held no recorded role on %(date)s: check the date, or "
                             "add the role on the person's page.")
                % {"person": person.title, "date": made}}
    return {"person": person.title, "role": str(role), "warning": False,
            "message": _("%(person)s on %(date)s: %(role)s")
            % {"person": person.title, "date": made, "role": role}}
