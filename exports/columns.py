"""The columns of every exported table, declared once: the CSV downloads write these headers, the
data package's table schemas describe them, and the data page documents them.

Each column has a Frictionless Table Schema type. Partial dates ("2011", "2011-10",
"2011-10-15": as precise as the source) are strings with a pattern, never padded to a day, and
come with a `*_precision` column saying year, month or day. Lists (several promisors or
settlements) are joined with LIST_SEPARATOR, names and ids in the same order.
"""

from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from promises.status import Status

LIST_SEPARATOR = "; "
PARTIAL_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
PRECISIONS = ["year", "month", "day"]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date, datetime
    description: str
    constraints: dict = field(default_factory=dict)

    def schema(self):
        """This column as a Table Schema field descriptor."""
        descriptor = {"name": self.name, "type": self.type, "description": str(self.description)}
        if self.constraints:
            descriptor["constraints"] = self.constraints
        return descriptor


def partial_date(name, description):
    """A partial date column and its precision column."""
    return [
        Column(name, "string", description, {"pattern": PARTIAL_DATE_PATTERN}),
        Column(f"{name}_precision", "string",
               format_lazy(_("How precise {name} is: year, month or day."), name=name),
               {"enum": PRECISIONS}),
    ]


def status_column(name, description, required=True):
    constraints = {"enum": list(Status.values)}
    if required:
        constraints["required"] = True
    return Column(name, "string", description, constraints)


def list_columns(name, ids_name, what):
    """A list of names and the matching list of ids (LIST_SEPARATOR between items)."""
    return [
        Column(name, "string", format_lazy(_("The {what}, by name, separated by “; ”."),
                                           what=what)),
        Column(ids_name, "string", _("Their ids, in the same order.")),
    ]


PROMISE_COLUMNS = [
    Column("id", "integer", _("The promise's id: its page is at /record/<id>/."),
           {"required": True, "unique": True}),
    Column("permalink", "string", _("The promise's permanent address on Ubada.")),
    Column("title", "string", _("A short title.")),
    Column("text", "string", _("What was promised, in plain words.")),
    status_column("status", _("The current status (the latest status change).")),
    Column("overdue", "boolean", _("Deadline passed and neither kept nor broken, on the day of "
                                   "the export.")),
    *partial_date("made", _("When the promise was made.")),
    Column("occasion", "string", _("The occasion: road_blockade, picket, election_campaign, "
                                   "ceremony, meeting, statement, negotiation, other.")),
    *partial_date("deadline", _("The deadline: the one stated, else the one derived from the "
                                "words used; empty when there is none.")),
    Column("deadline_stated", "boolean", _("True when the promisor stated the deadline, false "
                                           "when it was derived from the words used.")),
    Column("deadline_phrase", "string", _("The deadline as said (\"within a year\").")),
    Column("due_by", "date", _("The last day of the deadline (a deadline of 2012 runs to "
                               "2012-12-31).")),
    *list_columns("people", "person_ids", _("people who promised")),
    *list_columns("bodies", "body_ids", _("bodies that promised")),
    *list_columns("settlements", "settlement_ids", _("settlements it was made to")),
    *list_columns("cities", "city_ids", _("cities of those settlements")),
    Column("beneficiary_group", "string", _("The group it was made to, when not a settlement.")),
    Column("subjects", "string", _("Its subjects, separated by “; ”.")),
    Column("election", "string", _("The election it was made in the run-up to.")),
    Column("election_id", "integer", _("That election's id (an event).")),
    *partial_date("election_date", _("That election's date.")),
    Column("source_id", "integer", _("The source it was reported in.")),
    Column("first_published_at", "datetime", _("When Ubada first published it (UTC).")),
]

STATUS_CHANGE_COLUMNS = [
    Column("id", "integer", _("The status change's id."), {"required": True, "unique": True}),
    Column("promise_id", "integer", _("The promise whose status changed."), {"required": True}),
    *partial_date("date", _("When the new status became known.")),
    status_column("from_status", _("The status before; empty for a promise's first recorded "
                                   "change (promises start as not_rated)."), required=False),
    status_column("to_status", _("The new status.")),
    Column("rationale", "string", _("Why, in the editors' words.")),
    Column("source_ids", "string", _("The sources cited, separated by “; ”.")),
    Column("source_urls", "string", _("Their addresses, in the same order: the original's "
                                      "address, else its page on Ubada.")),
    Column("is_correction", "boolean", _("True when this entry corrects an earlier one.")),
    Column("recorded_at", "datetime", _("When the entry was recorded (UTC).")),
]


def header(columns):
    return [column.name for column in columns]
