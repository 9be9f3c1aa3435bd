"""Canonical names of people, organisations and places, so one entity is one key across articles.

The tagger's output is cleaned of page furniture ("Publicité", "Devenez"), of apostrophe words glued to a
name ("OTAN n’"), of job titles taken for organisations, and of names it cuts in two ("Kim Jong" + "Un");
spellings are then merged through lexicon/entities.yaml ("l'Otan" = "OTAN", "Kyiv" = "Kiev").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extract import nlp, safeyaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LEXICON = Path(__file__).parent / "lexicon" / "entities.yaml"
LABELS = {"PER", "ORG", "LOC"}
CACHE_KEY = "recoupe.entities"  # per-Doc cache of the article's entity spans (plain user_data, no extension)
LINKS = {"de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "les"}
LEADING = re.compile(r"^(?:(?:le|la|les|du|des|de|au|aux)\s+|[ld]['’]\s*)+", re.IGNORECASE)
TRAILING_ELISION = re.compile(r"(?:\s+\w{1,3}['’])+$")  # "OTAN n’", "Rutte s’"
LEADING_ELISION = re.compile(r"^(?:\w{1,5}['’])(?=\w)")  # "qu’Ukraine" -> "Ukraine"
TRAILING_PHRASE = re.compile(r"\s+(?:sur|lors|dans|avec|par|à|selon|contre|depuis)\s.*$")  # "Alliance sur X"
DEMONYM = re.compile(r"^(?:Nord|Sud|Est|Ouest)-[A-ZÉ][a-zéè]+(?:en|enne|ens|ennes|ais|aise|ois|oise)$")
ADJECTIVE_ENDINGS = ("ien", "iens", "ienne", "iennes", "éen", "éens", "éenne", "éennes", "ain", "ains", "aine", "aines",
                     "aise", "aises", "oise", "oises")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " "})


@dataclass(frozen=True)
class Names:
    """The alias table: normalised key -> canonical name, plus words that are never names."""

    canonical: dict[str, str]
    noise: frozenset[str]
    roles: frozenset[str]
    titles: tuple[str, ...]
    posts: dict[str, str] = field(default_factory=dict)  # a leader's title -> its group's first spelling
    leader_words: frozenset[str] = frozenset()
    portfolios: dict[tuple[str, ...], str] = field(default_factory=dict)  # title words (no country) -> portfolio
    hypernyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "magistrat" -> the titles it stands for


def key(name: str) -> str:
    """Comparison key: no accents, apostrophes, hyphens, case or leading article."""
    name = unicodedata.normalize("NFC", name).translate(APOSTROPHES).strip()
    name = LEADING.sub("", name)
    name = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-'.]+", " ", name).strip().lower()


@functools.cache
def names() -> Names:
    """Load the alias table once."""
    data = safeyaml.read(str(LEXICON), "extract/lexicon/entities.yaml")
    table: dict[str, str] = {}
    for canonical_name, variants in sorted(data.get("aliases", {}).items()):
        for variant in [canonical_name, *(variants or [])]:
            table.setdefault(key(variant), canonical_name)
    return Names(
        canonical=table,
        noise=frozenset(w.lower() for w in data.get("noise", [])),
        roles=frozenset(w.lower() for w in data.get("roles", [])),
        titles=tuple(data.get("titles", [])),
        posts={title.lower(): group[0].lower() for group in data.get("leader_titles", []) for title in group},
        leader_words=frozenset(w.lower() for w in data.get("leader_words", [])),
        portfolios={
            tuple(_words(title)): name for name, titles in data.get("portfolio_titles", {}).items() for title in titles
        },
        hypernyms={
            word.lower(): tuple(t.lower() for t in titles) for word, titles in data.get("role_hypernyms", {}).items()
        },
    )


def clean(name: str) -> str:
    """A tagged name without article, title, glued elisions, stray punctuation or extra spaces."""
    name = unicodedata.normalize("NFC", name).translate(APOSTROPHES)
    name = re.sub(r"\s+", " ", name).strip(" .,;:!?«»“”\"()[]-–—")
    name = TRAILING_PHRASE.sub("", name)
    name = TRAILING_ELISION.sub("", name)
    name = LEADING_ELISION.sub("", name)
    name = LEADING.sub("", name)
    for title in names().titles:
        if name.startswith(title + " "):
            name = name[len(title) + 1 :]
    return name.strip(" .,;:")


def canonical(name: str) -> str:
    """The one spelling of an entity shown and merged across articles ("l'Otan" -> "OTAN")."""
    cleaned = clean(name)
    found = names().canonical.get(key(cleaned))
    if found:
        return found
    return cleaned[:1].upper() + cleaned[1:] if cleaned else cleaned


def _words(text: str) -> list[str]:
    """Lower-case words of a title, elisions split off ("d'état" -> "d'", "état")."""
    text = unicodedata.normalize("NFC", text).translate(APOSTROPHES).lower()
    return re.findall(r"\w+'|[\w\-]+", text)


def _portfolio(title: str) -> tuple[str, str] | None:
    """("portfolio:<name>", country) for "ministre russe des Affaires étrangères", "chef de la diplomatie russe"."""
    words = _words(title)
    for k, word in enumerate(words):
        name = names().portfolios.get(tuple(words[:k] + words[k + 1 :]))
        if name and len(word) > 3 and re.fullmatch(r"[^\W\d_]{2,}(?:-[^\W\d_]+)?", word):
            country = re.sub(r"nn$", "n", re.sub(r"e$", "", word))  # "américaine" and "américain" are one
            return "portfolio:" + name, country
    return None


def portfolio(title: str) -> str | None:
    """The post a title names whatever country it gives: "chef de l'État", "président de la République" and
    "président russe" all name a head of state ("présidence")."""
    words = _words(title)
    if words[-3:] == ["de", "la", "république"]:
        words = words[:-3]
    if tuple(words) in names().portfolios:
        return names().portfolios[tuple(words)]
    found = _portfolio(title)
    return found[0].removeprefix("portfolio:") if found else None


def post(title: str) -> tuple[str, str] | None:
    """(post, canonical organisation) of a leader's title: "chef de l'Alliance" -> ("leader", "OTAN").

    The post is its group's first spelling, or "leader" for words that name the head of anything; a minister's
    post is ("portfolio:<name>", country adjective) ("chef de la diplomatie russe").
    """
    found = _portfolio(title)
    if found:
        return found
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", title).translate(APOSTROPHES)).strip()
    match = re.match(r"(?i)(.+?) (?:de la |de l'|de |du |des |d')(.+)$", text.replace("de l' ", "de l'"))
    if match is None:
        return None
    head, org = match.group(1).lower(), match.group(2)
    table = names()
    kind = "leader" if head in table.leader_words else table.posts.get(head)
    if kind is None or not org[:1].isupper():
        return None
    return kind, canonical(org)


def same_post(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether two leaders' titles can name one person: same organisation, same post or a word for any head."""
    if a is None or b is None or a[1] != b[1]:
        return False
    ministers = a[0].startswith("portfolio:") or b[0].startswith("portfolio:")
    return a[0] == b[0] or ("leader" in (a[0], b[0]) and not ministers)


def is_noise(name: str) -> bool:
    """Page furniture, lone articles, job titles and fragments the tagger took for names."""
    cleaned = clean(name)
    if len(cleaned) < 2 or not re.search(r"[A-Za-zÀ-ÿ]", cleaned):
        return True
    low = cleaned.lower()
    first = low.split()[0]
    if low in names().noise or (first in names().noise and len(low.split()) == 1):
        return True
    if key(cleaned) in names().canonical:
        return False
    if first in names().roles:
        return True
    if DEMONYM.match(cleaned.split()[0]) or (cleaned.isupper() and len(cleaned) >= 7):  # "Nord-Coréen", photo credits
        return True
    return not cleaned[:1].isupper()


def breaks_after(tok: object) -> bool:
    """A line break (or a space token holding one) ends here: no name runs across it."""
    return "\n" in getattr(tok, "text", "") or "\n" in getattr(tok, "whitespace_", "")


def adjective_like(word: str) -> bool:
    """A lower-case word no French verb form spells so ("canadienne"), whatever the tagger calls it."""
    return word.isalpha() and word[:1].islower() and word.lower().endswith(ADJECTIVE_ENDINGS)


def _line_pieces(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """A token range cut at every line break, space tokens dropped ("Occidentaux" | "Vladimir Poutine")."""
    pieces = []
    a = s
    for k in range(s, e):
        if doc[k].is_space:
            if a < k:
                pieces.append((a, k))
            a = k + 1
        elif breaks_after(doc[k]):
            pieces.append((a, k + 1))
            a = k + 1
    if a < e:
        pieces.append((a, e))
    return pieces


def _spans(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """Entity token ranges in [start, end), within one line, with names cut in two by the tagger joined back."""
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.end <= start or ent.start >= end:
            continue
        label = ent.label_
        for s, e in _line_pieces(doc, max(ent.start, start), min(ent.end, end)):
            while label == "PER" and e - s >= 3 and _place_or_body(doc[s].text):
                s += 1  # "du Kremlin Dmitri Peskov": the institution is not part of the name
            while e < len(doc) and e < end + 3 and label == "PER" and not breaks_after(doc[e - 1]) and _name_part(
                doc[e]
            ):
                e += 1  # "Kim Jong" + "Un"
            if label == "PER" and _hyphen_glued(doc, e):
                e += 2  # "Lee Min" + "-seok": a given name the tokenizer cut at its hyphen
            joined = out and out[-1][1] == s and not breaks_after(doc[s - 1])
            if joined and label in ("PER", "MISC") and out[-1][2] in ("PER", "MISC"):
                s = out.pop()[0]  # "Kim" + "Jong Un"
                out.append((s, e, "PER"))
            else:
                out.append((s, e, label))
    return out


def _role_names(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """Names written right after a job title the tagger missed ("le ministre … Kim Hong Kyun")."""
    out = []
    roles = names().roles | {t.lower() for t in names().titles}  # "Me Claire Mouton", which the tagger calls MISC
    k = start
    while k < end:
        if doc[k].lower_ not in roles:
            k += 1
            continue
        m = k + 1
        while m < end and m - k <= 6 and not (doc[m].text[:1].isupper() and doc[m - 1].lower_ not in LINKS):
            if doc[m].is_punct or (doc[m].pos_ in ("VERB", "AUX") and not adjective_like(doc[m].text)):
                break
            m += 1
        n = m
        while n < end and doc[n].text[:1].isupper() and doc[n].is_alpha and not breaks_after(doc[n - 1]):
            n += 1
        if n - m >= 2 and not _inside_known(doc, m) and not any(breaks_after(doc[x]) for x in range(k, m)):
            out.append((m, n, "PER"))
        k = max(n, k + 1)
    return out


AGED_NAME = re.compile(  # "Olena, 52 ans, …", "Mykola Petrenko, 67 ans, …": a person given with an age
    r"(?<![\w'’-])([A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?(?:[ ][A-ZÀ-Þ][a-zà-ÿ]+)?),"
    r"[ \u00a0\u202f](?:[1-9]\d?|1[01]\d)[ \u00a0\u202f]ans,"
)


def _aged_names(doc: Doc) -> list[tuple[int, int, str]]:
    """People named with their age in apposition, whom the tagger reads as places when they go by a first name."""
    text = nlp.text_of(doc)  # the parsed text, never joined again from the tokens
    if "ans," not in text:
        return []
    names = {match.group(1) for match in AGED_NAME.finditer(text)}
    if not names:
        return []
    out = []  # every mention of such a name, the later bare "Olena, elle, a fermé …" too
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    for match in re.finditer(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", text):
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            out.append((span.start, span.end, "PER"))
    return out


def _inside_known(doc: Doc, m: int) -> bool:
    """Whether token m continues a known organisation's name begun before it ("de Human Rights Watch")."""
    return any(
        ent.start < m < ent.end and ent.label_ != "PER"
        and any(key(doc[ent.start : e].text) in names().canonical for e in range(m + 1, ent.end + 1))
        for ent in doc.ents
    )


def _place_or_body(word: str) -> bool:
    """A one-word place or institution of the alias table ("Kremlin", "Pentagone"), never a person's name."""
    found = names().canonical.get(key(word))
    return found is not None and len(found.split()) == 1 and key(found) == key(word)


def _hyphen_glued(doc: Doc, e: int) -> bool:
    """Tokens e and e+1 are "-" and a word written flush against the name ending at e ("Min-seok", "Jae-won")."""
    return (
        e > 0 and e + 1 < len(doc) and doc[e].text in {"-", "‑"} and not doc[e - 1].whitespace_
        and not doc[e].whitespace_ and doc[e + 1].is_alpha and len(doc[e + 1].text) <= 6
    )


def _name_part(tok: object) -> bool:
    """A capitalised word that can continue a person's name ("Un" after "Kim Jong")."""
    text = getattr(tok, "text", "")
    return bool(text[:1].isupper() and text.isalpha() and (getattr(tok, "pos_", "") == "PROPN" or len(text) <= 3))


def _usable(doc: Doc, s: int, e: int, label: str) -> bool:
    """Drop single words the tagger promoted because they open a line ("Soutien", "Devenez")."""
    if label not in LABELS and label != "MISC":
        return False
    text = doc[s:e].text
    if is_noise(text):
        return False
    if e - s == 1:
        tok = doc[s]
        starts_line = s == 0 or "\n" in doc[s - 1].text or doc[s].is_sent_start
        if starts_line and tok.pos_ not in ("PROPN",) and key(text) not in names().canonical:
            return False
    return label != "MISC" or key(clean(text)) in names().canonical or (e - s == 1 and doc[s].pos_ == "PROPN")


def _article_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Every entity span of the article (tagger's and names after titles), computed once per Doc."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is None:
        spans = _spans(doc, 0, len(doc))
        for role in _role_names(doc, 0, len(doc)) + _aged_names(doc):  # a title's or an age's name beats the
            # tagger's non-person guess
            clashes = [sp for sp in spans if sp[0] < role[1] and role[0] < sp[1]]
            if all(label != "PER" for _, _, label in clashes):
                spans = [sp for sp in spans if sp not in clashes] + [role]
        people = []
        for s, e, label in spans:
            name = clean(doc[s:e].text)
            if label == "PER" and len(name.split()) >= 2 and not is_noise(name):
                people.append((doc[s].idx, name))
        alone = _surnames_alone(doc, spans, people)
        if alone:  # the surname beats the tagger's one-word place or misc guess ("Vasseur, elle, …" as LOC)
            starts = {sp[0] for sp in alone}
            spans = [sp for sp in spans if not (sp[1] - sp[0] == 1 and sp[0] in starts)] + alone
        cached = (sorted(spans), sorted(set(people)))
        doc.user_data[CACHE_KEY] = cached
    return cached[0]


def _surnames_alone(doc: Doc, spans: list[tuple[int, int, str]], people: list[tuple[int, str]]) -> list[
    tuple[int, int, str]
]:
    """A surname written alone after the full name ("Vasseur, elle, refuse …") that the tagger left untagged."""
    taken = {k for s, e, label in spans for k in range(s, e) if label == "PER" or e - s > 1}
    first_seen: dict[str, int] = {}
    for pos, full in people:
        last = full.split()[-1]
        if len(last) >= 4 and last[:1].isupper() and last.isalpha():
            first_seen[last] = min(first_seen.get(last, pos), pos)
    if not first_seen:
        return []
    bearers = {last: {full for _, full in people if full.split()[-1] == last} for last in first_seen}
    out = []
    for tok in doc:
        pos = first_seen.get(tok.text)
        if pos is None or tok.i in taken or tok.idx <= pos or tok.is_stop or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if len(bearers[tok.text]) == 1:  # two people of one surname: the surname alone names neither
            out.append((tok.i, tok.i + 1, "PER"))
    return out


def article_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Every entity token range of the article with its label, the tagger's and the names after titles."""
    return _article_spans(doc)


def article_names(doc: Doc) -> list[tuple[int, str]]:
    """Full names of people (two words or more) in text order, for expanding a surname used alone."""
    _article_spans(doc)
    return list(doc.user_data[CACHE_KEY][1])


def expand_surname(name: str, people: list[tuple[int, str]], pos: int | None = None) -> str:
    """'Rutte' or 'M. Rutte' -> 'Mark Rutte' when that full name appeared earlier in the article."""
    cleaned = clean(name)
    if len(cleaned.split()) != 1 or not cleaned[:1].isupper():
        return name.strip()
    matches = {full for at, full in people if (pos is None or at < pos) and cleaned in full.split()}
    if len(matches) == 1:
        return matches.pop()
    return name.strip()


def sentence_entities(sent: Span) -> list[str]:
    """Canonical names of the people, organisations and places of a sentence, sorted and unique."""
    doc = sent.doc
    people = article_names(doc)
    found = set()
    for s, e, label in _article_spans(doc):
        s, e = max(s, sent.start), min(e, sent.end)
        if s >= e or not _usable(doc, s, e, label):
            continue
        text = expand_surname(doc[s:e].text, people, doc[s].idx)
        name = canonical(text)
        if name:
            found.add(name)
    return sorted(found)
