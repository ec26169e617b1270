"""Corpus: a deterministic generator of policy and think-tank articles, at any scale.

Articles look like the genre relexplorer is built for: a metadata header in one of several
shapes (a portal's ``作者 | 时间`` line, a ``By ...`` byline, YAML front matter, a Markdown byline,
nothing at all), Roman-numeral or Markdown sections with lettered subsections, paragraphs, and
sentences that carry money, percentages, counts, quantities, durations, years and ordinals, and
name people, organisations and places -- plus the digits that are *not* figures (``Su-35``,
``Joint Sea-2017``, ``the two countries``).

Words are drawn from a ranked vocabulary with Zipf-like weights (function words, then the
genre's vocabulary, then a long tail of invented words), so that common and rare terms, and the
prefixes typed on the way to them, match as many facts as they would in real prose. Every
article depends only on ``(seed, index)``: the same arguments always give the same text, and any
article can be made on its own.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

SEED = 20180607
ZIPF_EXPONENT = 1.05
TAIL_WORDS = 150_000

# Function words, roughly in their English frequency order.
_FUNCTION = (
    "the of and to in a that is for on with as by was be it are from at this which has have its "
    "their an not or will more also would were been between than other such they all but these "
    "into can new both further most over after under through while during against well only "
    "those there some about many each them should could very same because however since within "
    "among without toward towards upon whose where when both still even already yet"
).split()

# The genre's own vocabulary, most frequent first.
_GENRE = (
    "countries cooperation two development relations strategic economic trade international "
    "security bilateral partnership political investment energy government regional policy "
    "military global president financial market agreement project projects interests growth "
    "sanctions oil gas infrastructure defense technology summit dialogue exports imports currency "
    "bank fund pipeline tourism students relationship sides mutual trust leaders coordination "
    "comprehensive pragmatic stability peace region western ministry foreign minister national "
    "committee forum council parliament federation republic visit meeting talks statement "
    "framework mechanism platform initiative belt road corridor railway highway bridge port "
    "ports shipping logistics customs tariffs supply chain industrial manufacturing agriculture "
    "grain soybeans forestry mining nuclear power electricity coal liquefied natural reserves "
    "credit loans settlement payment banking capital markets bonds equity shares deal contract "
    "contracts negotiations consensus declaration treaty alliance partners neighbours border "
    "frontier arctic route northern eastern far east siberia central asia europe pacific ocean "
    "maritime naval navy army forces exercise exercises drills missile missiles aircraft fighter "
    "systems defence arms control terrorism extremism cyber space satellite satellites navigation "
    "aerospace aviation helicopter airliner science research universities education culture "
    "media exchange exchanges youth tourists visa visitors cities provinces local governments "
    "enterprises companies firms corporations private public sector sectors services digital "
    "economy ecommerce internet platforms innovation high tech telecommunications networks "
    "standards rules governance order multipolar world hegemony unilateralism protectionism "
    "globalization multilateral institutions organization organizations union community "
    "neighbourhood diplomacy diplomatic ambassador envoy spokesperson officials experts analysts "
    "scholars observers think tank report survey poll percent share ratio volume value total "
    "annual quarterly monthly increase decrease rise decline growth slowdown recovery crisis "
    "pandemic inflation deficit surplus budget spending revenue income prices price costs"
).split()

_SYLLABLES = (
    "ba be bi bo bu da de di do du fa fe fi fo ga ge go ka ke ki ko la le li lo lu ma me mi mo "
    "mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za "
    "zo tra tre tri pro pre con com dis ex in an en un ver ter ser sta stru cla gra ple"
).split()
_SUFFIXES = ("", "", "", "s", "ed", "ing", "ation", "ity", "al", "ment", "ive", "ous", "ism", "er")

_SURNAMES = (
    "Zhao Wang Li Zhang Liu Chen Yang Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Ivanov "
    "Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov "
    "Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Smith Johnson Brown Miller "
    "Davis Wilson Taylor Anderson Clark Lewis Walker Young King Wright Scott Green Baker Adams "
    "Nakamura Tanaka Suzuki Sato Kim Park Lee Choi Singh Sharma Patel Gupta Khan Nazarbayev "
    "Tokayev Mirziyoyev Aliyev Rahmon Schmidt Muller Weber Dubois Moreau Laurent Rossi Bianchi"
).split()
_GIVEN = (
    "Mingwen Jiapei Wei Fang Jun Lei Yan Hong Qiang Ping Xin Yong Jie Tao Hui Dmitry Sergey "
    "Andrei Alexei Mikhail Nikolai Vladimir Igor Oleg Pavel Yuri Anatoly Elena Olga Natalia "
    "Irina Tatiana Svetlana John Michael David Robert James William Richard Thomas Sarah Emily "
    "Anna Maria Laura Hiroshi Kenji Yuki Min-jun Ji-woo Rahul Priya Arjun Kassym-Jomart Nursultan "
    "Shavkat Ilham Emomali Angela Olaf Emmanuel Marco Giulia"
).split()
_LEADERS = (
    ("President", "Xi Jinping"), ("President", "Vladimir Putin"), ("Foreign Minister", "Wang Yi"),
    ("Foreign Minister", "Sergey Lavrov"), ("Premier", "Li Keqiang"),
    ("Prime Minister", "Dmitry Medvedev"), ("President", "Donald Trump"),
    ("Chancellor", "Angela Merkel"), ("Prime Minister", "Narendra Modi"),
    ("Prime Minister", "Shinzo Abe"), ("President", "Emmanuel Macron"),
)
_TITLES = ("President", "Minister", "Ambassador", "Deputy Minister", "Governor", "Chairman",
           "Professor", "Director", "Senior Research Fellow", "Vice Premier", "spokesperson")
_COUNTRIES = (
    "China", "Russia", "the United States", "Japan", "India", "Kazakhstan", "Uzbekistan",
    "Mongolia", "Germany", "France", "the United Kingdom", "South Korea", "North Korea", "Vietnam",
    "Iran", "Turkey", "Brazil", "South Africa", "Pakistan", "Kyrgyzstan", "Tajikistan", "Belarus",
    "Ukraine", "Poland", "Italy", "Canada", "Australia", "Indonesia", "Malaysia", "Singapore",
    "Thailand", "Egypt", "Saudi Arabia", "Qatar", "Norway", "Finland", "Serbia", "Hungary",
)
_CITIES = (
    "Beijing", "Moscow", "Shanghai", "Harbin", "Vladivostok", "Novosibirsk", "Kazan",
    "Yekaterinburg", "Zhengzhou", "Heihe", "Blagoveshchensk", "Tongjiang", "Khabarovsk",
    "St. Petersburg", "Irkutsk", "Urumqi", "Manzhouli", "Suifenhe", "Dalian", "Tianjin",
    "Shenzhen", "Guangzhou", "Chongqing", "Chengdu", "Xi'an", "Astana", "Almaty", "Tashkent",
    "Bishkek", "Ulaanbaatar", "Washington", "New York", "Brussels", "Berlin", "Paris", "London",
    "Tokyo", "Seoul", "New Delhi", "Tehran", "Ankara", "Minsk", "Kyiv", "Warsaw", "Hamburg",
    "Rotterdam", "Duisburg", "Yamal", "Sakhalin", "Murmansk",
)
_REGIONS = ("the Far East", "Central Asia", "the Arctic", "Siberia", "the Baltic Sea",
            "the Sea of Japan", "the South China Sea", "the Korean Peninsula", "Eurasia",
            "the Asia-Pacific region", "the Middle East", "Eastern Europe")
_ORGS = (
    "Rosneft", "Gazprom", "Novatek", "Sinopec", "China National Petroleum Corporation",
    "the Export-Import Bank of China", "China Development Bank", "the Russian Direct Investment Fund",
    "the Shanghai Cooperation Organization", "the Eurasian Economic Union", "BRICS",
    "the World Bank", "the International Monetary Fund", "the United Nations", "NATO",
    "the European Union", "ASEAN", "the Asian Infrastructure Investment Bank",
    "the Silk Road Fund", "Huawei", "Alibaba", "Aliexpress", "UnionPay", "Rosatom", "Transneft",
    "Lukoil", "Sberbank", "VTB", "the Bank of China", "the People's Bank of China",
    "the Central Bank of Russia", "the World Trade Organization", "the G20", "APEC",
    "the Communist Party of China", "United Russia", "the State Duma", "the National People's Congress",
    "CNSA", "Roscosmos", "CRAIC", "COSCO", "Russian Railways", "China Railway Group",
    "the China Institute of International Studies", "the Valdai Discussion Club",
    "the Carnegie Moscow Center", "the Russian International Affairs Council",
)
_INSTITUTE_FIELDS = ("International Studies", "Strategic Studies", "Contemporary International Relations",
                     "World Economy", "Eurasian Studies", "Far Eastern Studies", "Security Studies")
_INDUSTRIES = ("Energy", "Petroleum", "Railway", "Shipping", "Investment", "Aviation", "Nuclear",
               "Grain", "Mining", "Telecom", "Power Grid", "Steel", "Automotive", "Chemical")
_JOURNALS = (
    "Peace and Development", "International Studies", "Contemporary International Relations",
    "China International Studies", "Russia in Global Affairs", "Strategic Review",
    "Asia Policy", "The Diplomat", "Foreign Affairs Review", "Eurasia Quarterly",
    "Global Times", "Valdai Papers", "Policy Brief", "Security Dialogue",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "fifty", "hundred")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_THEMES = (
    "Trade and Investment", "Energy Cooperation", "Military and Security Cooperation",
    "Political Mutual Trust", "Financial Cooperation", "People-to-People Exchanges",
    "Infrastructure and Connectivity", "Regional Coordination", "Science and Technology",
    "Agriculture and Food Security", "Space and Aviation", "Multilateral Coordination",
    "Challenges and Prospects", "Arctic Cooperation", "Cross-border Cooperation",
)
_VERBS = (
    "reached", "signed", "increased", "expanded", "promoted", "stressed", "agreed", "launched",
    "completed", "strengthened", "deepened", "supported", "discussed", "announced", "approved",
    "exceeded", "declined", "grew", "invested", "delivered", "held", "established", "proposed",
    "reiterated", "emphasized", "welcomed", "opposed", "condemned", "reviewed", "upgraded",
)
_NOUN_HEADS = (
    "bilateral trade", "investment", "trade volume", "crude oil supply", "natural gas exports",
    "the joint fund", "the project", "cooperation", "tourist flows", "the loan", "the agreement",
    "military cooperation", "energy cooperation", "the pipeline", "grain exports",
    "the number of students", "foreign direct investment", "the exchange rate",
    "the trade surplus", "agricultural imports", "the share of settlements in national currencies",
)
_FIGURE_KINDS = ("money", "percent", "count", "quantity", "duration", "date", "ordinal")


@dataclass(slots=True)
class Article:
    """One generated article: its source text and what the generator put into it."""

    name: str  # a file name, e.g. ``a000042.md``
    fmt: str  # "txt" or "md"
    text: str
    facts: int  # body sentences written
    header: str  # the header shape used
    sections: str  # the section style used
    figures: Counter = field(default_factory=Counter)  # figure phrases written, by kind
    sentences: list[str] | None = None  # the body sentences, when asked for


@lru_cache(maxsize=4)
def vocabulary(tail: int = TAIL_WORDS) -> tuple[str, ...]:
    """The ranked vocabulary: function words, the genre's words, then invented tail words."""
    rng = random.Random(SEED)
    seen = set(_FUNCTION) | set(_GENRE)
    words = list(dict.fromkeys(_FUNCTION + _GENRE))
    while len(words) < len(dict.fromkeys(_FUNCTION + _GENRE)) + tail:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
        word = stem + rng.choice(_SUFFIXES)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return tuple(words)


@lru_cache(maxsize=4)
def _weights(n: int, exponent: float = ZIPF_EXPONENT) -> tuple[float, ...]:
    total, cumulative = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / (rank + 2.7) ** exponent  # Mandelbrot's offset flattens the very top
        cumulative.append(total)
    return tuple(cumulative)


class _Writer:
    """Draws the pieces of one article from its own random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = vocabulary()
        self.cum = _weights(len(self.words))
        self.figures: Counter = Counter()
        self.people = [f"{rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}" for _ in range(6)]
        self.pair = rng.sample(_COUNTRIES[:12], 2) if rng.random() < 0.8 else rng.sample(_COUNTRIES, 2)
        self.year = rng.randint(2008, 2023)

    def filler(self, lo: int, hi: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(lo, hi)))

    def number(self, lo: float, hi: float, decimals: int) -> str:
        value = self.rng.uniform(lo, hi)
        return f"{value:,.{decimals}f}" if decimals else f"{int(value):,}"

    # -- named things ---------------------------------------------------------------------

    def person(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            title, name = self.rng.choice(_LEADERS)
            return f"{title} {name}" if self.rng.random() < 0.6 else name
        name = self.rng.choice(self.people) if r < 0.8 else f"{self.rng.choice(_GIVEN)} {self.rng.choice(_SURNAMES)}"
        return f"{self.rng.choice(_TITLES)} {name}" if self.rng.random() < 0.5 else name

    def org(self) -> str:
        r = self.rng.random()
        if r < 0.75:
            return self.rng.choice(_ORGS)
        if r < 0.88:
            return f"the {self.rng.choice(_CITIES)} Institute of {self.rng.choice(_INSTITUTE_FIELDS)}"
        return f"{self.rng.choice(_COUNTRIES).removeprefix('the ')} {self.rng.choice(_INDUSTRIES)} Corporation"

    def place(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(self.pair)
        if r < 0.65:
            return self.rng.choice(_COUNTRIES)
        if r < 0.9:
            return self.rng.choice(_CITIES)
        return self.rng.choice(_REGIONS)

    def country(self) -> str:
        return self.rng.choice(self.pair) if self.rng.random() < 0.7 else self.rng.choice(_COUNTRIES)

    # -- figures --------------------------------------------------------------------------

    def money(self) -> str:
        self.figures["money"] += 1
        rng = self.rng
        scale = rng.choice(("billion", "billion", "million", "million", "trillion"))
        amount = self.number(1, 999, rng.choice((0, 1, 1, 2, 3)))
        style = rng.randrange(8)
        if style < 3:
            return f"${amount} {scale}"
        if style == 3:
            return f"US${amount} {scale}"
        if style == 4:
            return f"{amount} {scale} {rng.choice(('RMB', 'yuan'))}"
        if style == 5:
            return f"{amount} {scale} rubles"
        if style == 6:
            return f"€{amount} {scale}"
        return f"£{amount} {scale}"

    def percent(self) -> str:
        self.figures["percent"] += 1
        value = self.number(0.1, 99, self.rng.choice((0, 1, 1)))
        return f"{value}{self.rng.choice((' percent', ' percent', '%', ' per cent'))}"

    def count(self) -> str:
        self.figures["count"] += 1
        rng = self.rng
        what = rng.choice(("tourists", "students", "projects", "enterprises", "visitors", "flights",
                           "containers", "delegations", "joint ventures", "consumers"))
        if rng.random() < 0.25:
            return f"{rng.choice(_NUMBER_WORDS[:9])} hundred thousand {what}"
        if rng.random() < 0.2:
            return f"{rng.choice(_NUMBER_WORDS[:8])} times"
        return f"{self.number(3, 90000, 0)} {what}"

    def quantity(self) -> str:
        self.figures["quantity"] += 1
        rng = self.rng
        unit = rng.choice(("million tons of LNG", "billion cubic meters of natural gas",
                           "million tons of crude oil", "kilometers", "megawatts",
                           "million barrels per day", "tons of soybeans", "hectares"))
        return f"{self.number(1, 900, rng.choice((0, 1)))} {unit}"

    def duration(self) -> str:
        self.figures["duration"] += 1
        rng = self.rng
        style = rng.randrange(4)
        if style == 0:
            return f"the first {rng.randint(2, 11)} months"
        if style == 1:
            return f"a {rng.choice((5, 10, 15, 20, 25, 30))}-year"
        if style == 2:
            return f"{rng.choice(_NUMBER_WORDS[:6])} years"
        return f"{rng.randint(2, 40)} days"

    def date(self) -> str:
        self.figures["date"] += 1
        rng = self.rng
        year = self.year + rng.randint(-6, 4)
        style = rng.randrange(5)
        if style == 0:
            return f"in {year}"
        if style == 1:
            return f"from {year} to {year + rng.randint(2, 8)}"
        if style == 2:
            return f"by {year + rng.randint(1, 12)}"
        if style == 3:
            return f"on {rng.randint(1, 28)} {rng.choice(_MONTHS)} {year}"
        return f"in {rng.choice(_MONTHS)} {year}"

    def ordinal(self) -> str:
        self.figures["ordinal"] += 1
        rng = self.rng
        n = rng.randint(2, 25)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        if rng.random() < 0.5:
            return f"the {n}{suffix} largest"
        return f"the {rng.choice(_ORDINALS)} {rng.choice(('round', 'session', 'meeting', 'batch'))}"

    def distractor(self) -> str:
        return self.rng.choice((
            "the two countries", "the two sides", "Su-35 fighters", "S-400 systems",
            f"the Joint Sea-{self.year} exercise", "the 052D destroyer", "the CR929 airliner",
            "the G20", "the two governments", "Covid-19",
        ))

    # -- sentences ------------------------------------------------------------------------

    def sentence(self) -> str:
        rng = self.rng
        f = self.filler
        c1, c2 = self.pair
        kind = rng.randrange(24)
        if kind == 0:
            s = f"{self.date().capitalize()}, {rng.choice(_NOUN_HEADS)} between {c1} and {c2} {rng.choice(_VERBS)} {self.money()}, {f(1, 4)} a {self.percent()} growth {f(2, 8)}"
        elif kind == 1:
            s = f"{self.person()} said that {f(6, 16)} {self.place()} {f(3, 10)}"
        elif kind == 2:
            s = f"{self.org()} {rng.choice(_VERBS)} an agreement with {self.org()} to {f(4, 10)} worth {self.money()} {f(2, 8)}"
        elif kind == 3:
            s = f"For {self.duration()} of last year, {rng.choice(_NOUN_HEADS)} grew by {self.percent()} {f(3, 9)}"
        elif kind == 4:
            s = f"{self.country()} has become {self.ordinal()} {f(2, 5)} of {self.country()}, {f(4, 12)}"
        elif kind == 5:
            s = f"The {f(1, 3)} of {self.place()} {f(8, 20)} {self.date()}"
        elif kind == 6:
            s = f"About {self.percent()} of the {f(1, 3)} believed {f(6, 14)}, and {self.percent()} {f(3, 8)}"
        elif kind == 7:
            s = f"{self.place()} will supply {self.quantity()} {f(2, 6)} every year {self.date()}"
        elif kind == 8:
            s = f"{self.count().capitalize()} {f(3, 8)} {self.place()} {self.date()}, {f(3, 8)}"
        elif kind == 9:
            s = f"{self.person()} met {self.person()} {self.count() if rng.random() < 0.5 else 'several times'} {f(5, 14)}"
        elif kind == 10:
            s = f"{f(1, 2).capitalize()} {self.distractor()} {f(6, 14)} {self.place()}"
        elif kind == 11:
            s = f"{self.org()} signed {self.duration()} contract worth {self.money()} with {self.org()} {f(3, 10)}"
        elif kind == 12:
            s = f"According to {self.org()}, {f(6, 18)} {self.percent()} {f(2, 6)}"
        elif kind == 13:
            s = f"The {self.distractor().removeprefix('the ')} {f(5, 14)} {self.date()}"
        elif kind == 14:
            s = f"{self.person()} visited {self.place()} and {f(5, 15)} {self.org()} {f(2, 6)}"
        elif kind == 15:
            s = f"{rng.choice(('Although', 'While', 'As', 'Since'))} {f(6, 12)}, {f(6, 14)}"
        elif kind == 16:
            s = f"The {f(1, 2)} of {c1} and {c2} {rng.choice(_VERBS)} {f(8, 22)}"
        elif kind == 17:
            s = f"{self.money().capitalize() if rng.random() < 0.2 else 'A total of ' + self.money()} was {rng.choice(_VERBS)} {f(3, 9)} {self.date()}"
        elif kind == 18:
            s = f"{self.place()} and {self.place()} {rng.choice(_VERBS)} {f(6, 16)} {self.quantity()}"
        elif kind == 19:
            s = f"In the {rng.choice(_ORDINALS)} {rng.randint(2, 11)} months, {rng.choice(_NOUN_HEADS)} {rng.choice(('rose', 'fell', 'grew'))} by {self.percent()} to {self.money()}"
        else:
            s = f"{f(1, 2).capitalize()} {f(10, 26)}"
        if rng.random() < 0.45:
            s += f", {rng.choice(('which', 'while', 'as', 'and', 'with'))} {f(3, 10)}"
        return s[0].upper() + s[1:] + "."

    def heading(self) -> str:
        if self.rng.random() < 0.6:
            return self.rng.choice(_THEMES)
        return " ".join(w.capitalize() for w in self.filler(3, 7).split())


def _header(w: _Writer, title: str, shape: int) -> tuple[str, str, str]:
    """``(header text, fmt, shape name)``."""
    rng = w.rng
    author = f"{rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}"
    editor = f"{rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}"
    journal = rng.choice(_JOURNALS)
    year = w.year + 1
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    iso = f"{year}-{month:02d}-{day:02d}"
    if shape == 0:
        return (f"{title}\n\n:{journal} | 作者: {author} | 时间: {iso} | 责编: {editor}\n"
                "Adjust font size: + -\n\n\n", "txt", "portal")
    if shape == 1:
        return (f"{title}\n\nBy {author}\n{journal}, {_MONTHS[month - 1]} {day}, {year}\n\n", "txt", "byline")
    if shape == 2:
        return (f"{title}\nAuthor: {author} | Published: {iso} | Source: {journal}\n\n", "txt", "fields")
    if shape == 3:
        return (f'---\ntitle: "{title}"\nauthor: {author}\ndate: {iso}\nsource: {journal}\n---\n\n'
                f"# {title}\n\n", "md", "front-matter")
    if shape == 4:
        return (f"# {title}\n\n*By {author}* · {journal} · {day} {_MONTHS[month - 1]} {year}\n\n", "md", "md-byline")
    return f"{title}\n\n", "txt", "title-only"


def article(index: int, seed: int = SEED, sentences: int | None = None, *, keep_sentences: bool = False) -> Article:
    """Article number ``index`` of the corpus ``seed`` (with ``sentences`` body sentences)."""
    # Offset from the seed of the length draw, so that the two streams are independent.
    rng = random.Random(seed * 1_000_003 + index + 500_000)
    w = _Writer(rng)
    n = sentences if sentences is not None else _article_length(random.Random(seed * 1_000_003 + index))
    c1, c2 = w.pair
    title = (f"{c1.removeprefix('the ')}-{c2.removeprefix('the ')} "
             f"{rng.choice(('Relations', 'Relationship', 'Cooperation', 'Partnership'))}: "
             f"{w.heading()}")
    shape = rng.randrange(6)
    header, fmt, shape_name = _header(w, title, shape)
    style = ("markdown" if fmt == "md" else rng.choice(("roman", "roman", "numbered", "none"))) \
        if rng.random() < 0.85 else "none"
    parts = [header]
    body: list[str] = []
    written = 0
    # Sections of 2-5 paragraphs; a lettered subsection starts some paragraphs.
    section_no = 0
    intro = style != "none"
    while written < n:
        if intro:
            intro = False
        elif style != "none" or section_no == 0:
            section_no += 1
            if style == "roman":
                parts.append(f"\n{_ROMAN[(section_no - 1) % len(_ROMAN)]}.{' ' * rng.randint(1, 19)}{w.heading()}\n\n\n")
            elif style == "numbered":
                parts.append(f"\n{section_no}. {w.heading()}\n\n")
            elif style == "markdown":
                label = f"{_ROMAN[(section_no - 1) % len(_ROMAN)]}. " if rng.random() < 0.5 else ""
                parts.append(f"## {label}{w.heading()}\n\n")
        for p in range(rng.randint(2, 5)):
            k = min(n - written, rng.randint(2, 8))
            if k <= 0:
                break
            sents = [w.sentence() for _ in range(k)]
            written += k
            body.extend(sents)
            lead = ""
            if style in ("roman", "numbered") and section_no and rng.random() < 0.25:
                lead = f"{'ABCDEFGH'[p]}. {w.heading()}. "
            elif style == "markdown" and rng.random() < 0.15:
                parts.append(f"### {w.heading()}\n\n")
            parts.append(lead + " ".join(sents) + ("\n\n" if rng.random() < 0.8 else " \n\n"))
    if rng.random() < 0.7:
        author = f"{rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}"
        parts.append(f"\n\n\n{author} is {rng.choice(_TITLES)} at "
                     f"the {rng.choice(_CITIES)} Institute of {rng.choice(_INSTITUTE_FIELDS)}.\n")
    if rng.random() < 0.5:
        parts.append(f"\n\nSource: {rng.choice(_JOURNALS)}, No.{rng.randint(1, 6)} {w.year + 1}.")
    text = "".join(parts)
    name = f"a{index:06d}.{fmt}"
    return Article(name, fmt, text, written, shape_name, style, w.figures, body if keep_sentences else None)


def _article_length(rng: random.Random) -> int:
    # Articles of the genre run from short briefs to long reports: 20 to 160 sentences.
    return max(20, min(160, int(rng.lognormvariate(4.1, 0.45))))


def articles(facts: int, seed: int = SEED, *, keep_sentences: bool = False) -> Iterator[Article]:
    """Articles holding exactly ``facts`` body sentences in all (the last one is cut short)."""
    index = 0
    remaining = facts
    while remaining > 0:
        length = _article_length(random.Random(seed * 1_000_003 + index))
        a = article(index, seed, min(length, remaining), keep_sentences=keep_sentences)
        remaining -= a.facts
        index += 1
        yield a


def word_frequencies(texts: Iterator[str] | list[str]) -> Counter:
    """Lower-cased word counts of some texts (to check the frequency spread)."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(re.findall(r"[a-z]+", text.lower()))
    return counts
