"""Run every extractor over a parsed article and give its claims stable ids."""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from extract import attribution, dates, entities, nlp, quantities, quotes
from extract.models import Article, ArticleContext, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

EXTRACTOR_VERSION = "1"
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


def masked_text(article: Article) -> str:
    """The article text with page furniture (related-link titles included) blanked out, same length, so offsets
    hold."""
    chars = list(article.text)
    for start, end in (*article.furniture, *_post_bodies(article)):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


POST_SIGNATURE = re.compile(r"[ \t\u00a0]*[—–-][ \t\u00a0]*[^\n]{1,80}\(@[\w.]{1,30}\)[^\n]{0,40}$")
POST_BODY_LINES = 4  # lines of an embedded post's text right above its signature


def _post_bodies(article: Article) -> list[tuple[int, int]]:
    """The text of an embedded social post: the lines right above its signature ("— Nom (@handle) November 4,
    2024", itself furniture), up to a blank line; another outlet's post, not this article's words."""
    text = article.text
    if "(@" not in text:
        return []
    spans = []
    for match in re.finditer(r"^.*\(@.*$", text, re.MULTILINE):
        if not POST_SIGNATURE.fullmatch(match.group()) or not any(
            a <= match.start() + 2 and match.end() - 1 <= b for a, b in article.furniture
        ):
            continue
        end = match.start()
        for _ in range(POST_BODY_LINES):
            start = text.rfind("\n", 0, max(0, end - 1)) + 1
            if end == 0 or not text[start : end - 1].strip():
                break
            spans.append((start, end - 1))
            end = start
    return spans


def normalize(text: str) -> str:
    """Text as compared for ids: NFC, one kind of apostrophe and quote, single spaces, lower case."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ")
    text = text.replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def claim_id(article_id: str, kind: str, sentence: str, text: str, occurrence: int) -> str:
    """Stable id: survives re-extraction of an unchanged sentence, never depends on list positions."""
    key = "\x1f".join([article_id, kind, normalize(sentence), normalize(text), str(occurrence)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def with_ids(claims: list[Claim]) -> tuple[Claim, ...]:
    """Sort claims by position and give each its stable id (repeats get their occurrence index)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for claim in sorted(claims, key=lambda c: (c.start, c.end, c.kind, c.text)):
        key = (claim.kind, normalize(claim.sentence), normalize(claim.text))
        occurrence = seen[key]
        seen[key] += 1
        cid = claim_id(claim.article_id, claim.kind, claim.sentence, claim.text, occurrence)
        out.append(dataclasses.replace(claim, id=cid))
    return tuple(out)


def sentence_context(doc: Doc, start: int, end: int,
                     seen: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]] | None = None
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Canonical entities and content lemmas of the sentence holding a span (`seen`: per-sentence memo)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return (), ()
    sent = span.sent
    memo = seen if seen is not None else {}
    where = (sent.start, sent.end)
    if where not in memo:
        lemmas = sorted({t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and t.is_alpha and len(t) > 2})
        memo[where] = tuple(entities.sentence_entities(sent)), tuple(lemmas)
    return memo[where]


def _in_furniture(masked: str, text: str, start: int, end: int) -> bool:
    """Whether a span covers characters blanked for extraction (page furniture, link titles)."""
    return any(masked[i].isspace() and not text[i].isspace() for i in range(start, min(end, len(masked))))


def _line_label(text: str, start: int, end: int) -> bool:
    """A date opening its line before a dash or a colon ("12 juin 2024 — …", "Mi-octobre : …"): a chronology's own
    dating of the line, which no one in the line asserts."""
    if start > 0 and text[start - 1] != "\n" and text[text.rfind("\n", 0, start) + 1 : start].strip():
        return False
    return text[end : end + 3].lstrip(" \u00a0\u202f")[:1] in {"—", "–", ":"}


DOCUMENT_DATE = re.compile(
    r"\b(?:(?:résolution|loi|décret|règlement|traité|accord|directive|convention)s?\s+(?:n°\s*)?[\d/.\-]+\s+"
    r"|(?:publiée?s?|parue?s?|datée?s?|diffusée?s?|rendue?s? publique?s?)\s+)$", re.IGNORECASE)


def _dates_a_document(text: str, start: int, source: str | None) -> bool:
    """A date that names a document ("la résolution 2371 d'août 2017") or says when the source itself came out ("selon
    un rapport publié en 2023"): a fact of the record, neither the source's claim nor hedged by its verb."""
    before = text[max(0, start - 60) : start]
    if not DOCUMENT_DATE.search(before):
        return False
    published = not re.search(r"\d[\d/.\-]*\s+$", before)
    return not published or (source is not None and source in text[max(0, start - 120) : start])


def _said_by_speaker(doc: Doc, found: list[Claim], said: list[Claim]) -> list[Claim]:
    """A figure or a date inside someone's quoted words is asserted by that speaker, unless the speaker cites
    another source there ("les Américains parlent de dix mille", "selon nos services")."""
    spans = sorted((c.start, c.end, c.speaker) for c in said if c.direct and c.speaker)
    starts = [s for s, _, _ in spans]
    text = nlp.text_of(doc)
    out = []
    for claim in found:
        k = bisect.bisect_right(starts, claim.start) - 1
        while k >= 0 and spans[k][0] >= claim.start - 5000:
            start, end, speaker = spans[k]
            if start <= claim.start and claim.end <= end:
                if _relayed(doc, claim, start, end) or claim.asserted_by == speaker:
                    break
                if claim.asserted_by is None or not _cited_inside(doc, text, start, end, claim.asserted_by):
                    claim = dataclasses.replace(claim, asserted_by=speaker)
                break
            k -= 1
        out.append(claim)
    return out


CITING = re.compile(r"(?:selon|d['’]après|cités?|citant|de source|pour)\s+$", re.IGNORECASE)


def _cited_inside(doc: Doc, text: str, start: int, end: int, source: str) -> bool:
    """Whether the speaker's own words name that source as theirs ("« Selon nos services, 3 000 hommes … »",
    "« Les Britanniques évoquent 5 000 hommes … »"): any other source the attribution found for a figure inside
    a quotation (the quotation's subject, "Ces hommes ne sont pas décisifs…", or its speaker cut short, "le
    colonel Henri") is a misreading of the incise, and the quotation's speaker is the one who says it."""
    verbs = attribution.lexicon().reporting_verbs | attribution.SECOND_SPEAKER_VERBS
    at = text.find(source, start, end)
    while at >= 0:
        if CITING.search(text[max(start, at - 20) : at]):
            return True
        after = doc.char_span(at + len(source), min(end, at + len(source) + 40), alignment_mode="expand")
        if after is not None and any(attribution.verb_in(t, verbs) for t in list(after)[:3]):
            return True
        at = text.find(source, at + 1, end)
    return False


def _named_in_apposition(text: str, found: list[Claim], said: list[Claim]) -> list[Claim]:
    """A figure or date inside someone's words, attributed to the title of the person the quotation names in
    apposition ("a précisé un porte-parole, Lee Sung-jun," / "le ministre de la Défense, Kim Yong-hyun,
    évoquait"): the name, which the quote's own rules found, is the better label for the same person."""
    spans = sorted((c.start, c.end, c.speaker) for c in said if c.speaker)
    out = []
    for claim in found:
        source = claim.asserted_by
        if source and len(source) < 80:
            for start, end, speaker in spans:
                if start > claim.start:
                    break
                if (claim.end <= end and speaker and speaker != source and len(speaker) < 60
                        and _apposed(text, source, speaker, claim.start)):
                    claim = dataclasses.replace(claim, asserted_by=speaker)
                    break
        out.append(claim)
    return out


DETERMINERS = {"le", "la", "l'", "l’", "un", "une", "son", "sa", "leur", "ce", "cet", "cette"}


def _title_named(doc: Doc, text: str, claim: Claim) -> Claim:
    """A figure's source given as a person's title that the text names right after, between commas ("le ministre
    sud-coréen de la Défense, Kim Yong-hyun, évoquait …"): the name is what a reader can check."""
    source = claim.asserted_by
    words = source.split() if source and len(source) < 80 else []
    first = words[0].lower() if words else ""
    role = words[1] if first in DETERMINERS and len(words) > 1 else ""
    if first[:2] in {"l'", "l’"}:
        role = words[0][2:]
    if role.lower() not in entities.names().roles:
        return claim
    floor = max(0, (claim.sentence_start or claim.start) - 300)
    at = text.find(source, floor, claim.end + 300)
    if at < 0:
        return claim
    gap = re.match(r"\s*,\s*", text[at + len(source) :])
    if gap is None:
        return claim
    name_at = at + len(source) + gap.end()
    titled = TITLE_BEFORE_NAME_RE.match(text, name_at)  # "Son chef, l'eurodéputé belge Jan Verhaegen, a …"
    for ent in doc.ents:
        if ent.start_char in {name_at, titled.end() if titled else -1} and ent.label_ == "PER" and (
            len(ent.text.split()) >= 2
        ):
            if re.match(r"\s*(?:[,)]|\.(?:\s|$))", text[ent.end_char : ent.end_char + 3]):
                return dataclasses.replace(claim, asserted_by=ent.text)
            break
    return claim


# the title of the named person in the apposition itself: a determiner and up to four lower-case words
TITLE_BEFORE_NAME_RE = re.compile(r"(?:[Ll]['’]|(?:le|la|un|une) )[a-zà-öø-ÿ\-]+(?: [a-zà-öø-ÿ\-]+){0,3} ")


def _apposed(text: str, title: str, name: str, near: int) -> bool:
    """Whether the title and the name stand side by side, the name right after the title, near the claim."""
    window = text[max(0, near - 600) : near + 600]
    return re.search(re.escape(title) + r"\s*,?\s+" + re.escape(name) + r"\b", window) is not None


RELAYING_SUBJECTS = {"je", "j'", "nous", "on", "moi"}
NOBODY = {"c'", "c’", "ce", "cela", "ça", "ceci"}  # "c'est un signal": a demonstrative cites no one


def _relayed(doc: Doc, claim: Claim, start: int, end: int) -> bool:
    """Whether the quoted words hold, in the claim's sentence, a verb of saying with a subject of its own (someone
    else the speaker cites)."""
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is None:
        return False
    return any(
        start <= t.idx < end
        and attribution.verb_in(t, attribution.lexicon().reporting_verbs | attribution.SECOND_SPEAKER_VERBS)
        and t.pos_ in {"VERB", "AUX", "NOUN", "ADJ"}
        and any(c.dep_.startswith("nsubj") and c.lower_ not in RELAYING_SUBJECTS | NOBODY for c in t.children)
        for t in span.sent
    )


BARE_BODY = re.compile(r"(?:le|l['’]|son|ce|cet)\s*(ministère|gouvernement|département|état-major|parquet)",
                       re.IGNORECASE)
BODY_WINDOW = 700  # characters before the claim's sentence where the body was named in full
BODY_LINKS = {"de", "des", "du", "d'", "d’", "la", "l'", "l’", "et", "-"}
HEADS_OF = {"ministère": "ministres?"}  # "Le ministre sud-coréen de la Défense … Son ministère a indiqué"



def _named_bodies(doc: Doc, text: str, found: list[Claim]) -> list[Claim]:
    """"Le ministère précise que …", "a déclaré le ministère": the ministry named in full just before ("Le
    ministère sud-coréen de l'Unification a publié …"), when exactly one was."""
    out = []
    for claim in found:
        for field in ("speaker", "asserted_by"):
            label = getattr(claim, field)
            match = BARE_BODY.fullmatch(label) if label and len(label) < 20 else None
            if match is not None:
                full = _body_before(doc, text, match.group(1).lower(), claim.sentence_start or claim.start)
                if full is not None:
                    claim = dataclasses.replace(claim, **{field: full})
        out.append(claim)
    return out


def _body_before(doc: Doc, text: str, noun: str, at: int) -> str | None:
    """The one body of that noun named with its qualifiers ("le ministère russe de la Défense") in the window
    before `at`, within the same or the previous paragraph."""
    paragraph = text.rfind("\n\n", max(0, at - BODY_WINDOW), at)
    previous = text.rfind("\n\n", max(0, at - BODY_WINDOW), paragraph) if paragraph > 0 else -1
    floor = max(0, at - BODY_WINDOW, previous)
    names: dict[str, str] = {}
    head = rf"{re.escape(noun)}|{HEADS_OF[noun]}" if noun in HEADS_OF else re.escape(noun)
    for hit in re.finditer(rf"\b(?:{head})\b", text[floor:at], re.IGNORECASE):
        span = doc.char_span(floor + hit.start(), floor + hit.end())
        if span is None:
            continue
        name = _body_name(doc, span, noun, at)
        if name is not None:
            names.setdefault(name.lower(), name)
    return next(iter(names.values())) if len(names) == 1 else None


def _body_name(doc: Doc, span: Span, noun: str, at: int) -> str | None:
    """The body's name from its noun (or its head's title) in `span` with the qualifiers after it, if any."""
    k = span.end - 1
    title = span.text.lower() != noun
    kept: list[Token] = []
    named = False
    feminine = title and span.start > 0 and doc[span.start - 1].lower_ in {"la", "une", "cette"}
    j = k + 1
    while j < len(doc) and j - k <= 10 and doc[j].idx < at:
        token = doc[j]
        following = doc[j + 1] if j + 1 < len(doc) else None
        qualifier = token.pos_ == "ADJ" or (token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper()) or (
            "-" in token.text and token.text.replace("-", "").isalpha()  # "sud-coréen", tagged a noun
        ) or _adjective_before_verb(doc, j, at)
        if token.pos_ == "ADJ" and following is not None and following.lower_ in {"sur", "que", "qu'", "qu’"} and (
            attribution.verb_in(token, attribution.lexicon().reporting_verbs | attribution.SECOND_SPEAKER_VERBS)
        ):
            break  # "Le gouvernement table sur …", "le ministère estime que …": the verb after the name, not its part
        if qualifier and feminine and token.pos_ == "ADJ":
            pass  # "la ministre portugaise": the adjective agrees with the minister, not the ministry
        elif qualifier or (token.is_alpha and token.is_lower and following is not None and following.text == "-"):
            kept.append(token)  # "franco-allemand" read as "franco", "-", "allemand"
            named = named or qualifier
        elif token.lower_ in BODY_LINKS:
            kept.append(token)
        else:
            break
        j += 1
    while kept and (kept[-1].lower_ in BODY_LINKS or not kept[-1].text.replace("-", "").isalpha()):
        kept.pop()
    if not named or not kept:
        return None
    before = doc[span.start - 1] if span.start > 0 else None
    det = before if before is not None and before.lower_ in {"le", "l'", "l’"} and not title else None
    lead = det.text_with_ws if det is not None else ("l'" if noun[0] in "éeaiou" else "le ")
    return lead + noun + " " + "".join(t.text_with_ws for t in kept[:-1]) + kept[-1].text


NOT_ADJECTIVES = {"qui", "que", "il", "elle", "ils", "elles", "on", "a", "est", "ont", "sont", "ne", "n'", "n’", "y",
                  "en", "se", "s'", "s’", "lui", "leur", "aussi", "déjà", "encore", "également", "avait", "était"}


def _adjective_before_verb(doc: Doc, j: int, at: int) -> bool:
    """A lower-case word right before the body's verb ("le ministère des Finances portugais a publié"): its adjective,
    whatever tag the small parser gives it."""
    token = doc[j]
    following = doc[j + 1] if j + 1 < len(doc) else None
    return (token.is_alpha and token.is_lower and token.lower_ not in NOT_ADJECTIVES and following is not None
            and following.idx < at and following.pos_ in ("AUX", "VERB") and following.is_lower)


def caption_lines(article: Article) -> list[tuple[int, int]]:
    """Spans of the lines that are photo captions: text closed by page furniture on the same line, the credit
    ("Mark Rutte à Bruxelles, le 18 octobre. ( AFP / NAME )")."""
    found = []
    offset = 0
    for line in article.text.split("\n"):
        start, end = offset, offset + len(line.rstrip())
        offset += len(line) + 1
        if end <= start:
            continue
        closing = [(a, b) for a, b in article.furniture if a < end <= b]
        if closing and any(not c.isspace() for c in article.text[start : closing[0][0]]):
            found.append((start, end))
    return found


SELON_PRONOUN_RE = re.compile(r"\b(?:[Ss]elon|[Dd]['’]après)\s+(elle|lui)\s*,", re.IGNORECASE)
SINGLE_GENDER = {"Masc": "m", "Fem": "f"}
# a title right before a name: its article, the role word, a few words of its own ("la présidente du club, ")
TITLE_BEFORE_RE = re.compile(r"(?<![\w])([Ll]a\s+|[Ll]e\s+|[Ll]['’]\s*)([a-zà-öø-ÿ\-]+)(?:\s+[\w\-'’]+){0,5}\s*,?\s*$")


def _person_gender(doc: Doc, text: str, name: str) -> str | None:
    """A person's gender as the text writes it next to one of their mentions: "Mme X" / "M. X", a title with its
    article right before ("la procureure, X"), or the role right after ("X, déléguée syndicale"); None when the text
    says none or both."""
    described = re.match(r"(une?|la|le)\s+[a-zà-öø-ÿ\-]+", name)
    if described is not None:  # "une chercheuse de …", "un responsable de …": the speaker as the text describes them
        return "f" if described.group(1) in {"une", "la"} else "m"
    found: set[str] = set()
    roles = entities.names().roles
    at = text.find(name)
    while at >= 0:
        before = text[max(0, at - 80) : at]
        if re.search(r"\b(?:Mme|Madame)\s+$", before):
            found.add("f")
        elif re.search(r"\b(?:M\.|Monsieur)\s+$", before):
            found.add("m")
        elif (title := TITLE_BEFORE_RE.search(before)) is not None and title.group(2).lower() in roles and not (
            _finite_between(doc, at - len(before) + title.start(), at)
        ):
            if title.group(1).lower() in {"la", "le"}:
                found.add("f" if title.group(1).lower() == "la" else "m")
            else:  # "l'entraîneur X", "l'avocate X": the role word's own gender
                start = at - len(before) + title.start(2)
                role = doc.char_span(start, start + len(title.group(2)))
                gender = role[0].morph.get("Gender") if role is not None else []
                if len(gender) == 1:
                    found.add(SINGLE_GENDER[gender[0]])
        after = re.match(r"\s*,\s*(?:(la|le)\s+)?([a-zà-öø-ÿ\-]+)", text[at + len(name) : at + len(name) + 40])
        if after is not None:
            if after.group(1):
                found.add("f" if after.group(1) == "la" else "m")
            else:
                role = doc.char_span(at + len(name) + after.start(2), at + len(name) + after.end(2))
                gender = role[0].morph.get("Gender") if role is not None and (
                    role[0].pos_ in {"NOUN", "ADJ"} or "Part" in role[0].morph.get("VerbForm")
                ) else []  # "X, déléguée syndicale", read as a participle too
                if len(gender) == 1:
                    found.add(SINGLE_GENDER[gender[0]])
        at = text.find(name, at + 1)
    return found.pop() if len(found) == 1 else None


def _finite_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a finite verb stands between two offsets ("La juge X a entendu Y": the title is X's, not Y's)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ == "AUX" or "Fin" in t.morph.get("VerbForm") for t in span)


def _pronoun_sources(doc: Doc, text: str, found: list[Claim], said: list[Claim]) -> list[Claim]:
    """"Selon elle, …" / "Selon lui, …" credits the last person of that gender named before it, in the sentence
    before or the same paragraph (a quotation's speaker counts), never an organisation in that person's title
    ("X, déléguée syndicale CGT, … Selon elle"); with no such person, or one of unknown gender in between, no one;
    with no person named there at all, the source found before (a body: "La chambre … Selon elle") stays."""
    people = entities.article_names(doc)
    out = []
    for claim in found:
        if claim.kind != "quantity":
            out.append(claim)
            continue
        head = text[claim.sentence_start : claim.start]
        match = SELON_PRONOUN_RE.search(head)
        if match is None or re.search(r"\b(?:selon|d['’]après)\b", head[match.end() :], re.IGNORECASE):
            out.append(claim)
            continue
        wanted = "f" if match.group(1).lower() == "elle" else "m"
        span = doc.char_span(claim.sentence_start, claim.start, alignment_mode="expand")
        sent_start = span.sent.start if span is not None else 0
        previous = doc[sent_start - 1].sent.start_char if sent_start > 0 else 0
        paragraph = text.rfind("\n\n", 0, claim.sentence_start) + 1
        floor = min(previous, paragraph) if paragraph > 0 else previous
        at = claim.sentence_start + match.start()
        speakers = [(c.start, c.speaker) for c in said if c.speaker and floor <= c.start < at and c.end <= at]
        named = speakers + [(pos, name) for pos, name in people if floor <= pos < at and not any(
            name in speaker and name != speaker for _, speaker in speakers
        )]  # "une chercheuse de Human Rights Watch": the speaker, not the body named in it
        if not named:
            out.append(claim)  # "La chambre d'agriculture a publié … Selon elle": a body, no person, before
            continue
        source = None
        for _, name in sorted(named, reverse=True):
            gender = _person_gender(doc, text, name)
            if gender is None:
                break
            if gender == wanted:
                source = name
                break
        out.append(dataclasses.replace(claim, asserted_by=source))
    return out


def extract(doc: Doc, article: Article) -> tuple[Claim, ...]:
    """All claims of one article, in text order, with ids and sentence context."""
    ctx = ArticleContext(article_id=article.id, text=article.text, published=article.published)
    found: list[Claim] = []
    found += quantities.extract(doc, ctx)
    for claim in dates.extract(doc, ctx):
        if claim.asserted_by is None and not claim.hedged and not _line_label(article.text, claim.start, claim.end):
            asserted_by, hedged = attribution.attribute(doc, claim.start, claim.end)
            if _dates_a_document(article.text, claim.start, asserted_by):
                asserted_by, hedged = None, False
            claim = dataclasses.replace(claim, asserted_by=asserted_by, hedged=hedged)
        found.append(claim)
    said = quotes.extract(doc, ctx)
    found = _named_in_apposition(article.text, _said_by_speaker(doc, found, said), said)
    found = _pronoun_sources(doc, article.text, found, said)
    found = _named_bodies(doc, article.text, [_title_named(doc, article.text, c) for c in found] + said)
    out = []
    contexts: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    masked = nlp.text_of(doc)  # the parsed text, never joined again from the tokens
    captions = caption_lines(article)
    for claim in found:
        if _in_furniture(masked, article.text, claim.start, claim.end):
            continue  # words of a blanked line (a related article's headline) are nobody's claim here
        assert article.text[claim.start : claim.end] == claim.text, "claim text must index the article"
        ents, lemmas = sentence_context(doc, claim.start, claim.end, contexts)
        caption = any(a <= claim.start and claim.end <= b for a, b in captions)
        out.append(dataclasses.replace(claim, entities=ents, lemmas=lemmas, caption=caption))
    return with_ids(out)
