"""Who asserts a span of text, and whether the text hedges it.

Shared by every extractor: a figure or a date is only as good as its source, and a reader must see
when the article itself presents it as unconfirmed. The rules read the spaCy parse but do not trust it
blindly (the small French model often misattaches reporting clauses), so each rule has a linear fallback.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract import nlp
from extract.numbers import find_numbers
from extract.wording import norm, read_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LEXICON = Path(__file__).resolve().parent / "lexicon" / "attribution.yaml"
QUOTE_OPEN = {"«", "“", '"', "‹", "„"}
QUOTE_CLOSE = {"»", "”", '"', "›", "“"}
QUOTE_MARKS = QUOTE_OPEN | QUOTE_CLOSE
STOP_PUNCT = {",", ";", ":", ".", "!", "?", "«", "»", "“", "”", '"', "–", "—", "…"}
INCISE_FILLERS = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "soir", "matin", "dernier",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "aussi", "encore", "également", "ensuite", "enfin", "alors", "déjà", "récemment",
}  # fmt: skip
TIME_WORDS = INCISE_FILLERS | {
    "mois", "semaine", "semaines", "année", "an", "jour", "jours", "veille", "lendemain", "soirée", "matinée",
    "après-midi", "nuit", "week-end", "dernière", "prochain", "prochaine", "fin", "début", "mi",
}  # fmt: skip
CONTENT_RELATIONS = {"ccomp", "obj", "xcomp", "parataxis", "csubj", "obl:arg", "iobj"}  # what a verb of saying says
PERSONAL_PRONOUNS = {"lui", "elle", "eux", "elles"}  # "selon lui": a person named before, not a document
LOOK_BACK = 3  # sentences searched for the antecedent of "la même source" or "il"


@dataclass(frozen=True)
class Lexicon:
    """The attribution word lists, normalised once."""

    reporting_verbs: frozenset[str]
    source_markers: tuple[str, ...]
    sentence_initial_only: frozenset[str]
    anaphoric_sources: frozenset[str]
    pronoun_subjects: frozenset[str]
    unnamed_subjects: frozenset[str]
    non_sources: tuple[str, ...]
    carry_cues: frozenset[str]
    hedge_adjectives: frozenset[str]
    hedge_phrases: tuple[str, ...]
    raising_verbs: frozenset[str]
    confirm_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    denial_forms: frozenset[str]
    negations: frozenset[str]
    refutations: tuple[str, ...]
    rumour_subjects: frozenset[str]
    rumour_verbs: frozenset[str]
    future_in_past_verbs: frozenset[str]
    conditional_hedges: frozenset[str]
    earning_verbs: frozenset[str]


@functools.cache
def lexicon() -> Lexicon:
    """Load the word lists once per process."""
    lex = read_lexicon(LEXICON.name)
    return Lexicon(
        reporting_verbs=lex.words("reporting_verbs"),
        source_markers=tuple(sorted(lex.phrases("source_markers"), key=len, reverse=True)),
        sentence_initial_only=lex.words("sentence_initial_only"),
        anaphoric_sources=lex.words("anaphoric_sources"),
        pronoun_subjects=lex.words("pronoun_subjects"),
        unnamed_subjects=lex.words("unnamed_subjects"),
        non_sources=lex.phrases("non_sources"),
        carry_cues=lex.words("carry_cues"),
        hedge_adjectives=lex.words("hedge_adjectives"),
        hedge_phrases=lex.phrases("hedge_phrases"),
        raising_verbs=lex.words("raising_verbs"),
        confirm_verbs=lex.words("confirm_verbs"),
        denial_verbs=lex.words("denial_verbs"),
        denial_forms=lex.words("denial_forms"),
        negations=lex.words("negations"),
        refutations=lex.phrases("refutations"),
        rumour_subjects=lex.words("rumour_subjects"),
        rumour_verbs=lex.words("rumour_verbs"),
        future_in_past_verbs=lex.words("future_in_past_verbs"),
        conditional_hedges=lex.words("conditional_hedges"),
        earning_verbs=lex.words("earning_verbs"),
    )


def attribute(doc: Doc, start: int, end: int) -> tuple[str | None, bool]:
    """asserted_by and hedged for the characters start:end of the doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, False
    root = span_root(span)
    return asserted_by(doc, span, root), hedged(span, root)


def span_root(span: Span) -> Token:
    """The token of a span whose head lies outside it (the noun of "12 000 soldats")."""
    for token in span:
        outside = token.head.i < span.start or token.head.i >= span.end or token.head.i == token.i
        if outside and token.pos_ not in {"PUNCT", "SPACE", "ADP"}:
            return token
    return span.root


# --- who asserts it -------------------------------------------------------------------------------


def asserted_by(doc: Doc, span: Span, root: Token, depth: int = 0) -> str | None:
    """The source the text gives for a span: speaker, 'selon X', or one carried from the sentence before."""
    found = _asserted_by(doc, span, root, depth)
    if found is not None and norm(found).strip(" -") in NAMELESS:
        return None  # "on évoque ...", "m'a confié un diplomate": a pronoun names nobody a reader can check
    words = norm(found).split() if found is not None else []
    if len(words) == 2 and words[0] in {"le", "la", "les", "ce", "cet", "cette"} and words[1] in BARE_TALLIES:
        return None  # "le bilan faisait état de 1 690 cas": a tally, no one a reader can name
    if words and words[0] in OWN_OUTLET and found is not None and found == found.lower():
        return None  # "selon nos informations", "d'après nos sources": the outlet itself, already named as the source
    if len(words) >= 2 and words[0] in {"ce", "cet", "cette"} and depth < LOOK_BACK:
        earlier = previous_speaker(doc, span.sent, depth + 1)  # "a déclaré ce responsable": the one named before
        return earlier if earlier is not None and words[1] in norm(earlier).split() else None
    return found


BARE_TALLIES = {"bilan", "total", "chiffre", "chiffres", "nombre", "décompte", "compteur"}
OWN_OUTLET = {"nos", "notre"}  # the outlet's own sources or reporter, not one the reader can name
NAMELESS = {"on", "m'", "me", "moi", "je", "j'", "nous", "vous", "t'", "te", "l'", "le", "la", "les", "se", "s'",
            "aucun", "aucune", "personne", "nul", "nulle"}  # "Aucun n'a pu confirmer": nobody asserts


def _asserted_by(doc: Doc, span: Span, root: Token, depth: int) -> str | None:
    """asserted_by before the nameless pronouns are dropped."""
    sent = span.sent
    put_forward = _put_forward_by(root)
    if put_forward is not None:
        return put_forward  # "le chiffre de 10 000 soldats avancé par Washington": Washington gives it
    claimed = as_claimed_by(span) or _bracketed_source(span) or _stressed_before_verb(span) or _claimed_in_relative(
        root, depth)
    if claimed is not None:
        return claimed  # "et non 4 000 milliards comme l'affirme le candidat": the candidate's figure
    verb = reporting_verb(span, root)
    if verb is None and (aside := _stressed_aside(span) or _measured_at(span) or _banks_on(span)
                         or _mistagged_saying(span, depth)) is not None:
        return aside  # "Le FMI table, lui, sur 7 %", "X chiffre à un millier le nombre de …": verbs the parser lost
    if verb is not None and _measured_by_participle(verb):
        agent = next((c for c in verb.children if c.dep_ == "obl:agent" or (
            c.dep_.startswith("obl") and c.i > verb.i and any(k.dep_ == "case" and k.lower_ == "par"
                                                              for k in c.children)
        )), None)
        if agent is not None:
            return _agent_phrase(agent)  # "Le coût, estimé à 40 millions par la mairie": the mairie estimates
        verb = None  # "L'appel, chiffré à 3 milliards de dollars, …": the appeal is measured, it asserts nothing
    own_subject = verb is not None and any(c.dep_.startswith("nsubj") for c in verb.children)
    if verb is not None and not own_subject and "Part" in verb.morph.get("VerbForm"):
        rumour = rumour_source(sent)  # "des rumeurs circulaient sur X, évoquant ...": X, not a guessed subject
        if rumour is not None:
            return rumour
    if verb is not None and verb.i < span.start and (turn := other_speaker_turn(doc, verb.i + 1, span.start)):
        return turn[1]  # "X estime que …, et le Pentagone parle de 12 000 hommes": the second one
    if verb is not None and verb_in(verb, SECOND_SPEAKER_VERBS) and not is_reporting(verb):
        # "Washington parle de 8 000 soldats" (the parser often reads "parle" as part of a name): the words before
        speaker = _written_subject(verb)
        if speaker is None:
            found = subject_of(verb, depth)
            speaker = found if found is not None and verb.text not in found.split() else None
        if speaker is not None:
            return speaker
    elif verb is not None:
        speaker = subject_of(verb, depth)
        if speaker is not None:
            return speaker
    source = source_phrase(sent, span)
    if source is not None and source[2] and (speaker := _speaker_before(span)) is not None:
        return speaker  # "Yonhap a rapporté, citant des renseignements, que ...": Yonhap asserts
    if source is not None:
        text, anaphoric, _ = source
        if text is not None and OWN_FIGURES_RE.match(norm(text)) and depth < LOOK_BACK:
            return previous_speaker(doc, sent, depth)  # "selon ses calculs": the person named before reckons
        if not anaphoric:
            return text
        if depth >= LOOK_BACK:
            return None
        if text is not None and norm(text) in PERSONAL_PRONOUNS:
            return previous_speaker(doc, sent, depth)
        return previous_source(doc, sent, depth)
    stated = _states_before(span)
    if stated is not None:
        return stated
    rumour = rumour_source(sent)
    if rumour is not None:
        return rumour
    if depth == 0:
        return carried_source(doc, sent)
    return None


RETAINS = {"retient", "retiennent", "retenait", "retenaient", "retenu"}  # "retenir" a figure, the tagger lost


def _stressed_aside(span: Span) -> str | None:
    """ "Le FMI table, lui, sur une contraction de 7 %", "Les autorités évoquent, elles, plus d'un million": the
    subject written before a verb of saying that a stressed pronoun between commas sets against another source."""
    doc = span.doc
    for k in range(span.sent.start + 1, span.start - 2):
        if doc[k].text != "," or norm(doc[k + 1].text) not in PERSONAL_PRONOUNS or doc[k + 2].text != ",":
            continue
        verb = doc[k - 1]
        if verb.is_alpha and verb.text.islower() and (
            verb_in(verb, lexicon().reporting_verbs | SECOND_SPEAKER_VERBS) or norm(verb.text) in RETAINS
        ):  # "Le ministère retient, lui, un taux de 57,8 %": the figure it goes by, set against another's
            return _written_subject(verb)
    return None


def _stressed_before_verb(span: Span) -> str | None:
    """ "L'opposition, elle, avance le chiffre de 45 000": the subject a stressed pronoun between commas sets against
    another source, before its verb of saying (never the words after the verb, read as an incise's subject)."""
    doc = span.doc
    verbs = lexicon().reporting_verbs | SECOND_SPEAKER_VERBS
    for k in range(span.sent.start + 1, span.start - 3):
        if doc[k].text != "," or norm(doc[k + 1].text) not in PERSONAL_PRONOUNS or doc[k + 2].text != ",":
            continue
        v = k + 3 + (norm(doc[k + 3].text) in PAST_AUXES)
        verb = doc[v]
        if v >= span.start or not (verb.is_alpha and verb.text.islower() and verb_in(verb, verbs)):
            continue
        if any(t.text in {".", ";", "?", "!"} for t in doc[v : span.start]):
            continue
        return _written_subject(doc[k])
    return None


def _measured_at(span: Span) -> str | None:
    """ "L'Unicef chiffre à un bon millier le nombre d'enfants", "L'Office recense au moins 640 blessés": the subject
    of a verb of saying or estimating right before the figure (or before "à" and the figure), by word order."""
    doc = span.doc
    k = span.start - 1
    if k > span.sent.start and norm(doc[k].text) == "à":
        k -= 1
    if k <= span.sent.start:
        return None
    verb = doc[k]
    if k - 2 > span.sent.start and norm(verb.text) in COUNTED_FORMS and norm(doc[k - 1].text) in PAST_AUXES and (
        norm(doc[k - 2].text) == "en"
    ):  # "les organisateurs revendiquent 25 000 manifestants, la police en a compté 8 000": who counted
        return _written_subject(doc[k - 2])
    if k - 1 > span.sent.start and norm(verb.text) in COUNTED_FORMS and norm(doc[k - 1].text) in PAST_AUXES and (
        not norm(span[0].text).startswith("jusqu")
    ):  # "La préfecture a compté 9 400 grévistes"; "la ville compte", "a compté jusqu'à 40 000 habitants": it has
        return _written_subject(doc[k - 1])
    if verb.is_lower and norm(verb.text).startswith(("recens", "dénombr")) and norm(doc[k - 1].text) in {"y", "en"}:
        if k - 4 >= span.sent.start and doc[k - 2].text == ")" and doc[k - 4].text == "(" and (
            doc[k - 3].text.isupper() and doc[k - 3].is_alpha
        ):
            return doc[k - 3].text  # "Le Haut-Commissariat … pour les réfugiés (HCR) y dénombre": its acronym
        return _written_subject(doc[k - 1])  # "Le HCR y dénombre 183 400 déplacés", "le ministère en recense 9 800"
    if not (verb.is_alpha and verb.text.islower() and verb_in(verb, lexicon().reporting_verbs)):
        return None
    if k - 1 > span.sent.start and norm(doc[k - 1].text) in PAST_AUXES:
        return _written_subject(doc[k - 1])  # "Les secours ont dénombré 14 morts"
    return _written_subject(verb)


def _mistagged_saying(span: Span, depth: int) -> str | None:
    """ "Dans sa déclaration, elle évoque des irrégularités dans environ 4 % des bureaux": a verb of saying the tagger
    read as an adjective or a noun, earlier in the clause, right after its subject pronoun or its named subject."""
    doc = span.doc
    for k in range(span.start - 1, max(span.sent.start, span.start - 8), -1):
        token = doc[k]
        if token.text in {".", ";", ":", ",", "«", "»"} or token.pos_ in {"VERB", "AUX"}:
            return None  # another clause, or a verb the parse did read
        if token.pos_ not in {"ADJ", "NOUN", "ADV"} or not token.text.islower() or k == span.sent.start:
            continue
        if not verb_in(token, lexicon().reporting_verbs) or (
            token.pos_ == "NOUN" and norm(doc[k + 1].text) in {"de", "d'", "du", "des"}
        ):
            continue  # "une annonce de …": the noun, not the verb
        before = norm(doc[k - 1].text)
        if before in {"il", "elle", "ils", "elles"} and depth < LOOK_BACK:
            return previous_speaker(doc, span.sent, depth)
        return None
    return None


def as_claimed_by(span: Span) -> str | None:
    """ "4 000 milliards comme l'affirme le candidat", "comme l'a dit X": the one the figure is credited to right
    after it."""
    doc = span.doc
    k = span.end
    if k + 2 >= span.sent.end or norm(doc[k].text) != "comme" or norm(doc[k + 1].text) not in {"l'", "le"}:
        return None
    k += 2
    if doc[k].pos_ == "AUX":
        k += 1
    verb = doc[k]
    if k >= span.sent.end or not (verb.text.islower() and verb_in(verb, lexicon().reporting_verbs)):
        return None
    j = m = k + 1  # the subject after the verb, by word order (the parser often hangs it on the figure)
    while m < span.sent.end and m - j < 8 and (
        doc[m].pos_ in {"DET", "NOUN", "PROPN", "ADJ"} or norm(doc[m].text) in {"de", "du", "des", "d'"}
    ) and not _phrase_break(doc[m]):
        m += 1
    while m > j and norm(doc[m - 1].text) in {"de", "du", "des", "d'"}:
        m -= 1
    if m == j or doc[j].pos_ not in {"DET", "PROPN"} or not any(t.pos_ in {"NOUN", "PROPN"} for t in doc[j:m]):
        return None
    return doc[j:m].text


BRACKETED_SOURCE_RE = re.compile(
    r"\(\s*(?:(?:sources?|selon|d['’]après)\s*:?\s*([^()\d]{2,60}?)|([A-ZÉ][A-ZÉ&]{1,5}))\s*\)"
)


def _bracketed_source(span: Span) -> str | None:
    """ "8 700 civils tués (ONU)", "2,3 millions de déplacés (source : HCR)": a source in brackets right after the
    figure (an acronym, or a source written as such; not "(Russie)", which may break a toll down by side)."""
    doc = span.doc
    text = "".join(t.text_with_ws for t in doc[span.end : min(len(doc), span.end + 14)])  # never doc.text
    match = BRACKETED_SOURCE_RE.match(text.lstrip(" \u00a0"))
    if match is None:
        return None
    found = (match.group(1) or match.group(2)).strip()
    return found or None


def _banks_on(span: Span) -> str | None:
    """ "Le gouvernement table sur une croissance de 1,1 %": the subject of "tabler sur" before the figure's noun."""
    doc = span.doc
    k = span.start - 1
    while k > span.sent.start and span.start - k <= 5 and norm(doc[k].text) != "sur" and (
        doc[k].pos_ in {"DET", "NOUN", "ADJ"} or norm(doc[k].text) in {"de", "d'", "du", "des"}
    ):
        k -= 1
    if k - 1 <= span.sent.start or norm(doc[k].text) != "sur":
        return None
    verb = doc[k - 1]
    if not (verb.is_alpha and verb.text.islower() and verb_in(verb, frozenset({"tabler"}))):
        return None
    return _written_subject(verb)


COUNTED_FORMS = {"compté", "comptés", "recensé", "recensés", "dénombré", "dénombrés"}


# "selon ses calculs", "d'après leurs estimations": the figures of the person or body named before
OWN_FIGURES_RE = re.compile(r"(?:ses|son|sa|leurs?) (?:propres )?(?:calculs?|estimations?|projections?|comptes?|"
                            r"décomptes?|évaluations?)$")


STATE_FILLERS = {"par", "ailleurs", "aussi", "également", "déjà", "encore", "désormais", "pour", "sa", "leur", "part"}
STATES = {"fait", "font", "faisait", "faisaient", "fera", "feront", "ferait", "feraient", "faire"}


def _doubt_only_in_what_is_said(span: Span, sentence: str) -> bool:
    """ "Joint mardi, X estime que ces chiffres sont « invérifiables »": the doubt is in the words reported after
    the day, not on the day of the call (only for a day or a weekday named before those words)."""
    if not _looks_like_date(span):
        return False
    after = norm(span.doc[span.end : span.sent.end].text) if span.end < span.sent.end else ""
    opener = re.search(r"\b(?:que|qu')|«|“|:", after)
    if opener is None:
        return False
    said = after[opener.start() :]
    found = [phrase for phrase in lexicon().hedge_phrases if phrase in sentence]
    return all(phrase in said and phrase not in sentence[: max(0, len(sentence) - len(said))] for phrase in found)


def _measured_by_participle(verb: Token) -> bool:
    """A past participle of measure hanging from a noun without auxiliary ("le coût, estimé à", "chiffré à"): the
    noun is what is measured; who measured it, if anyone, is said elsewhere ("selon X")."""
    return (
        (verb.dep_ in {"acl", "amod", "advcl"} or (verb.i > 0 and verb.doc[verb.i - 1].text == ","))
        and "Part" in verb.morph.get("VerbForm")
        and "Past" in verb.morph.get("Tense")
        and not any(c.dep_ in {"aux", "aux:tense", "aux:pass"} for c in verb.children)
        and verb.i + 1 < len(verb.doc)
        and norm(verb.doc[verb.i + 1].text) in {"à", "au", "aux"}
    )


def _states_before(span: Span) -> str | None:
    """The subject of "X fait état de ..." earlier in the span's sentence (the parser reads "fait" as a noun)."""
    lex = lexicon()
    sent = span.sent
    doc = sent.doc
    for token in reversed(doc[sent.start : span.start]):
        if token.text in {".", ";", ":"} or token.text in QUOTE_OPEN | QUOTE_CLOSE:
            return None
        if norm(token.text) not in STATES or token.i + 2 >= span.start:
            continue
        e = token.i + 1
        while e < span.start and norm(doc[e].text) in STATE_FILLERS:
            e += 1  # "fait par ailleurs état de", "font aussi état de"
        if e + 1 >= span.start or norm(doc[e].text) != "état" or norm(doc[e + 1].text) not in {"de", "d'", "du", "des"}:
            continue
        first = token.i
        while first > sent.start and doc[first - 1].text not in {",", ";", ":", "(", ")"}:
            first -= 1
        last = token.i
        while last > first and norm(doc[last - 1].text) in {"a", "ont", "avait", "avaient", "aurait", "auraient"}:
            last -= 1
        if first == last and first - 2 > sent.start and doc[first - 1].text == ",":
            # "Le ministère de la Santé, contrôlé par X, fait état de …": the subject before the aside
            opening = next((m for m in range(first - 2, sent.start, -1) if doc[m].text == ","), None)
            if opening is not None and (participle(doc[opening + 1]) or norm(doc[opening + 1].text) == "qui"):
                first = last = opening
                while first > sent.start and doc[first - 1].text not in {",", ";", ":", "(", ")"}:
                    first -= 1
        words = list(doc[first:last])
        if words and any(t.pos_ == "VERB" for t in words) and (agent := _agent_after(words)) is not None:
            return agent  # "Un bilan fourni par les secours fait état de …": the rescuers
        if not words or _phrase_head(words) is None or any(t.pos_ == "VERB" for t in words):
            return None
        text = doc[first:last].text
        if norm(text) in lex.pronoun_subjects | lex.unnamed_subjects | set(lex.non_sources):
            return None
        return text
    return None


def rumour_source(sent: Span) -> str | None:
    """Where unconfirmed information circulates ("des informations circulaient dans les médias")."""
    lex = lexicon()
    tokens = list(sent)
    for k, token in enumerate(tokens[:-2]):
        if verb_in(token, lex.rumour_verbs) or token.lemma_.lower() in lex.rumour_verbs:
            for j in range(k + 1, min(k + 4, len(tokens) - 1)):
                if tokens[j].lower_ in {"dans", "sur"}:
                    head = _phrase_head(tokens[j + 1 :])
                    return noun_phrase_from(tokens[j + 1], head) if head is not None else None
    return None


@functools.cache
def _stems(verbs: frozenset[str]) -> tuple[str, ...]:
    """Stems of first-group verbs, to catch forms the lemmatizer misses ("estime" left as its own lemma)."""
    return tuple(sorted(v[:-2] for v in verbs if v.endswith("er") and len(v) >= 6 and " " not in v))


def verb_in(token: Token, verbs: frozenset[str]) -> bool:
    """Whether a token is a form of one of the verbs, by lemma or by first-group stem."""
    if token.lemma_.lower() in verbs:
        return True
    word = norm(token.text)
    return word.startswith(_stems(verbs)) and not word.endswith(("ion", "ions", "eur", "eurs", "ment"))


def is_reporting(token: Token) -> bool:
    """A verb of saying or estimating, not negated (a denial or a refusal to confirm is no assertion)."""
    lex = lexicon()
    if not (token.pos_ in {"VERB", "AUX"} or _verb_read_as_noun(token)) or not verb_in(token, lex.reporting_verbs):
        return False
    return not any(child.lower_ in lex.negations for child in token.children)


def _verb_read_as_noun(token: Token) -> bool:
    """ "L'ONU recense …", "Kiev avance le chiffre de …": a verb the tagger took for its homonym noun, betrayed by
    the subject it governs (a noun heads no subject)."""
    return token.pos_ == "NOUN" and token.text.islower() and any(c.dep_ == "nsubj" for c in token.children)


def inside_quote(sent: Span, index: int) -> bool:
    """Whether token index lies between opening and closing quotation marks within the sentence."""
    depth = 0
    for token in sent:
        if token.i >= index:
            break
        if token.text in QUOTE_OPEN and (token.text != '"' or depth == 0):
            depth += 1
        elif token.text in QUOTE_CLOSE and depth:
            depth -= 1
    return depth > 0


def quoted_in_paragraph(sent: Span, index: int) -> bool:
    """Whether token index lies inside a quotation opened earlier in its paragraph (a quote may span sentences)."""
    doc = sent.doc
    start = sent.start
    while start > 0 and sent.start - start < 400 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    return inside_quote(doc[start : sent.end], index)


DEMAND_VERBS = frozenset({"requérir", "réclamer"})  # only with the figure as their own object


def _demands(verb: Token, child: Token, root: Token) -> bool:
    """Whether the figure is itself what a verb of demanding asks for ("a requis trois ans de prison, … et 60 000
    euros d'amende", "a réclamé 150 000 euros"), not a detail of the thing asked ("des missiles d'une portée de …")."""
    if verb.pos_ != "VERB" or not verb_in(verb, DEMAND_VERBS) or any(c.lower_ in lexicon().negations
                                                                     for c in verb.children):
        return False
    token = root.head if root.dep_ == "nummod" else root  # up to the verb through objects and their coordinates
    if token.dep_ not in {"obj", "conj"}:
        return False  # "a requis jeudi": the day it asked, read as a complement
    while token.i != verb.i:  # only ("a requis jeudi trois ans …")
        if token.dep_ not in {"obj", "conj", "xcomp"} or token.head.i == token.i:
            return False
        token = token.head
    return child.dep_ in {"obj", "conj", "xcomp"}


def _hung_on_aside(child: Token, root: Token) -> bool:
    """Whether the parse hangs the figure on an aside before it ("avance pour sa part le chiffre de 31")."""
    if not child.dep_.startswith("obl") or child.lemma_.lower() not in {"part", "côté"} or child.i >= root.i:
        return False
    return " ".join(t.lower_ for t in child.subtree if t.i < root.i).startswith(tuple(OWN_ASIDES))


OWN_ASIDES = ("pour sa part", "de son côté", "pour leur part", "de leur côté")


def reporting_verb(span: Span, root: Token) -> Token | None:
    """The verb of saying whose content holds the span, by the parse or, failing it, by word order."""
    sent = span.sent
    child = root
    for ancestor in root.ancestors:
        if _demands(ancestor, child, root):
            return ancestor  # "le parquet a requis trois ans de prison": the figure it asks for
        if is_reporting(ancestor) and (child.dep_ in CONTENT_RELATIONS or _hung_on_aside(child, root)):
            # "X avance pour sa part le chiffre de 31": the object the parser hung on the aside
            if child.pos_ in {"NOUN", "PROPN", "NUM"} and verb_in(ancestor, lexicon().earning_verbs):
                return None  # "chaque soldat rapporterait 2 000 dollars": what it earns, not what it says
            return ancestor
        child = ancestor
    speaks_of = _speaks_of(span)
    if speaks_of is not None:
        return speaks_of
    # "X a affirmé que ... 12 000 soldats": nearest verb of saying before the span with "que" or ":" between
    for token in reversed(sent[: span.start - sent.start]):
        if token.text in {".", ";"}:
            break
        if is_reporting(token):
            between = sent.doc[token.i + 1 : span.start]
            if any(t.lower_ in {"que", "qu'", "qu’", ":"} for t in between):
                return token
            break
    # "..., a déclaré X." / "« ... », a-t-il ajouté": inverted verb of saying after the span
    after = sent.doc[span.end : sent.end]
    for token in after:
        if token.text in {"."}:
            break
        if is_reporting(token) and token.i > span.end:
            prev = sent.doc[token.i - 1]
            aux = prev if prev.pos_ == "AUX" else None
            opener = sent.doc[aux.i - 1] if aux is not None and aux.i > sent.start else prev
            if opener.text in {",", "»", "”", '"'} | QUOTE_CLOSE and (
                _inverted_subject(token) is not None
                or any(c.dep_.startswith("nsubj") and c.i > token.i - 3 for c in token.children)
            ):
                return token
            if any(c.dep_ == "expl:subj" or c.text.startswith("-") for c in token.children) or (
                token.i + 1 < sent.end and sent.doc[token.i + 1].text.startswith("-")
            ):
                return token
    # « ... » | , a déclaré X. — the parser often ends the sentence at the closing quote
    last = sent[len(sent) - 1]
    if last.text in QUOTE_CLOSE and sent.end < len(sent.doc):
        following = sent.doc[sent.end : min(len(sent.doc), sent.end + 4)]
        for token in following:
            if is_reporting(token):
                return token
            if token.text not in {",", "»", "”"} and token.pos_ != "AUX":
                break
    return None


SHARE_RE = re.compile(  # "près d'un ménage sur deux", "les deux tiers", "60 % des sondés": a share of people, nobody
    r"\bsur\s+(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+)$|^(?:la|les|une?)\s+(?:\w+\s+)?(?:moitié|tiers|"
    r"quarts?)\b|^(?:près de |plus de |moins de )?\d[\d,. ]*\s*%"
)
TURN_WORDS = {"et", "mais", "tandis", "alors"}  # ", et le Pentagone parle de …": a second speaker's clause
TURN_FOLLOWERS = {"que", "qu'", "de", "d'", "du", "des", "à", "au", "aux", ":"}
SECOND_SPEAKER_VERBS = frozenset({"parler", "tabler"})  # verbs of a figure's source beside the verbs of saying


def other_speaker_turn(doc: Doc, lo: int, hi: int) -> tuple[int, str] | None:
    """A coordinated clause between tokens lo and hi that gives the floor to another speaker ("X estime que …, et
    le Pentagone parle de …", "…, tandis que Kiev avance …"): the comma's index and that speaker's name."""
    verbs = lexicon().reporting_verbs | SECOND_SPEAKER_VERBS
    for k in range(lo, hi - 2):
        if doc[k].text not in {",", ";"} or norm(doc[k + 1].text) not in TURN_WORDS:
            continue
        first = k + 2
        if norm(doc[k + 1].text) in {"tandis", "alors"}:
            if norm(doc[first].text) not in {"que", "qu'"}:
                continue
            first += 1
        m = first
        while m < min(hi, first + 6) and (doc[m].is_alpha or _name_hyphen(doc, m)) and not _saying_here(doc, m, verbs):
            if doc[m].pos_ not in {"DET", "NOUN", "PROPN", "ADJ"} and not _name_hyphen(doc, m):
                break  # "la Croix-Rouge": a hyphen inside the name goes on
            m += 1
        if m > first and m < hi and _saying_here(doc, m, verbs) and doc[first].pos_ in {"DET", "PROPN"} and any(
            t.pos_ in {"NOUN", "PROPN"} for t in doc[first:m]
        ):
            return k, doc[first:m].text
    return None


def _saying_here(doc: Doc, m: int, verbs: frozenset[str]) -> bool:
    """A verb of saying at token m followed by what it says ("parle de", "estime que", "avance 12 000")."""
    token = doc[m]
    return (m + 1 < len(doc) and token.is_alpha and token.lower_ == token.text and verb_in(token, verbs)
            and (norm(doc[m + 1].text) in TURN_FOLLOWERS or doc[m + 1].like_num))


SPEAKS_OF_FILLERS = {"plutôt", "déjà", "désormais", "aussi", "également", "encore", "maintenant", "même"}


def _speaks_of(span: Span) -> Token | None:
    """ "Washington parle de 8 000 soldats", "Kiev parlait plutôt d'environ 10 000": the figure right after "parler
    de" is what the subject of "parler" puts forward."""
    doc = span.doc
    k = span.start if norm(span[0].text) in {"de", "d'"} else span.start - 1  # "parle de 10 000 à 12 000 hommes"
    if k < span.sent.start or norm(doc[k].text) not in {"de", "d'", "du"}:
        return None
    k -= 1
    while k >= span.sent.start and norm(doc[k].text) in SPEAKS_OF_FILLERS:
        k -= 1
    if k < span.sent.start:
        return None
    verb = doc[k]
    if not verb_in(verb, SECOND_SPEAKER_VERBS - {"tabler"}) or not verb.text.islower() or any(
        c.lower_ in lexicon().negations for c in verb.children
    ):
        return None
    return verb


# Asides between a subject and its verb ("L'OTAN, de son côté, parle de …"): the subject is still the one before.
ASIDES = {"de son côté", "pour sa part", "de leur côté", "pour leur part", "quant à lui", "quant à elle",
          "lui aussi", "elle aussi", "à son tour", "de nouveau", "en revanche", "pour l'heure", "pour l’heure"}


def _written_subject(verb: Token) -> str | None:
    """The words right before a verb, from the start of its clause, when they read as a name ("Washington",
    "Le Pentagone"): the subject by word order."""
    doc = verb.doc
    end = verb.i
    if end - 1 > verb.sent.start and doc[end - 1].text == ",":  # "L'OTAN, de son côté, parle de …"
        comma = next((m for m in range(end - 2, max(verb.sent.start, end - 6), -1) if doc[m].text == ","), None)
        if comma is not None and " ".join(t.lower_ for t in doc[comma + 1 : end - 1]) in ASIDES:
            end = comma
    k = end
    while k > verb.sent.start and end - k < 6 and (doc[k - 1].pos_ in {"DET", "PROPN", "NOUN", "ADJ"} or (
        norm(doc[k - 1].text) in {"de", "du", "des", "d'"} and k - 1 > verb.sent.start and k < end
        and doc[k - 2].pos_ in {"NOUN", "PROPN"}  # "La Banque de Brenne table sur …"
    )) and (doc[k - 1].is_alpha or doc[k - 1].text.endswith(("'", "’")) or _name_hyphen(doc, k - 1)):
        k -= 1
    if k == end or (k > verb.sent.start and doc[k - 1].text not in {",", ";", ":", "-", "•", "—", "–", "que", "qu'"}
                    and not doc[k - 1].is_space):
        return None
    if doc[k].pos_ not in {"DET", "PROPN"} or not any(t.pos_ == "PROPN" or t.pos_ == "NOUN" for t in doc[k:end]):
        return None
    text = doc[k:end].text
    return None if norm(text) in lexicon().pronoun_subjects | lexicon().unnamed_subjects else text


def _name_hyphen(doc: Doc, k: int) -> bool:
    """The hyphen inside a name the tokenizer split ("la Croix - Rouge" written "la Croix-Rouge")."""
    return doc[k].text == "-" and not doc[k].whitespace_ and k > 0 and not doc[k - 1].whitespace_


def subject_of(verb: Token, depth: int) -> str | None:
    """The subject of a verb of saying as the text names it, resolving pronouns to the previous speaker."""
    lex = lexicon()
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    holder: Token | None = verb
    for _ in range(3):  # a participle ("affirmant que") takes the subject of the clause it hangs from
        if holder is None:
            break
        subjects = [
            c for c in holder.children
            if c.dep_ in {"nsubj", "nsubj:pass"} and c.pos_ != "SCONJ" and not c.is_punct and c.text not in QUOTE_MARKS
        ]
        agents = [c for c in holder.children if c.dep_ == "obl:agent"]
        if holder.i == verb.i:
            clitics = [
                c for c in holder.children if c.dep_ == "expl:subj" and c.text.startswith("-") and c.text != "-t"
            ]
            subjects = clitics or subjects or [c for c in holder.children if c.dep_ == "expl:subj"]
        if holder.i == verb.i and _impersonal_passive(verb, subjects):
            # "il a été rapporté (par X) que …": the "il" is nobody; the agent, if named, asserts
            return _agent_phrase(agents[0]) if agents else None
        if holder.i == verb.i and _passive(verb):  # "Le coût est estimé à …": the subject is what is measured
            by = [c for c in verb.children if c.dep_.startswith("obl") and c.i > verb.i
                  and any(k.dep_ == "case" and k.lower_ == "par" for k in c.children)]
            return _agent_phrase((agents or by)[0]) if agents or by else None
        chosen = subjects or agents
        if chosen:
            subject = chosen[0]
            words = norm(subject.text).strip()
            if words in lex.unnamed_subjects:
                if subject.lower_ == "qui" and holder.dep_ == "acl:relcl":
                    found = noun_phrase(_antecedent_of(subject, holder.head))
                    return re.sub(r"^(?:au|aux|à)\s+", "", found) if found else None  # "au journal, qui"
                return None
            if words.lstrip("-") in lex.pronoun_subjects or words in lex.pronoun_subjects:
                return previous_speaker(verb.doc, verb.sent, depth)
            found = _with_stray_adjective(noun_phrase(subject), holder, verb)
            return None if found is not None and SHARE_RE.search(norm(found)) else found
        if holder.dep_ in {"ROOT"} or holder.head.i == holder.i:
            break
        if holder.i == verb.i and holder.dep_ == "advcl" and "Fin" in holder.morph.get("VerbForm"):
            return _written_subject(verb)  # "…, tandis que la Croix-Rouge estime que …": not the main clause's subject
        holder = holder.head
    return None


def _with_stray_adjective(found: str | None, holder: Token, verb: Token) -> str | None:
    """ "Le renseignement militaire ukrainien affirme que …" parsed with the adjective as the head of the verb: the
    adjective written between the subject and its verb still belongs to the subject's name."""
    if found is None or holder.i == verb.i or holder.pos_ != "ADJ" or not verb.i - 2 <= holder.i < verb.i:
        return found
    doc = verb.doc
    before = doc[holder.i - 1]
    start = before.idx + len(before.text) - len(found)
    if start < 0 or doc.text[start : before.idx + len(before.text)] != found or not holder.is_lower:
        return found
    return doc.text[start : holder.idx + len(holder.text)]


def _antecedent_of(qui: Token, head: Token) -> Token:
    """The noun the relative clause hangs from or, when the parser hung it on a verb ("au journal, qui précise"),
    the noun right before "qui"."""
    if head.pos_ in {"NOUN", "PROPN"} and head.i < qui.i:
        return head
    doc = qui.doc
    k = qui.i - 1
    if k >= qui.sent.start and doc[k].text == ",":
        k -= 1
    if k >= qui.sent.start and doc[k].pos_ in {"NOUN", "PROPN"}:
        return doc[k]
    return head


def _after_date(doc: Doc, j: int, end: int) -> int:
    """The first token from j on past days, months, adverbs and "le 11 novembre" ("a déclaré le 11 novembre X")."""
    while j < end and (
        norm(doc[j].text) in INCISE_FILLERS
        or doc[j].text[:1].isdigit()
        or (doc[j].lower_ in {"le", "ce"} and j + 1 < end and doc[j + 1].text[:1].isdigit())
    ):
        j += 1
    return j


SCALE_LEMMAS = {"million", "milliard", "millier", "centaine", "dizaine"}


def _put_forward_by(root: Token) -> str | None:
    """The agent of a participle of saying hung on the counted noun, or on the "chiffre" it is the figure of ("les
    12 000 soldats évoqués par Séoul", "le chiffre de 10 000 soldats avancé par Washington")."""
    nouns = [root]
    if root.dep_ == "nmod" and norm(root.head.lemma_) in SCALE_LEMMAS and root.head.i < root.i:
        root = root.head  # "4,2 millions de chômeurs avancé par X": the participle hangs on the scale word
        nouns.append(root)
    if root.dep_ == "nmod" and root.head.lemma_.lower() in GIVEN_DATA:
        nouns.append(root.head)
    for noun in nouns:
        for child in noun.children:
            if child.dep_ != "acl" or child.i < noun.i or not is_reporting(child) or not participle(child):
                continue
            agent = next((c for c in child.children if c.dep_ == "obl:agent" or (
                c.dep_.startswith("obl") and c.i > child.i and any(k.dep_ == "case" and k.lower_ == "par"
                                                                   for k in c.children)
            )), None)
            if agent is not None:
                return _agent_phrase(agent)
    return None


def _agent_phrase(agent: Token) -> str | None:
    """ "par les États-Unis que …" -> "les États-Unis": the agent of a passive, without "par" or what follows."""
    doc = agent.doc
    lo = min(t.i for t in agent.subtree)
    while lo < agent.i and doc[lo].pos_ == "ADP":
        lo += 1
    hi = agent.i
    while hi + 1 < agent.sent.end and not _phrase_break(doc[hi + 1]) and (
        doc[hi + 1].pos_ in {"PROPN", "NOUN", "ADJ"} or norm(doc[hi + 1].text) in {"de", "du", "des", "d'"}
    ):
        hi += 1
    while hi > lo and doc[hi].pos_ in {"DET", "ADP"}:
        hi -= 1
    return doc[lo : hi + 1].text.strip() or None


def _passive(verb: Token) -> bool:
    """A past participle after "être" ("est estimé", "a été évalué"): a passive, whatever the parser calls the aux."""
    return "Part" in verb.morph.get("VerbForm") and verb.lemma_.lower() not in ETRE_VERBS and any(
        c.dep_ == "aux:pass" or (c.dep_ == "cop" and c.lemma_ == "être") for c in verb.children
    ) and not any(c.lower_ in {"se", "s'", "s’"} for c in verb.children)


def _impersonal_passive(verb: Token, subjects: list[Token]) -> bool:
    """ "Il a été dit que", "il est rapporté que": a verb of saying in the passive with an impersonal "il"."""
    passive = any(c.dep_ == "aux:pass" or c.lower_ in {"été", "est"} for c in verb.children)
    doc = verb.doc
    written = [doc[k] for k in range(max(verb.sent.start, verb.i - 4), verb.i)]
    impersonal = any(s.lower_ == "il" for s in subjects) or (
        not subjects and any(t.lower_ == "il" for t in written)
    )
    return passive and impersonal and any(t.lower_ in {"été", "est"} for t in written)


def _inverted_subject(verb: Token) -> str | None:
    """The subject after the verb in an incise ("», a déclaré un officier ukrainien."), read by word order."""
    doc = verb.doc
    sent = verb.sent
    i = verb.i - 1
    if i >= sent.start and doc[i].pos_ == "AUX":
        i -= 1
    if i < sent.start or doc[i].text not in {",", "»", "”", '"', "“"}:
        return None
    if "Pres" in verb.morph.get("Tense") and "Part" in verb.morph.get("VerbForm"):
        return None  # "…, évoquant « une menace »": what follows a present participle is its object
    written = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"} and c.i < i
               and any(a.dep_ == "appos" and a.pos_ in {"PROPN", "NOUN"} for a in c.children)]
    if written and not any(doc[m].text in QUOTE_MARKS for m in range(written[0].i, verb.i)):
        return None  # "Le ministre de la Défense, Paul Roche, a annoncé l'envoi de …", "le gouvernement de X, la
        # capitale, avance le chiffre de …": the comma closed the apposition of the subject written before the
        # verb; what follows is the verb's object
    j = _after_date(doc, verb.i + 1, sent.end)
    if j >= sent.end or doc[j].pos_ not in {"DET", "PROPN", "NOUN"} or not doc[j].text[:1].isalnum():
        return None  # "-t-il", a quotation mark the tagger took for a name: no subject written here
    if j > verb.i + 1 and doc[j - 1].text[:1].isdigit():
        return None  # "Boudanov, a évoqué 11 000 soldats": the number counts the verb's object, no speaker follows
    k = j
    while k + 1 < sent.end:
        nxt = doc[k + 1]
        if _phrase_break(nxt) or (nxt.pos_ == "ADP" and nxt.lower_ not in {"de", "du", "des", "d'", "d’"}):
            break
        if nxt.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ", "ADV"}:
            break
        if nxt.text[:1].isdigit() or (nxt.lower_ in {"le", "l'", "l’"} and k + 2 < sent.end
                                      and doc[k + 2].text[:1].isdigit()):
            break  # "a annoncé X le 11 janvier": the date closes the speaker's name
        k += 1
    while k > j and norm(doc[k].text) in INCISE_FILLERS:
        k -= 1  # "a dit l'agence sud-coréenne vendredi": the day is when, not who
    if k > j and k + 1 < sent.end and doc[k + 1].lower_ == "par" and participle(doc[k]):
        k -= 1  # "a résumé un officier cité par l'agence": who relays the words is no part of the speaker
    head = doc[j + 1] if doc[j].pos_ == "DET" and j + 1 <= k else doc[j]
    if norm(head.text) in TIME_WORDS or any(t.text[:1].isdigit() for t in doc[j : k + 1]):
        return None  # "Mark Rutte, a jugé le 4 novembre que …": a date after the verb, not its subject
    if k + 1 < sent.end and (norm(doc[k + 1].text) in {"que", "qu'", ":"} or doc[k + 1].text in QUOTE_OPEN):
        return None  # "X, a dénoncé un « … »", "…, a affirmé jeudi que …": the verb's object follows
    text = doc[j : k + 1].text.strip()
    return text or None


def noun_phrase(token: Token) -> str | None:
    """A noun phrase as written: the token's subtree cut at commas, relative clauses and verbs."""
    doc = token.doc
    sent = token.sent
    tokens = [t for t in token.subtree if sent.start <= t.i < sent.end]
    if not tokens:
        return None
    # keep the contiguous run around the head, cut at punctuation that ends a phrase and at clauses
    lo, hi = token.i, token.i
    members = {t.i for t in tokens}
    while lo - 1 in members and not _phrase_break(doc[lo - 1]):
        lo -= 1
    while lo < token.i and doc[lo].dep_ == "case" and doc[lo].head.i == token.i:
        lo += 1  # "sévère pour le ministère, qui a précisé": the preposition belongs to the clause before
    lo = _extend_left(doc, sent.start, lo)
    while lo - 2 >= sent.start and doc[lo - 1].text == "-" and not doc[lo - 1].whitespace_ and not doc[
        lo - 2
    ].whitespace_ and doc[lo - 2].is_alpha:
        lo -= 2  # "Météo-France" cut by the tokenizer at its hyphen
    lo = min(_after_date(doc, lo, token.i), token.i)  # "le 11 novembre M. Zelensky": the date is not the name
    while hi + 1 in members and not _phrase_break(doc[hi + 1]) and not _relayed_from(doc, hi + 1, sent.end):
        hi += 1
    relay = next((m for m in range(lo + 1, token.i) if _relayed_from(doc, m, sent.end)), None)
    if relay is not None:  # the parser made the relay the head: "Des électriciens cités par le quotidien X"
        hi = relay - 1
    while hi + 1 < sent.end and not doc[hi].whitespace_ and (
        (doc[hi].text.endswith("-") or doc[hi + 1].text == "-") and (doc[hi + 1].is_alpha or doc[hi + 1].text == "-")
    ):
        hi += 1  # "Cho Tae-yul" cut by the tokenizer at its hyphen
    segments = [doc[lo : hi + 1]]
    # an apposition after a comma that names a person is what readers recognise ("..., Mark Rutte,")
    for child in token.children:
        if child.dep_ in {"appos", "nmod"} and child.i > hi and any(t.ent_type_ == "PER" for t in child.subtree):
            run = [t for t in child.subtree if not _phrase_break(t)]
            if run and not any(t.ent_type_ == "PER" for t in segments[0]):
                segments = [doc[run[0].i : run[-1].i + 1]]
    text = segments[0].text.strip().strip(" ,;:")
    if text.count("(") > text.count(")") and hi + 1 < sent.end and doc[hi + 1].text == ")":
        text += ")"
    return text or None


def _relayed_from(doc: Doc, i: int, end: int) -> bool:
    """ "Des habitants cités par le quotidien": from the participle on, who relays the words, not who says them."""
    return i + 1 < end and doc[i + 1].lower_ == "par" and doc[i].pos_ != "NOUN" and participle(doc[i])


def _extend_left(doc: Doc, floor: int, lo: int) -> int:
    """Take back the start of a name the parser split off ("L’agence de renseignement | sud-coréenne")."""
    i = lo
    while i - 1 >= floor:
        prev = doc[i - 1]
        if norm(prev.text) in INCISE_FILLERS:
            break  # "a affirmé mardi le renseignement": a day or an adverb, not part of the name
        if doc[i].pos_ == "DET" and prev.pos_ in {"NOUN", "PROPN"} and not prev.text.endswith(("'", "’")):
            break  # "a déclaré à Reuters un officier": a fresh determiner starts the name
        if (
            (prev.pos_ in {"NOUN", "PROPN", "ADJ", "DET"} and not _phrase_break(prev) and prev.is_alpha)
            or (prev.text[-1:] in {"'", "’"} and prev.pos_ in {"DET", "PROPN"} and len(prev.text) <= 2)
            or (
                prev.lower_ in {"de", "du", "des", "d'", "d’"}
                and i - 2 >= floor
                and doc[i - 2].pos_ in {"NOUN", "PROPN", "ADJ"}
            )
        ):
            i -= 1
        else:
            break
    while i < lo and doc[i].pos_ == "ADP":
        i += 1
    return i


def _phrase_break(token: Token) -> bool:
    """Tokens that end a source's name: punctuation, relative pronouns, finite verbs."""
    if token.text in STOP_PUNCT:
        return True
    if token.pos_ in {"VERB", "AUX"} and "Fin" in token.morph.get("VerbForm"):
        return True
    return token.lower_ in {"qui", "que", "qu'", "qu’", "dont", "lequel", "laquelle"} and token.pos_ == "PRON"


def _speaker_before(span: Span) -> str | None:
    """The named subject of a verb of saying earlier in the span's sentence."""
    lex = lexicon()
    for token in reversed(span.sent.doc[span.sent.start : span.start]):
        if is_reporting(token):
            subject = _nearest_subject(token)
            if (
                subject is not None
                and norm(subject.text).lstrip("-") not in lex.pronoun_subjects | lex.unnamed_subjects
            ):
                return subject_of(token, LOOK_BACK)
    return None


def _after_a_compared_figure(tokens: list[Token], k: int, span: Span) -> bool:
    """The 'selon X' at k follows "contre N" and the span is before that "contre": X sources the other figure."""
    m = k - 1
    while m >= 0 and k - m <= 6 and (tokens[m].like_num or tokens[m].pos_ in {"NUM", "NOUN", "ADJ", "DET"}):
        m -= 1
    return 0 <= m < k - 1 and tokens[m].lower_ == "contre" and span.end <= tokens[m].i


ASIDE_BREAKS = frozenset({":", ";", "«", "»", '"', "“", "”", "(", ")"})


def closed_aside(doc: Doc, k: int, lo: int, hi: int) -> int | None:
    """Where the verbless aside set off by commas that the 'selon X' at token k ends closes ("le taux, proche de
    30 % selon les syndicats, montre que …"): that X sources what the aside says, not what follows its comma.
    None when the 'selon' is no such aside's (it opens the sentence, or ends a clause), lo:hi bounding the search."""
    opening = next((m for m in range(k - 1, lo - 1, -1) if doc[m].text == ","), None)
    if opening is None or opening == k - 1 or not doc[k].is_lower:
        return None  # "Selon X, …" opens the sentence (or a line the parser joined to it): it covers what follows
    if any((t.pos_ in {"VERB", "AUX"} and "Part" not in t.morph.get("VerbForm")) or t.is_space or t.text in ASIDE_BREAKS
           for t in doc[opening + 1 : k]):
        return None  # "En 2023, l'armée comptait 12 000 hommes selon Séoul, puis 15 000": a clause, not an aside
    return next((m for m in range(k + 1, hi) if doc[m].text == ","), None)


def source_phrase(sent: Span, span: Span) -> tuple[str | None, bool, bool] | None:
    """The 'selon X' / "d'après X" phrase that covers the span: (text, points back, is a citation)."""
    lex = lexicon()
    candidates: list[tuple[int, str | None, bool, bool]] = []
    markers: list[int] = []  # token index of each candidate's marker
    tokens = list(sent)
    span_quoted = inside_quote(sent, span.start)
    for k, token in enumerate(tokens):
        rest = norm(" ".join(t.text for t in tokens[k : k + 3]).replace("' ", "'").replace("’ ", "'"))
        rest = rest.replace("' ", "'")
        marker = next((m for m in lex.source_markers if rest.startswith(m + " ") or rest == m), None)
        if marker is None:
            continue
        if marker in lex.sentence_initial_only and k != 0:
            continue
        if inside_quote(sent, token.i) and not span_quoted:
            continue  # "« selon X » …": someone's words name X, the writer does not ("Selon X, « … »" does)
        if _after_a_compared_figure(tokens, k, span):
            continue  # "La préfecture a compté 9 400 grévistes, contre 21 000 selon X": X gives the second count only
        if token.i < span.start and (closing := closed_aside(sent.doc, token.i, sent.start, sent.end)) is not None \
                and closing < span.start:
            continue  # "La secousse, d'une magnitude de 6,8 selon l'institut, a été ressentie à 240 km": X gives the
            # magnitude inside the aside, not what the sentence says after it
        if (token.i < span.start and _opening_figure_credited(sent, token.i)) or (
            token.i > span.end and _in_relative_aside(sent, span, token.i)
        ):  # "Avec 4,7 % des voix selon X, …, le seuil étant fixé à 5 %", "Son parti, qui détenait 104 sièges, n'en
            # obtiendrait que 62, selon X": X gives the other figure only, and no source is carried from before
            candidates.append((abs(token.i - span.start), None, False, False))
            markers.append(token.i)
            continue
        width = _marker_width(tokens, k, marker)
        if marker.startswith("de source"):  # "de source militaire": the source is "source militaire"
            width -= 1
            if k > 0 and (tokens[k - 1].lower_ in {"partir", "provenant", "émanant"} or participle(tokens[k - 1])):
                continue  # "un décompte à partir de sources officielles": what the count drew on, not who gives it
        phrase_tokens = tokens[k + width :]
        if not phrase_tokens:
            continue
        if phrase_tokens[0].lower_ in RELATIVE_SOURCES:  # "un diplomate selon lequel …": the noun before
            text = _antecedent(tokens[:k])
            if text is not None and not (tokens[0].i <= span.start < token.i):
                candidates.append((abs(token.i - span.start), text, False, False))
                markers.append(token.i)
            continue
        if marker.startswith("cit") and marker != "citant":  # "Un responsable, cité par le NYT, évoque …"
            cited = _cited_before(tokens[:k], span)
            if cited is not None:
                candidates.append((abs(token.i - span.start), cited, False, False))
                markers.append(token.i)
                continue
        head = _phrase_head(phrase_tokens)
        if head is None or (head.i >= span.start and head.i < span.end):
            continue
        text = noun_phrase_from(phrase_tokens[0], head)
        if text is not None:
            text = _without_borders(phrase_tokens, text)  # "selon Médecins sans frontières": one name
            text = _apposed_name(phrase_tokens, _comma_name(phrase_tokens, text))
        if text is not None and marker in CONTRACTED_MARKERS and text[:1].islower():
            text = CONTRACTED_MARKERS[marker] + text  # "aux dires des habitants": the inhabitants
        if {norm(t.lemma_) for t in phrase_tokens[:2]} & GIVEN_DATA and any(
            norm(t.text) in OBTAINED for t in phrase_tokens[1:5]
        ):
            continue  # "selon un rapport consulté par notre rédaction": a document whose author is not named
        agent = _agent_after(phrase_tokens)
        if agent is not None:  # "d'après les chiffres avancés par le renseignement": the agent is the source
            text = agent
        elif text is not None and _ownerless_data(text):
            continue  # "selon les estimations transmises aux alliés": figures whose author the text does not give
        elif text is not None:
            text = _data_owner(text) or text  # "d'après un décompte de l'agence Reuters": the agency counted
        if text is not None:  # "selon la CGT (250 000 selon le ministère)": the brackets give another figure
            text = OTHER_FIGURE_IN_BRACKETS_RE.sub("", text) or None
        if text is not None and text.endswith(")") and text.count(")") > text.count("("):
            text = text[:-1].rstrip() or None  # "(… selon le ministère)": the bracket closes the aside, not the name
        if text is not None and norm(text) in NAMELESS_SOURCES:
            candidates.append((abs(token.i - span.start), None, False, False))
            markers.append(token.i)
            continue  # "selon des sources non confirmées": a source nobody can name, and no other one carried
        if text is not None and re.search(r"\b(?:n°|no|numéro)$", text, re.IGNORECASE):
            number = _number_after(sent, text)
            text = text + number if number else None  # "selon le décret n° 2024-112": the number names it
        if text is None:
            continue
        if marker in lex.sentence_initial_only and not any(t.pos_ == "PROPN" for t in phrase_tokens[:4]):
            continue
        words = norm(text)
        if words.startswith(lex.non_sources) and not any(t.pos_ == "PROPN" for t in phrase_tokens[:8]):
            continue
        anaphoric = words in lex.anaphoric_sources or any(words.endswith(" " + a) for a in lex.anaphoric_sources)
        candidates.append((abs(token.i - span.start), text, anaphoric, marker.startswith(("citant", "cit"))))
        markers.append(token.i)
    if not candidates:
        return None
    relayed = [  # "selon une source militaire citée par la presse", "selon X, cité par Y,": Y relays, X speaks
        n for n, (at, found) in enumerate(zip(markers, candidates, strict=True)) if found[3] and any(
            not other[3] and 0 < at - before <= 12 and not any(
                t.text in STOP_PUNCT for t in sent.doc[before : at - 1 if sent.doc[at - 1].text == "," else at])
            for before, other in zip(markers, candidates, strict=True)
        )
    ]
    candidates = [c for n, c in enumerate(candidates) if n not in relayed]
    _, text, anaphoric, citation = min(candidates, key=lambda c: c[0])
    return text, anaphoric, citation


def _opening_figure_credited(sent: Span, marker: int) -> bool:
    """A 'selon X' closing a sentence's opening phrase that holds a figure of its own ("Avec 4,7 % des voix selon
    Cevora, …"): it credits that figure, not the clause after the comma."""
    doc = sent.doc
    words = [t for t in doc[sent.start : marker] if not t.is_space]
    if not words or words[0].pos_ != "ADP" or any(t.text in {",", ";", ":", "«", "»"} for t in words):
        return False
    after = next((t for t in doc[marker + 1 : sent.end] if t.text in {",", ";", ":", "."}), None)
    return after is not None and after.text == "," and any(t.text[:1].isdigit() for t in words)


def _in_relative_aside(sent: Span, span: Span, marker: int) -> bool:
    """Whether the span lies in a relative clause set off by commas (", qui …,") that closes before the marker."""
    doc = sent.doc
    opening = next((k for k in range(span.start - 1, sent.start, -1) if doc[k].text in {",", ";", ":"}), None)
    if opening is None or doc[opening].text != "," or doc[opening + 1].lower_ not in {"qui", "dont", "où"}:
        return False
    closing = next((k for k in range(span.end, marker) if doc[k].text in {",", ";", ":"}), None)
    return closing is not None and doc[closing].text == "," and closing + 1 < marker


def _without_borders(tokens: list[Token], text: str) -> str:
    """ "Médecins sans frontières", "Reporters sans frontières": the name of an organisation goes on past "sans"."""
    end = tokens[0].idx + len(text)
    k = next((n for n, t in enumerate(tokens) if t.idx >= end), None)
    if k is None or k + 1 >= len(tokens) or tokens[k].lower_ != "sans" or not text[:1].isupper():
        return text
    following = tokens[k + 1]
    return text + " sans " + following.text if following.lower_ in {"frontières", "frontière"} else text


NAMELESS_SOURCES = {"des sources", "sources", "une source", "certaines sources", "d'autres sources"}
CONTRACTED_MARKERS = {"aux dires des": "les ", "aux dires du": "le "}
OWNERLESS_DATA_RE = re.compile(  # a participle's endings, not "satellite(s)"
    r"(?:les|le|la|l'|des|un|une|ces|ce|cette) (\w+) \w+(?:é|ée|és|ées|is|ise|ises|u|ue|us|ues)"
)


OTHER_FIGURE_IN_BRACKETS_RE = re.compile(r"\s*\((?=[^)]*(?:\d|\bselon\b|\bd['’]après\b))[^)]*\)?.*$", re.DOTALL)


DATA_OF_RE = re.compile(
    r"(?:les|le|la|l'|l’|un|une|des|ces|ce|cette|son|sa|ses|leur|leurs|d'|d’|de|du) ?(\w+)(?: [a-zà-ÿ\-]+){0,2}? "
    r"(de la |de l'|de l’|du |des |de |d'|d’)(.+)"
)
OWNER_ARTICLES = {"de la ": "la ", "de l'": "l'", "de l’": "l’", "du ": "le ", "des ": "les ", "de ": "", "d'": "",
                  "d’": ""}


def _data_owner(text: str) -> str | None:
    """ "un décompte de l'agence Reuters", "un bilan provisoire des autorités": whose figures they are, the one a
    reader can name (not "les chiffres de la semaine dernière", "un rapport de 300 pages")."""
    match = DATA_OF_RE.fullmatch(text)
    if match is None:
        return None
    noun, link, owner = match.group(1).lower(), match.group(2), match.group(3)
    if noun.removesuffix("s") not in GIVEN_DATA or not owner[:1].isalpha():
        return None
    if link in {"de ", "d'", "d’"} and not owner[:1].isupper():
        return None  # "les images de satellites": what the data are of, not who made them
    words = norm(owner).split()
    if not words or words[0] in TIME_WORDS or any(w.removesuffix("s") in GIVEN_DATA | TIME_WORDS for w in words[:2]):
        return None
    return OWNER_ARTICLES[link] + owner


def _ownerless_data(text: str) -> bool:
    """ "les estimations transmises", "des chiffres communiqués": figures and a participle, no one who made them."""
    match = OWNERLESS_DATA_RE.fullmatch(norm(text))
    if match is None:
        return False
    noun = match.group(1)
    return noun in GIVEN_DATA or noun.removesuffix("s") in GIVEN_DATA or noun.removesuffix("x") in GIVEN_DATA


def _number_after(sent: Span, text: str) -> str | None:
    """The reference number written right after a source's "n°" in its sentence ("le décret n° 2024-112")."""
    words = sent.text
    at = words.find(text)
    found = re.match(r"[ \u00a0\u202f]*\d[\w\-/.]*\w|[ \u00a0\u202f]*\d", words[at + len(text) :]) if at >= 0 else None
    return found.group() if found else None


def _comma_name(tokens: list[Token], text: str) -> str:
    """A capitalised name that runs on past its commas to the sentence's end ("selon Immigration, Réfugiés et
    Citoyenneté Canada"): the whole name, not its first word."""
    rest = [t for t in tokens if not t.is_space]
    words = [t for t in rest if t.text not in {".", "!", "?", "»", ")"}]
    if len(words) < 4 or not any(t.text == "," for t in words) or not any(t.lower_ == "et" for t in words):
        return text
    if not all(t.text == "," or t.lower_ == "et" or (t.is_alpha and t.text[:1].isupper()) for t in words):
        return text
    whole = tokens[0].doc[words[0].i : words[-1].i + 1].text
    return whole if whole.startswith(text) else text


def _apposed_name(tokens: list[Token], text: str) -> str:
    """ "selon le gouverneur régional, Oleh Synehoubov": the person the title names, when their name follows it."""
    if not tokens or tokens[0].pos_ != "DET":
        return text
    doc = tokens[0].doc
    end = tokens[0].idx + len(text)
    comma = next((t for t in tokens if t.idx >= end), None)
    if comma is None or comma.text != "," or comma.i + 2 >= len(doc):
        return text
    name = []
    k = comma.i + 1
    while k < len(doc) and k < comma.i + 5 and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].pos_ in {
        "PROPN", "NOUN"  # "Andriy Youssov": the small tagger takes a first name it does not know for a noun
    }:
        name.append(doc[k])
        k += 1
    after = doc[k] if k < len(doc) else None
    if len(name) < 2 or not any(t.pos_ == "PROPN" for t in name) or (
        after is not None and after.text not in {",", ".", ";", ")"}
    ):
        return text
    if any(t.text[:1].isupper() for t in tokens[1:3] if t.idx < end):
        return text  # "selon le Kremlin, Dmitri Peskov …": a body, not a title
    return doc[name[0].i : name[-1].i + 1].text


OBTAINED = {"obtenu", "obtenue", "obtenus", "obtenues", "consulté", "consultée", "consultés", "consultées"}
GIVEN_DATA = {"chiffre", "donnée", "estimation", "bilan", "document", "statistique", "évaluation", "rapport",
              "calcul", "décompte", "relevé", "image", "information", "résultat", "projection", "prévision",
              "sondage", "enquête"}
RELATIVE_SOURCES = {"lequel", "laquelle", "lesquels", "lesquelles", "qui"}
ANTECEDENT_LINKS = {"de", "du", "des", "d'", "d’"}


def _cited_before(tokens: list[Token], span: Span) -> str | None:
    """The speaker a newspaper relays, set apart by commas before "cité par" ("Un responsable américain, cité par
    le New York Times, évoque 200 morts"): the one cited speaks, the paper relays. Not a figure or a document."""
    if len(tokens) < 2 or tokens[-1].text != ",":
        return None
    cut = tokens[:-1]
    start = max((n + 1 for n, t in enumerate(cut) if t.text in STOP_PUNCT), default=0)
    phrase = cut[start:]
    if not phrase or any(t.text[:1].isdigit() or span.start <= t.i < span.end for t in phrase):
        return None
    if {norm(t.lemma_) for t in phrase} & GIVEN_DATA or not any(t.pos_ in {"NOUN", "PROPN"} for t in phrase):
        return None
    if phrase[0].pos_ != "DET" and phrase[0].pos_ != "PROPN":
        return None
    return phrase[0].doc[phrase[0].i : phrase[-1].i + 1].text


def _antecedent(tokens: list[Token]) -> str | None:
    """The noun phrase right before "selon lequel" ("un diplomate allemand"), by word order."""
    if tokens and tokens[-1].text == ",":  # "Le rapport de l'ONU, selon lequel …"
        tokens = tokens[:-1]
    k = len(tokens)
    while k > 0 and (tokens[k - 1].pos_ in {"DET", "NOUN", "PROPN", "ADJ"} or tokens[k - 1].lower_ in ANTECEDENT_LINKS):
        k -= 1
    while k < len(tokens) and tokens[k].lower_ in ANTECEDENT_LINKS:
        k += 1
    phrase = tokens[k:]
    if not any(t.pos_ in {"NOUN", "PROPN"} for t in phrase):
        return None
    return phrase[0].doc[phrase[0].i : phrase[-1].i + 1].text


def _agent_after(tokens: list[Token]) -> str | None:
    """ "les chiffres avancés par X", "les estimations publiées par X": X, who gave the figures (not "une source
    citée par un journal", where the source is still the source)."""
    if not {norm(t.lemma_) for t in tokens[:2]} & GIVEN_DATA:
        return None
    for m, token in enumerate(tokens[:11]):
        if token.text in STOP_PUNCT or (token.pos_ in {"VERB", "AUX"} and "Fin" in token.morph.get("VerbForm")):
            return None
        if token.lower_ != "par" or m == 0 or m + 1 >= len(tokens):
            continue
        b = m - 1
        while b > 1 and m - b <= 4 and (norm(tokens[b].text) in TIME_WORDS | {"le", "ce", "cet", "cette", "1er"}
                                        or tokens[b].text.isdigit()):
            b -= 1  # "les résultats publiés ce lundi par X", "un sondage publié le 3 octobre par X": when, then who
        before = tokens[b]
        if norm(before.text) in OBTAINED:
            return None  # "un rapport obtenu par notre rédaction": who got hold of it did not write it
        if "Part" not in before.morph.get("VerbForm") and not before.lower_.endswith(("é", "és", "ée", "ées")):
            return None
        head = _phrase_head(tokens[m + 1 :])
        return noun_phrase_from(tokens[m + 1], head) if head is not None else None
    return None


def _marker_width(tokens: list[Token], k: int, marker: str) -> int:
    """How many tokens a source marker covers ("d'après" may be one token or two)."""
    joined = ""
    for width in range(1, 4):
        joined = norm("".join(t.text_with_ws for t in tokens[k : k + width])).strip()
        if joined.replace("' ", "'") == marker:
            return width
    return 1


def _phrase_head(tokens: list[Token]) -> Token | None:
    """The first noun or pronoun of the phrase after a source marker."""
    for token in tokens[:6]:
        if token.text in STOP_PUNCT:
            return None
        if token.pos_ in {"NOUN", "PROPN", "PRON", "X", "ADJ"} or token.ent_type_:
            return token
    return None


BODIES = {"institut", "centre", "fondation", "agence", "organisation", "office", "observatoire", "comité", "conseil",
          "commission", "bureau", "fonds", "programme", "mouvement", "alliance", "coalition", "association", "ligue",
          "fédération", "initiative", "forum"}


def _body_name(doc: Doc, k: int, first: Token) -> bool:
    """A "pour" inside the name of a body ("l'Institut coréen pour l'unification nationale")."""
    if doc[k].lower_ != "pour" or k + 1 >= len(doc) or doc[k + 1].pos_ not in {"DET", "NOUN", "PROPN"}:
        return False
    return any(t.text[:1].isupper() and t.lower_ in BODIES for t in doc[first.i : k])


def noun_phrase_from(first: Token, head: Token) -> str | None:
    """Text of the source phrase from its first token, by word order (the parse of names is unreliable).

    It runs until punctuation that closes the phrase, a verb, a relative pronoun, a number, or a
    preposition other than "de" ("selon le ministère de la Défense" / "selon Séoul à l'époque").
    """
    doc = first.doc
    sent = first.sent
    hi = first.i
    depth = 0
    limit = min(sent.end, first.i + 14)
    while hi + 1 < limit:
        nxt = doc[hi + 1]
        if nxt.pos_ == "DET" and hi + 3 < limit and doc[hi + 2].lower_ in {"plus", "moins"} and (
            doc[hi + 3].pos_ == "ADJ" or doc[hi + 3].text.endswith(("é", "és", "ée", "ées"))
        ):  # "selon les estimations les plus récentes"
            hi += 3
            continue
        if nxt.text == "(":
            depth += 1
        elif nxt.text == ")" and depth:
            depth -= 1
        elif depth == 0 and not _misread_adjective(nxt, first, hi) and (
            _phrase_break(nxt)
            or nxt.pos_ in {"AUX", "NUM", "SCONJ", "CCONJ"}
            or (nxt.pos_ == "VERB" and "Fin" in nxt.morph.get("VerbForm"))
            or (nxt.pos_ == "ADV" and nxt.dep_ != "amod")
            or (nxt.like_num and not (nxt.lower_ in {"un", "une"} and norm(doc[hi].text) in {"de", "d'"}))
            or (nxt.pos_ == "PRON" and nxt.i > head.i)
            or (nxt.pos_ == "ADP" and norm(nxt.text) not in {"de", "du", "des", "d'"}
                and not _body_name(doc, hi + 1, first))
        ):
            break
        if depth == 0 and nxt.i > first.i + 1 and nxt.i + 1 < sent.end and doc[nxt.i + 1].lower_ != "par" and (
            _dated_participle(nxt, doc[nxt.i + 1])
        ):
            break  # "un rapport publié le 1er juin": the day it came out is no part of its name
        hi += 1
    while hi > first.i and (
        doc[hi].pos_ in {"DET", "ADP"}
        or (hi + 1 < len(doc) and doc[hi + 1].lower_ == "par" and participle(doc[hi]))
        or (hi + 1 < len(doc) and _dated_participle(doc[hi], doc[hi + 1]))
        or (norm(doc[hi].text) in TIME_WORDS and _dated_participle(doc[hi - 1], doc[hi]))
    ):
        hi -= 1  # a phrase never ends on "les" or "de", nor on the participle of "citée par" or "publié au printemps"
    text = doc[first.i : hi + 1].text.strip().strip(" ,;:")
    return text or None


def _misread_adjective(token: Token, first: Token, hi: int) -> bool:
    """A lower-case word the parser hangs as an adjective on the phrase but tags as a finite verb ("l'Union russe
    des céréales"): part of the name."""
    return token.dep_ == "amod" and token.is_lower and token.pos_ == "VERB" and first.i <= token.head.i <= hi


def _dated_participle(token: Token, following: Token) -> bool:
    """ "un sondage publié au printemps", "une enquête menée auprès de": the participle tells when or how, not who
    (one closing the name before a comma stays: "l'Institut de recherche appliquée,")."""
    return token.text.islower() and token.pos_ not in {"NOUN", "PROPN"} and participle(token) and (
        following.is_alpha or following.pos_ in {"ADP", "DET"}
    )  # a noun ending in -é ("la mobilité durable", "la société civile") is no participle


def participle(token: Token) -> bool:
    """A past participle, by the morphologizer or by its ending when it tags one as an adjective or a noun ("cité")."""
    return ("Part" in token.morph.get("VerbForm") and "Pres" not in token.morph.get("Tense")) or (
        token.pos_ in {"ADJ", "VERB", "NOUN"} and token.lower_.endswith(("é", "ée", "és", "ées"))
    )  # not a present one: "le média indépendant X" (an adjective the tagger reads as one) names X


def _claimed_in_relative(root: Token, depth: int) -> str | None:
    """ "les 1,1 million qu'elle réclamait", "le chiffre de 300 que le syndicat avance": the relative clause's
    subject puts the figure forward; "elle"/"il" there is the subject of the sentence's main verb, if it agrees."""
    holders = [root, root.head] if root.dep_ == "nummod" else [root]  # "2,4 millions": the noun the number counts
    for clause in (c for holder in holders for c in holder.children):
        if clause.dep_ != "acl:relcl" or not (is_reporting(clause) or verb_in(clause, DEMAND_VERBS)) or not any(
            c.dep_ == "obj" and norm(c.text) in {"que", "qu'"} and c.i < clause.i for c in clause.children
        ):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        if norm(subject.text) not in {"il", "elle", "ils", "elles"}:
            return subject_of(clause, depth)
        main = root.sent.root
        head = next((c for c in main.children if c.dep_ == "nsubj" and c.i < root.i and c.pos_ in {"NOUN", "PROPN"}),
                    None)
        if head is None or head.morph.get("Gender") != subject.morph.get("Gender") or (
            head.morph.get("Number") != subject.morph.get("Number")
        ):
            return None
        return noun_phrase(head)
    return None


def sentences_before(doc: Doc, sent: Span, count: int) -> list[Span]:
    """Up to count sentences before sent, nearest first."""
    out: list[Span] = []
    index = sent.start - 1
    while index >= 0 and len(out) < count:
        prev = doc[index].sent
        if prev.text.strip():
            out.append(prev)
        index = prev.start - 1
    return out


def sentence_source(doc: Doc, sent: Span, depth: int) -> str | None:
    """The named source a whole sentence carries: its speaker or its 'selon X' (names before pronouns)."""
    lex = lexicon()
    verbs = [t for t in sent if is_reporting(t)]
    for allow_pronoun in (False, True):
        for token in verbs:
            subject = _nearest_subject(token)
            if subject is None:
                continue
            pronoun = norm(subject.text).lstrip("-") in lex.pronoun_subjects
            if pronoun == allow_pronoun:
                speaker = subject_of(token, depth + 1)
                if speaker:
                    return speaker
    found = source_phrase(sent, sent[len(sent) - 1 :])
    if found is not None:
        text, anaphoric, _ = found
        if not anaphoric:
            return text
        if depth + 1 < LOOK_BACK:
            return previous_source(doc, sent, depth + 1)
    return None


def _nearest_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the clause a participle or infinitive hangs from."""
    holder = verb
    for _ in range(3):
        subjects = [
            c for c in holder.children
            if c.dep_ in {"nsubj", "nsubj:pass", "expl:subj"} and not c.is_punct and c.text not in QUOTE_MARKS | {"-t"}
        ]  # a quotation mark the parser made a subject is nobody
        if subjects:
            return subjects[0]
        if holder.head.i == holder.i:
            return None
        holder = holder.head
    return None


def previous_source(doc: Doc, sent: Span, depth: int) -> str | None:
    """Antecedent of "selon la même source": the nearest earlier sentence that names a source."""
    for prev in sentences_before(doc, sent, LOOK_BACK):
        source = sentence_source(doc, prev, depth)
        if source:
            return source
    return None


def previous_speaker(doc: Doc, sent: Span, depth: int) -> str | None:
    """Antecedent of a subject pronoun ("a-t-il ajouté"): the nearest named speaker or person before."""
    if depth >= LOOK_BACK:
        return None
    lex = lexicon()
    after, opens_paragraph = sent, False
    for prev in sentences_before(doc, sent, LOOK_BACK):
        if any("\n" in t.text_with_ws for t in doc[prev.end - 1 : after.start]):
            if after is sent:
                opens_paragraph = True
            elif not opens_paragraph:
                break  # a pronoun after a sentence of its paragraph stands for someone in that paragraph
        after = prev
        for token in reversed(prev):
            if not is_reporting(token) or quoted_in_paragraph(prev, token.i):
                continue  # a verb inside someone's quoted words says nothing of who speaks now
            if token.dep_ in CONTENT_RELATIONS and is_reporting(token.head) and token.head.i < token.i:
                continue  # "X affirme que ses assesseurs ont relevé …": X speaks, not who X reports on
            subject = _nearest_subject(token)
            if subject is not None and quoted_in_paragraph(prev, subject.i):
                subject = None
            inverted = _inverted_subject(token)
            if inverted is not None or (
                subject is not None
                and norm(subject.text).lstrip("-") not in lex.pronoun_subjects | lex.unnamed_subjects
            ):
                speaker = subject_of(token, depth + 1)
                if speaker:
                    return speaker
        people = [ent for ent in prev.ents if ent.label_ in {"PER", "ORG"} and not quoted_in_paragraph(prev, ent.start)]
        persons = [ent for ent in people if ent.label_ == "PER"]  # "avance X, chercheuse à l'Institut …": X
        if people:
            return (persons or people)[-1].text
    return None


OWN_SIDE = ("de son côté", "de leur côté", "pour sa part", "pour leur part", "quant à", "en revanche")


def carried_source(doc: Doc, sent: Span) -> str | None:
    """A source the previous sentence hands on to this one: it announces details, this one gives them."""
    lex = lexicon()
    previous = sentences_before(doc, sent, 1)
    if not previous:
        return None
    prev = previous[0]
    if any("\n" in t.text_with_ws for t in doc[prev.end - 1 : sent.start]):  # only within a paragraph
        return None
    if any(t.text[:1].isdigit() for t in prev) or any(n.value > 1 for n in find_numbers(prev.text)):
        return None  # it gave its own figures ("12 000", "septante mille"); the next ones are not its
    words = norm(sent.text)  # once, not once per phrase
    if any(phrase in words for phrase in OWN_SIDE):
        return None  # "L'OTAN, de son côté, parle de …": another source takes the floor
    if any(t.lemma_.lower() in lex.rumour_subjects and t.dep_.startswith("nsubj") for t in sent):
        return None  # "Des informations non confirmées faisaient état de …": a source of its own, unnamed
    if not any((t.lemma_.lower() in lex.carry_cues or t.lower_ in lex.carry_cues) and not _shows_a_thing(t, lex)
               for t in prev):
        return None
    return sentence_source(doc, prev, 1)


SHOWING_VERBS = {"indiquer", "signaler"}  # cue verbs that also mean pointing at a thing ("indiquent les abris")


def _shows_a_thing(cue: Token, lex: Lexicon) -> bool:
    """A cue verb whose object is a thing, not a statement ("des panneaux indiquent les abris"): nothing announced."""
    if cue.pos_ not in {"VERB", "AUX"} or cue.lemma_.lower() not in SHOWING_VERBS:
        return False  # "a annoncé de nouvelles mesures": the details that follow are still its own
    stated = lex.carry_cues | GIVEN_DATA | STATEMENT_NOUNS
    return any(c.dep_ == "obj" and c.pos_ in {"NOUN", "ADJ", "PROPN"} and c.lemma_.lower() not in stated
               and c.lower_ not in stated for c in cue.children)


# --- how firmly ------------------------------------------------------------------------------------


def hedged(span: Span, root: Token) -> bool:
    """Whether the text presents the span as unconfirmed, alleged or conditional."""
    lex = lexicon()
    if _apposed_age(span):
        return False  # "Ri Chang-ho, 60 ans, aurait effectué …": the age is the writer's, the doubt is on the trips
    sent = span.sent
    whole = nlp.text_of(span.doc)[sent.start_char : sent.end_char]  # the parsed text: no tokens joined again
    sentence = norm(whole)
    if any(phrase in sentence for phrase in lex.hedge_phrases) and not _doubt_only_in_what_is_said(span, sentence):
        return True
    if _denied_before(span):
        return True
    if _negated_object(root) or _refuted_after(span) or _corrected(span):
        return True
    if _hypothesis(root) or _conditional_after(span):
        return True
    chain = [root, *root.ancestors]
    ancestors = len(chain)
    if not any(t.pos_ in {"VERB", "AUX"} for t in chain):  # verbless or cleft: "12 000 soldats qui pourraient"
        chain += [c for c in root.children if c.dep_ == "acl:relcl"]
    previous: Token | None = None
    for token in chain:
        if previous is not None and previous.dep_ == "conj" and _own_clause(previous):
            break  # a coordinated clause of its own: "se trouvent ... et devraient" does not hedge the first
        if previous is not None and previous.dep_ == "acl:relcl" and (
            "Fin" in previous.morph.get("VerbForm") or any(c.dep_ == "aux:tense" for c in previous.children)
        ):
            break  # "Son parti, qui détenait 104 sièges, n'en obtiendrait que 62": the relative clause's own tense
        if previous is not None and token.i > span.end and chain.index(token) < ancestors and _relative_after(token):
            break  # "…ont été tirés, dont une partie aurait manqué": the parser hung the clause on the relative's verb
        if token.i < span.start and verb_in(token, lex.denial_verbs) and _dates_the_denial(span, token):
            previous = token
            continue  # "a démenti cette information vendredi": the day of the denial
        if token.is_punct:
            previous = token
            continue  # a quotation mark the parser made a head: the doubt words hung on it are the quote's
        if token.i < span.start and _quoted_before(span, token):
            break  # "« …, peut-être davantage », raconte Ivan, … depuis trois ans": someone's words, not the figure's
        if (_hedges(token) and not _future_in_past(token)) or _conditional_before(token):
            return True
        previous = token
    if any(t.lower_ in lex.hedge_adjectives for t in span):
        return True
    before = norm(whole[: span.start_char - span.sent.start_char]).rstrip()
    return any(word in norm(span.text) or before.endswith(word)
               for word in ("peut-être", "peut être", "potentiellement", "possiblement", "éventuellement"))


def _quoted_before(span: Span, token: Token) -> bool:
    """Whether token lies in a quotation closed before the span by a mark and a comma or a full stop (a quotation of
    its own, not scare quotes around a verb: "Il « pourrait » envoyer …")."""
    doc = span.doc
    for k in range(token.i + 1, span.start):
        if doc[k].text in QUOTE_CLOSE:
            return k + 1 < span.start and doc[k + 1].text in {",", "."} and inside_quote(span.sent, token.i)
    return False


def _apposed_age(span: Span) -> bool:
    """A person's age between commas right after the name ("Ri Chang-ho, 60 ans, …")."""
    doc = span.doc
    if len(span) != 2 or span[1].lower_ not in {"ans", "an"} or not span[0].like_num:
        return False
    before, after = span.start - 1, span.end
    if after >= len(doc) or doc[after].text not in {",", "."} or before < 1:
        return False
    if doc[before].text == ",":  # the name before the comma, however the tagger reads "Min-su"
        k = before - 1
        while k > 0 and not doc[k - 1].whitespace_ and (doc[k - 1].text == "-" or doc[k].text == "-"):
            k -= 1
        return doc[before - 1].pos_ == "PROPN" or (k < before - 1 and doc[k].text[:1].isupper())
    return before >= 2 and doc[before].lower_ == "de" and doc[before - 1].lower_.startswith("âgé") and doc[
        before - 2
    ].text == ","  # "Son fils, âgé de 31 ans, servirait …"


def _relative_after(verb: Token) -> bool:
    """A verb whose clause opens with ", dont" or ", qui": a relative clause, which governs no clause before it."""
    doc = verb.doc
    for child in verb.children:
        if child.i < verb.i and child.lower_ in {"dont", "qui"} and child.i > 0 and doc[child.i - 1].text == ",":
            return True
        if child.i < verb.i and child.dep_.startswith("nsubj"):
            first = child.left_edge
            if first.lower_ == "dont" and first.i > 0 and doc[first.i - 1].text == ",":
                return True
    return False


VERB_FILLERS = {"»", "”", '"', "se", "s'", "s’", "ne", "n'", "n’", "en", "y", "déjà", "encore", "toujours", "aussi",
                "désormais", "bien"}


CLAUSE_MARKS = {"que", "qu'", "qu’"}
SOURCE_WORDS = {"selon", "d'après", "après", "peut-être", "doute", "apparemment", "vraisemblablement", "probablement"}
ETRE_VERBS = {"aller", "arriver", "partir", "venir", "revenir", "parvenir", "survenir", "intervenir", "devenir",
              "entrer", "rentrer", "sortir", "rester", "retourner", "tomber", "mourir", "décéder", "naître",
              "monter", "descendre", "passer"}  # their past conditional ("seraient arrivés") looks like a passive
PAST_AUXES = {"a", "ont", "avait", "avaient", "avons", "avez", "ai", "as", "eut", "eurent"}


def _future_in_past(verb: Token) -> bool:
    """A simple conditional in a clause reported after a past verb of saying is the future seen from the past
    ("a annoncé que la France livrerait 3 000 obus"), not the writer's doubt.

    Only an action in the simple conditional, or its passive ("seraient déployés"): a modal ("pourraient"), a
    state ("disposerait de", "s'élèverait à"), a copula ("serait de"), "il y aurait" and a past conditional
    ("auraient été tués") still hedge; so does the same conditional after "selon X", next to "peut-être", or
    after a verb of saying in the present ("affirme que … enverrait").
    """
    lex = lexicon()
    if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ in {"aux", "aux:tense", "aux:pass", "cop"}:
        return False
    kids = list(verb.children)
    auxes = [c for c in kids if c.dep_ in {"aux", "aux:tense", "aux:pass", "cop"}]
    if any(c.lower_ in {"y", "en"} or norm(c.text) in SOURCE_WORDS for c in kids):
        return False  # "il y aurait", "livrerait peut-être"
    if any(c.dep_ == "cop" or c.lemma_.lower() != "être" for c in auxes):
        return False  # "serait de 3 000", "auraient envoyé", "auraient été tués"
    reflexive = any(c.lower_ in {"se", "s'", "s’"} for c in kids)
    if auxes and (reflexive or verb.lemma_.lower() in ETRE_VERBS):
        return False  # "se seraient rendus", "seraient arrivés": past conditionals, not passives
    if verb.lemma_.lower() in lex.conditional_hedges or norm(verb.text).startswith(("pourr", "devr", "faudr")):
        return False
    if not (conditional(verb) or any(conditional(c) for c in auxes)):
        return False
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i < verb.i:
        verb = verb.head  # "accueillerait 300 blessés et financerait 12 hôpitaux": the first verb's clause
    return reported_after_past_saying(verb)


def reported_after_past_saying(verb: Token) -> bool:
    """Whether a verb heads a "que" clause of a verb of saying in a past tense ("a annoncé que …", "assurait qu'…").

    Read on the words, not the parse: back to the "que" with no other finite verb between, then back to the verb
    of saying within a few words ("a annoncé lundi à la presse que").
    """
    lex = lexicon()
    doc, sent = verb.doc, verb.sent
    own = {c.i for c in verb.children if c.dep_ in {"aux", "aux:tense", "aux:pass"}}
    k = verb.i - 1
    while k >= sent.start and norm(doc[k].text) not in CLAUSE_MARKS:
        token = doc[k]
        opening = next((m for m in range(k - 1, max(sent.start, k - 12) - 1, -1) if doc[m].text == "«"), None) if (
            token.text == "»") else None
        if opening is not None and opening > sent.start and norm(doc[opening - 1].text) in CLAUSE_MARKS:
            k = opening - 1  # "a affirmé que « plus de 38 % des dépenses » iraient …": quoted words inside the clause
            continue
        if token.text in {";", ":", "«", "»"} or norm(token.text) in SOURCE_WORDS:
            return False
        if token.pos_ in {"VERB", "AUX"} and token.i not in own and "Fin" in token.morph.get("VerbForm"):
            return False
        k -= 1
    if k < sent.start:
        return False
    for j in range(k - 1, max(sent.start, k - 7) - 1, -1):
        saying = doc[j]
        if saying.text in CLAUSE_ENDS or norm(saying.text) in SOURCE_WORDS:
            return False
        if saying.pos_ not in {"VERB", "AUX"} or not verb_in(saying, lex.future_in_past_verbs):
            continue
        if "Inf" in saying.morph.get("VerbForm") and j > sent.start:  # "a fait savoir que"
            j -= 1
            saying = doc[j]
        if "Part" in saying.morph.get("VerbForm"):  # "a annoncé", "avait assuré"
            return any(norm(t.text) in PAST_AUXES for t in doc[max(sent.start, j - 3) : j])
        tense = saying.morph.get("Tense")
        return "Past" in tense or "Imp" in tense  # "annonça", "assurait"
    return False


def _conditional_after(span: Span) -> bool:
    """A figure followed by its conditional verb ("« jusqu'à 100 000 hommes » pourraient être mobilisés"), which the
    parse loses when quotation marks surround the figure."""
    doc = span.doc
    for k in range(span.end, min(span.sent.end, span.end + 5)):
        token = doc[k]
        if token.lower_ in VERB_FILLERS:
            continue
        if not ((token.pos_ in {"VERB", "AUX"} or norm(token.text) in COND_IRREGULAR) and conditional(token)):
            return False
        verb = token.head if token.dep_ in {"aux", "aux:tense", "aux:pass", "cop"} else token
        return not _future_in_past(verb)
    return False


CONDITION_MARKS = {"si", "s'", "s’"}
NOT_CONDITIONS = {"même", "comme"}  # "même si" concedes a fact, "comme si" compares


def _prospective(token: Token) -> bool:
    """A finite verb in the conditional or the future: the consequence of a hypothesis."""
    return token.pos_ in {"VERB", "AUX"} and (conditional(token) or "Fut" in token.morph.get("Tense"))


def _hypothesis(root: Token) -> bool:
    """A figure in a hypothesis ("si 50 000 soldats venaient…, le front céderait"), in its consequence, or in an
    indirect question ("Kiev n'a pas précisé si 200 soldats…").

    A hypothesis needs a conditional or future verb in its consequence: "si + present/past" with a present
    consequence contrasts two facts ("si l'armée comptait 5 000 hommes, elle en compte 20 000"). Clauses are
    read between commas: the small parser often hangs the "si" clause on the wrong verb.
    """
    sent = root.sent
    doc = root.doc
    for mark in sent:
        if mark.lower_ not in CONDITION_MARKS or mark.pos_ != "SCONJ":
            continue
        if mark.i > sent.start and doc[mark.i - 1].lower_ in NOT_CONDITIONS:
            continue
        before = [t for t in doc[sent.start : mark.i] if t.pos_ != "ADV" and t.lower_ not in {"ne", "n'", "n’"}]
        clause_end = next((t.i for t in doc[mark.i : sent.end] if t.text in CLAUSE_ENDS), sent.end)
        in_clause = mark.i < root.i < clause_end
        if before and before[-1].pos_ in {"VERB", "AUX"}:  # "sans préciser si", "on ignore si": a question
            if in_clause:
                return True
            continue
        if not before or before[-1].text in CLAUSE_ENDS or before[-1].pos_ == "CCONJ":  # "Si A, B." fronted
            last = next((t for t in reversed(sent) if not t.is_space), mark)
            if in_clause and clause_end >= last.i and last.text == "?":
                return True  # "Et si demain ils étaient 200 000 ?": a hypothesis asked, with no consequence
            after = doc[clause_end + 1 : sent.end] if clause_end < sent.end and doc[clause_end].text == "," else []
            stop = next((t.i for t in after if t.text in CLAUSE_ENDS | {","} or t.pos_ == "CCONJ"), sent.end)
            consequence = range(clause_end + 1, stop)
        else:  # "B si A": the clause before
            start = next(  # back to a comma or to the "que" of a reported clause ("a prévenu que X serait … s'il …")
                (t.i + 1 for t in reversed(before) if t.text in CLAUSE_ENDS or norm(t.text) in {"que", "qu'"}),
                sent.start,
            )
            consequence = range(start, mark.i)
        if not any(_prospective(doc[k]) for k in consequence):
            continue
        if in_clause or root.i in consequence:
            return True
    return False


CLAUSE_ENDS = {",", ";", ":", ".", "!", "?", "—", "–"}


INSERT_BREAKS = {"que", "qu'", "qu’", "qui", "si", "et", "mais", "ou", ";", ":", "(", ")"}


def _conditional_before(token: Token) -> bool:
    """An infinitive whose modal is set apart by an adverbial ("pourrait, à terme, mobiliser") is still conditional.

    The parser often loses the link across the commas; the nearest verb before the infinitive, with nothing but
    an inserted phrase between, is its modal.
    """
    if "Inf" not in token.morph.get("VerbForm"):
        return False
    sent = token.sent
    for k in range(token.i - 1, max(sent.start, token.i - 9) - 1, -1):
        before = token.doc[k]
        if before.lower_ in INSERT_BREAKS:
            return False
        if before.pos_ in {"VERB", "AUX"}:
            return conditional(before)
    return False


COND_ENDINGS = ("rais", "rait", "rions", "riez", "raient")
COND_IRREGULAR = {
    "serait", "seraient", "aurait", "auraient", "pourrait", "pourraient", "devrait", "devraient", "voudrait",
    "voudraient", "faudrait", "ferait", "feraient", "irait", "iraient", "viendrait", "viendraient", "enverrait",
    "enverraient", "verrait", "verraient", "saurait", "sauraient", "tiendrait", "tiendraient", "prendrait",
    "prendraient", "mettrait", "mettraient", "dirait", "diraient", "vaudrait", "courrait", "mourrait",
}  # fmt: skip


def conditional(token: Token) -> bool:
    """Conditional mood, by the morphologizer or by the form it often misreads ("seraient" as indicative)."""
    word = norm(token.text)
    if "Cnd" in token.morph.get("Mood"):
        return not re.search(r"[^r](?:ais|ait|aient)$", word)  # "dépassait" read as a conditional: an imperfect
    if word in COND_IRREGULAR:
        return True
    lemma = token.lemma_.lower()
    if lemma.endswith("enir") and re.fullmatch(re.escape(lemma[:-4]) + r"iendr(?:ais|ait|ions|iez|aient)", word):
        return True  # "obtiendrait", "maintiendraient": the stem of "tenir" and "venir"
    if not word.endswith(COND_ENDINGS) or "Inf" in token.morph.get("VerbForm"):
        return False
    # first group: the infinitive is the stem ("compteraient"); "préparait" is an imperfect
    if lemma.endswith("er") and lemma != word:
        if word.startswith(lemma):
            return True
        # a stem that changes its accent or doubles its consonant ("élèverait", "appellerait"), not an imperfect
        stem, bare = _unaccented(lemma[:-2]), _unaccented(word)
        if stem.endswith("y") and bare.startswith(stem[:-1] + "i"):
            stem = stem[:-1] + "i"  # "employer" → "emploierait", "payer" → "paierait"
        return bare.startswith(stem) and bool(re.fullmatch(r"[a-z]?er(?:ais|ait|ions|iez|aient)", bare[len(stem) :]))
    # second and third groups: "finirait", "écrirait" — never the "-irer" verbs' imperfect ("tirait")
    if lemma.endswith(("ir", "re")) and not lemma.endswith("irer"):
        return word.startswith(lemma.rstrip("e"))
    return bool(re.search(r"[^éèr]er(?:ais|ait|ions|iez|aient)$", word))


def _unaccented(word: str) -> str:
    """A word without its accents, to compare a conjugated stem with its infinitive's."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _denied_before(span: Span) -> bool:
    """A denial earlier in the sentence, with no "mais" or semicolon between, puts the span in doubt."""
    lex = lexicon()
    for token in reversed(span.sent.doc[span.sent.start : span.start]):
        if token.lower_ in {"mais", ";", "cependant", "toutefois", "pourtant"}:
            return False
        if norm(token.text) in lex.denial_forms:
            return not _dates_the_denial(span, token)
    return False


STATEMENT_NOUNS = {"information", "affirmation", "annonce", "rumeur", "chiffre", "propos", "accusation",
                   "allégation", "article", "publication", "bilan", "version", "récit"}


def _dates_the_denial(span: Span, denial: Token) -> bool:
    """ "a démenti cette information vendredi": a date right after the denial and what it denies by name (a
    statement, not an event) dates the denial itself, which is no doubt."""
    between = span.doc[denial.i + 1 : span.start]
    if len(between) > 4 or not all(t.is_alpha or t.text in {"'", "’"} for t in between):
        return False
    if not all(t.pos_ in {"DET", "ADV", "AUX"} or t.lemma_.lower() in STATEMENT_NOUNS for t in between):
        return False
    return _looks_like_date(span)


def _looks_like_date(span: Span) -> bool:
    """A weekday, a month or a relative day: the spans the dates extractor gives."""
    words = {norm(t.text) for t in span}
    return bool(words & (INCISE_FILLERS | {"aujourd'hui", "hier", "veille", "lendemain"}))


def _refuted_after(span: Span) -> bool:
    """The next sentence opens by calling this one false ("C'est faux.", "Faux : ..."), as fact-checks do."""
    doc = span.doc
    if span.sent.end >= len(doc):
        return False
    following = norm(doc[span.sent.end].sent.text).strip()
    for phrase in lexicon().refutations:
        rest = following[len(phrase) :].lstrip() if following.startswith(phrase) else None
        if rest is not None and (not rest or rest[0] in ".:!,;-–—"):  # "Faux :", not "Faux départ"
            return True
    return False


CORRECTION = r"(?:et\s+non(?:\s+pas)?|non\s+pas|et\s+pas|au\s+lieu\s+des?|plutôt\s+que)"
RETRACTED_RE = re.compile(  # a correction note naming what an earlier version of the article said, up to its ";"
    r"\b(?:(?:une|la|notre|cette)\s+(?:précédente|première|ancienne)\s+version|version\s+(?:précédente|antérieure|"
    r"initiale))\b[^;]*?\b(?:indiqu|mentionn|affirm|évoqu|écri|parl|fais|fai|annon|donn|chiffr)[^;]*$",
    re.IGNORECASE,
)


def _corrected(span: Span) -> bool:
    """A figure the text corrects: "12 morts, et non 21" names 21 as wrong, here or in the next sentence ("nous avons
    indiqué 21 morts. Le bilan est de 12 morts, et non 21 comme écrit par erreur")."""
    doc, sent = span.doc, span.sent
    before = sent.text[: span.start_char - sent.start_char]
    if RETRACTED_RE.search(before):
        return True  # "une version précédente indiquait 1 200 soldats ; il s'agit de 2 100"
    if re.search(CORRECTION + r"\s*(?:de\s+|d['’]\s*)?$", before, re.IGNORECASE):
        return True  # "12 morts et non 21 morts", "une vingtaine de kilomètres et non une trentaine"
    number = re.search(r"\d[\d\s.,'’\u00a0\u202f]*", span.text)
    if number is None:
        return False
    digits = re.sub(r"\D", "", number.group())
    following = sent.text[span.end_char - sent.start_char :]
    if sent.end < len(doc):
        following += " " + doc[sent.end].sent.text
    for match in re.finditer(CORRECTION + r"\s+(?:de\s+|d['’]\s*)?(\d[\d\s.,'’\u00a0\u202f]*)", following,
                             re.IGNORECASE):
        if re.sub(r"\D", "", match.group(1).rstrip(" .,")) == digits:
            return True
    return False


BOUNDING_STEMS = ("dépass", "excéd", "excèd", "surpass")
# verbs whose object is there whatever is done to it: "je ne laisserai pas 90 saisonniers sans logement" refuses a fate,
# it does not deny the seasonal workers
PRESUPPOSING_LEMMAS = {"laisser", "abandonner", "sacrifier", "lâcher", "oublier"}


def _negated_object(root: Token) -> bool:
    """A figure that a negated verb governs as its object ("il n'y a pas 100 000 soldats") is refuted, not stated."""
    lex = lexicon()
    child = root
    for token in [root, *root.ancestors]:
        kids = list(token.children)
        verbal = token.pos_ in {"VERB", "AUX"} or any(c.dep_ == "cop" for c in kids)
        if not verbal:
            child = token
            continue
        if token is not root and child.dep_ not in {"obj", "dep", "obl:arg"}:
            return False
        if norm(token.text).removeprefix("n'").startswith(BOUNDING_STEMS):
            return False  # "ne dépassaient pas 35 millions": a bound (at most), not a denial
        if token.lemma_.lower() in PRESUPPOSING_LEMMAS:
            return False
        return any(c.lower_ in lex.negations and c.i < child.i for c in kids)
    return False


def _own_clause(token: Token) -> bool:
    """A coordinated verb with its own subject or auxiliary stands as a clause of its own."""
    return token.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"nsubj", "nsubj:pass", "aux", "aux:tense", "aux:pass", "cop"} for c in token.children
    )


# What a vote or a body rejects without denying a fact ("l'amendement a été rejeté", "ont rejeté la motion")
PROPOSAL_NOUNS = {"amendement", "motion", "proposition", "projet", "texte", "résolution", "recours", "offre",
                  "demande", "candidature", "plan", "requête", "pourvoi", "budget", "loi", "article", "accord"}


def _hedges(token: Token) -> bool:
    """One token of the governing chain that makes the statement conditional or alleged."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    kids = list(token.children)
    if token.pos_ not in {"VERB", "AUX"} and any(c.dep_.startswith("nsubj") for c in kids) and conditional(token):
        return True  # "11 000 soldats se trouveraient": a conditional the tagger read as an adverb
    if token.pos_ in {"VERB", "AUX"} or any(c.dep_ in {"cop", "aux", "aux:tense", "aux:pass"} for c in kids):
        if conditional(token):
            return True
        for child in kids:
            if child.dep_ in {"aux", "aux:tense", "aux:pass", "cop"} and conditional(child):
                return True
        if verb_in(token, lex.raising_verbs):
            return True
        negated = any(c.lower_ in lex.negations for c in kids)
        if negated and verb_in(token, lex.confirm_verbs):
            return True
        if verb_in(token, lex.denial_verbs) and not any(
            c.dep_ in {"obj", "nsubj:pass"} and c.lemma_.lower() in PROPOSAL_NOUNS for c in kids
        ):  # "un amendement … a été rejeté par 88 voix": a vote on a proposal, no doubt on its figures
            return True
        if lemma in lex.rumour_verbs and any(
            c.dep_.startswith("nsubj") and c.lemma_.lower() in lex.rumour_subjects for c in kids
        ):
            return True
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    if before is not None and before.lower_ in lex.hedge_adjectives:
        return True
    return any(c.lower_ in lex.hedge_adjectives for c in kids)
