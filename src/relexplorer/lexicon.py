"""Shared vocabulary of the genre and the loading of the bundled data files.

One definition of each word list and constant that more than one stage uses: month and weekday
names, the years a date may plausibly name, the longest line that can still be a header,
byline or metadata line, and :func:`load_data` for the YAML files in ``data/``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)
# Month names and abbreviations, lower case, with the month's number.
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{abbr.lower(): next(n for n, name in enumerate(MONTH_NAMES, 1) if name.startswith(abbr[:3]))
       for abbr in MONTH_ABBREVIATIONS},
}
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The years a date in an article may name; a four-digit number outside is not a year.
YEAR_MIN = 1800
YEAR_MAX = 2100

# The longest line that may still be a header, byline, source or metadata line (characters):
# longer lines are prose.
LINE_MAX = 160


def is_year(value: float | int) -> bool:
    """True when ``value`` is a whole number between :data:`YEAR_MIN` and :data:`YEAR_MAX`."""
    return value == int(value) and YEAR_MIN <= value <= YEAR_MAX


@cache
def data_text(name: str) -> str:
    """The text of a bundled data file (``data/NAME``)."""
    return resources.files("relexplorer").joinpath("data", name).read_text("utf-8")


def load_data(name: str):
    """Parse a bundled YAML data file (``data/NAME``) with the fastest safe loader."""
    return parse_yaml(data_text(name))


def parse_yaml(text: str):
    """Parse YAML with the fastest safe loader (libyaml's when installed); ``{}`` when empty."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader) or {}  # noqa: S506 - a safe loader, chosen above


# --------------------------------------------------------------------------------------------
# Added with the split of the structure parser (extract/structure/): words and characters it
# shares with sentence splitting (extract/sentences.py) and the reader (read/reader.py).

# Abbreviated weekday names, as datelines write them ("Mon, 5 Jan 2021"); a sentence does not
# end after them either.
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = (
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
)

# Characters that end a sentence, Latin and CJK.
SENTENCE_END = ".!?。！？"
# A line that ends in none of these runs on into the next one: the reader joins such
# hard-wrapped lines, the structure parser merges them into one paragraph.
LINE_END = SENTENCE_END + ':;"”’)]'

# The heading the structure parser gives the lead (the body before the first heading); a
# citation does not name it, as the article has no such heading.
LEAD_HEADING = "Introduction"

# --------------------------------------------------------------------------------------------
# Added for text copied from pages (extract/structure/: metadata, outlet).

# News agencies, as by-lines, datelines ("BEIJING, March 5 (Xinhua) --") and photo credits
# name them: an agency is no author, and no outlet either (a site that carries wire copy is
# the outlet).
NEWS_AGENCIES: tuple[str, ...] = (
    "Agence France-Presse", "AFP", "Anadolu Agency", "Anadolu", "ANI", "ANSA", "ANTARA", "Antara",
    "AP", "The Associated Press", "Associated Press", "APP", "Bernama", "BTA", "China News Service",
    "CNA", "CTK", "dpa", "DPA", "EFE", "Interfax", "IANS", "IRNA", "Jiji Press", "KCNA", "Kyodo",
    "Kyodo News", "KUNA", "Lusa", "MENA", "MTI", "NAN", "PAP", "PNA", "Prensa Latina", "PTI",
    "QNA", "Reuters", "RIA Novosti", "SPA", "Sputnik", "Tanjug", "TASS", "UNI", "UPI", "VNA",
    "WAM", "Xinhua", "Xinhua News Agency", "Yonhap", "Yonhap News Agency", "Agencies",
)

# Words of a publication's name ("The Jakarta Post", "People's Daily", "Bangkok Post"): a
# name with one of them is taken for an outlet where a page names itself.
OUTLET_WORDS: frozenset[str] = frozenset(
    """Post Times Daily News Herald Tribune Journal Gazette Observer Monitor Express Telegraph
    Guardian Chronicle Globe Mail Star Standard Review Weekly Monthly Quarterly Magazine Press
    Diplomat Economist Insider Inquirer Nation Courier Dispatch Sun Independent Mirror Report
    Today Online Affairs Policy Sentinel Examiner Register Bulletin Digest Outlook Asia Week
    Forum Statesman Spectator Atlantic Record Leader Wire Agency""".split()
)

# Labels printed above a title ("COMMENTARY", "Opinion"), lower case: never the title itself.
KICKERS: frozenset[str] = frozenset(
    (
        "commentary, opinion, analysis, editorial, column, feature, features, essay, interview, "
        "news, perspective, perspectives, blog, op-ed, review, report, comment, viewpoint, insight, "
        "insights, explainer, brief, policy brief, long read, article, research, breaking, "
        "breaking news, exclusive, live, update, latest, world, politics, business, economy"
    ).split(", ")
)

# --------------------------------------------------------------------------------------------
# Added with speakers (extract/speakers/): the name stored for an unnamed source that the text
# does not describe ("allegedly", "has been accused of"); shown as "an unnamed source".
UNNAMED_SOURCE = "unnamed source"
