"""The data files' shapes: the one source of truth for validation and for the JSON Schemas."""

from __future__ import annotations

from audit.model import Status
from audit.shape import Boolean, Choice, Day, Document, Either, Field, Integer, ListOf, MapOf, Struct, Text

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
BODY_ID = Text(pattern=ID_PATTERN, pattern_hint="an id (lower-case letters, digits and single hyphens)")
RECOMMENDATION_ID = Text(
    pattern=r"[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*",
    pattern_hint="a recommendation id (letters and digits, e.g. 4 or A1)",
)
ADDRESSEE_ALL = "all"
MAX_YEARS = 10
"""The longest period a deadline rule or a rule parameter may span: a larger value is a typo, and
would take the checks past the calendar (or, counting working days, minutes to work out)."""

BODY = Struct(
    {
        "id": Field(BODY_ID, required=True),
        "name": Field(Text("The name people use"), required=True),
        "kind": Field(
            Text("The id of its kind (declared under kinds; by default force, pcc or national)", ID_PATTERN, "a kind"), required=True
        ),
        "area": Field(Text("The area a force or commissioner serves")),
        "aliases": Field(ListOf(Text(), "Other labels for the body, e.g. on a status page")),
        "holds_to_account": Field(
            Text(
                pattern=ID_PATTERN,
                pattern_hint="a body id",
                description="For a kind that holds another to account (pcc): the id of the body it holds to account",
            )
        ),
        "from": Field(Day("The first day the body existed, if it began recently")),
        "until": Field(Day("The last day the body existed, if it has ceased")),
    },
    "A public body that reports address",
)

KIND = Struct(
    {
        "id": Field(BODY_ID, required=True),
        "label": Field(Text("One body of the kind, as a status page heads its list (Police force)"), required=True),
        "plural": Field(Text("Bodies of the kind, as a report heads them (Forces)"), required=True),
        "short": Field(Text("A short plural for narrow columns (default: the plural)")),
        "section": Field(Text("The heading of the kind's section on a report's web page (default: the plural)")),
        "description": Field(Text("What one body of the kind is, in full, on its web page (default: the label)")),
        "every": Field(Text("The kind as an addressee, in words: every police force (default: every and the label)")),
        "updates": Field(Boolean("Show each body's response as an update of its own, before the other kinds (default: false)")),
        "holds_to_account": Field(Text("The id of the kind each of these holds to account", ID_PATTERN, "a kind's id")),
    },
    "A kind of body",
)

BODIES = Document(
    "bodies",
    Struct(
        {
            "kinds": Field(ListOf(KIND, "The kinds of body (default: force, pcc and national)", min_items=1)),
            "bodies": Field(ListOf(BODY, min_items=1), required=True),
        }
    ),
    "audit: data/bodies.yaml",
)

ADDRESSEES = ListOf(
    Text(pattern=ID_PATTERN, pattern_hint="an addressee (force, pcc, national, all, or a body id)"),
    "Addressees: a kind of body, a body id, or all",
    min_items=1,
)

RECOMMENDATION = Struct(
    {
        "id": Field(RECOMMENDATION_ID, required=True),
        "kind": Field(Choice(("recommendation", "action"))),
        "to": Field(ADDRESSEES, required=True),
        "text": Field(Text("The recommendation's words, or our summary of them"), required=True),
        "summary": Field(Boolean("True where text is our summary, not the report's words")),
    }
)

DEADLINE = Struct(
    {
        "months": Field(Integer("Calendar months from publication, clamped to the month's end", minimum=1, maximum=12 * MAX_YEARS)),
        "days": Field(Integer("Days beginning with the day of publication (which is day 1)", minimum=1, maximum=366 * MAX_YEARS)),
        "days_after": Field(Integer("Days after the day of publication (which is day 0)", minimum=1, maximum=366 * MAX_YEARS)),
        "working_days": Field(
            Integer("Working days in England and Wales after the day of publication", minimum=1, maximum=261 * MAX_YEARS)
        ),
        "date": Field(Day("A due date the report sets itself")),
    },
    "How the response deadline is derived from the publication date",
    one_of=("months", "days", "days_after", "working_days", "date"),
)

EXTENSION = Struct(
    {
        "body": Field(BODY_ID, required=True),
        "until": Field(Day("The new due date"), required=True),
        "granted": Field(Day("The day the extension was granted"), required=True),
    },
    "A later due date granted to one body",
)

REPORT = Document(
    "report",
    Struct(
        {
            "title": Field(Text(), required=True),
            "short_title": Field(Text()),
            "complainant": Field(Text()),
            "published": Field(Day("The date the report was published"), required=True),
            "source": Field(Text()),
            "deadline": Field(DEADLINE, required=True),
            "respondents": Field(ADDRESSEES),
            "extensions": Field(ListOf(EXTENSION)),
            "recommendations": Field(ListOf(RECOMMENDATION, min_items=1), required=True),
        }
    ),
    "audit: data/reports/<report>.yaml",
)

EVIDENCE = Struct(
    {
        "quote": Field(Text("The letter's own words")),
        "summary": Field(Text("Our summary of what the letter says")),
        "where": Field(Text("Where it stands in the letter")),
    },
    one_of=("quote", "summary"),
)

ANSWER = Struct(
    {
        "status": Field(Choice(tuple(s.value for s in Status)), required=True),
        "evidence": Field(ListOf(EVIDENCE)),
    }
)

DATE_RANGE = Struct(
    {"earliest": Field(Day(), required=True), "latest": Field(Day(), required=True)},
    "Bounds, both days included, where the exact date is not known",
)

RESPONSE = Document(
    "response",
    Struct(
        {
            "body": Field(BODY_ID, required=True),
            "report": Field(BODY_ID, required=True),
            "received": Field(Either(Day(), DATE_RANGE, "When the response was received"), required=True),
            "published": Field(Boolean("Whether the response has been published"), required=True),
            "source": Field(Text("Where this response is recorded")),
            "joint_with": Field(ListOf(BODY_ID, "Other bodies this one letter answers for")),
            "recommendations": Field(MapOf(RECOMMENDATION_ID, ANSWER)),
        }
    ),
    "audit: data/responses/<report>/<body>.yaml",
)

CHASE_VIAS = ("letter", "email")

CHASE = Struct(
    {
        "date": Field(Day("The day the chase was sent"), required=True),
        "body": Field(BODY_ID, required=True),
        "sent_by": Field(ListOf(Text(), "Who signed or sent it", min_items=1), required=True),
        "via": Field(Choice(CHASE_VIAS, "How it was sent"), required=True),
        "note": Field(Text("Anything worth keeping about it")),
    },
    "A reminder sent to a body about the response it owes",
)

CHASES = Document(
    "chases",
    Struct({"chases": Field(ListOf(CHASE, "Oldest first; new chases are added at the end", min_items=1), required=True)}),
    "audit: data/chases/<report>.yaml",
)
