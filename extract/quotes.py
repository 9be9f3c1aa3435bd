"""Direct and indirect quotes: who said what, with the reporting verb, as offsets into the article.

The small French pipeline mis-splits sentences and mis-tags the verbs of incises ("a-t-elle répondu"
comes out as a noun), so this module reads token sequences rather than trusting the dependency tree:
it finds verbs of saying by their written forms (lexicon/reporting_verbs.yaml), the speaker by simple
noun-phrase chunking around the verb, and the reported content by the verb's construction.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract import attribution, entities, nlp, safeyaml
from extract.models import ArticleContext, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

LEXICON = Path(__file__).parent / "lexicon" / "reporting_verbs.yaml"

OPENERS = {"«": "»", "“": "”", "„": "“", '"': '"'}
QUOTE_CHARS = set("«»“”„\"")
SPACES = " \u00a0\u202f\t"
TRAIL = set(" \u00a0\u202f\t\n,.;:–—-")
AUX_FORMS = {
    "a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "ait", "aient", "eut", "eu",
    "avoir", "ayant", "avons", "avez", "as", "ai",
}
PASSIVE_AUX = {"est", "sont", "été", "était", "étaient", "sera", "seront", "serait", "seraient", "soit", "être"}
CLITIC_SUBJECTS = {"-il": "il", "-elle": "elle", "-ils": "ils", "-elles": "elles", "-on": "on", "-t-il": "il",
                   "-t-elle": "elle", "-t-on": "on"}
SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles", "on", "je", "j'", "j’", "nous", "vous", "tu"}
OBJECT_CLITICS = {"lui", "leur", "l'", "l’", "le", "la", "les", "y", "en", "se", "s'", "s’", "me", "m'", "nous",
                  "vous", "ne", "n'", "n’"}
NOT_SUBJECT_DETERMINERS = {"son", "sa", "ses", "leur", "leurs", "des", "du", "de", "d'", "ces", "quelques", "plusieurs"}
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "is", "u", "ue", "us", "ite", "ites", "its")
PRESENT_UE = ("que", "gue", "oue")  # "explique", "indique", "avoue": a present tense, never a participle ("-qué")
EMPHATIC = {"lui", "elle", "eux", "elles", "lui-même", "elle-même", "eux-mêmes", "elles-mêmes"}
REFLEXIVES = {"s'", "se", "me", "m'", "nous", "vous", "te", "t'"}
DATIVE_CLITICS = {"m'", "me", "nous", "vous", "lui", "leur", "t'", "te"}  # "…, m'a confié X", "…, nous a dit X"
TIME_NOUNS = {"semaine", "mois", "année", "an", "veille", "nuit", "matin", "soir", "week-end", "jour", "lendemain"}
RELATIVES = {"qui", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles"}
COORDINATORS = {"et", "mais", "puis", "ou", "ainsi"}
NEGATIONS = {"pas", "jamais", "plus", "guère", "point", "nullement", "aucunement"}
SKIP_ADVERBS = {
    "également", "aussi", "encore", "déjà", "toujours", "cependant", "pourtant", "néanmoins", "ensuite",
    "enfin", "alors", "notamment", "par", "ailleurs", "d'ailleurs", "d’ailleurs", "quant", "lui-même",
    "elle-même", "de", "son", "sa", "côté", "pour", "part", "hier", "récemment", "précédemment", "auparavant",
    "publiquement", "officiellement", "clairement", "fermement", "vivement", "immédiatement", "aussitôt",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "soir", "midi",
    "dernier", "dernière", "fin", "début", "mi", "ce", "cette", "week-end",
}
GROUP_FILLERS = CLITIC_SUBJECTS.keys() | SKIP_ADVERBS | EMPHATIC | {"-t"}
QUE = {"que", "qu'", "qu’"}
DAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui"}
TIME_PHRASE = TIME_NOUNS | DAYS | {"la", "le", "l'", "l’", "ce", "cette", "cet", "dernier", "dernière", "prochain",
                                   "prochaine", "passé", "passée", "même", "-", "ci", "là"}
DE = {"de", "d'", "d’"}
A = {"à", "au", "aux"}
NP_LINKS = {"de", "du", "des", "d'", "d’", "et", "-", "l'", "l’"}
NP_POS = {"DET", "NOUN", "PROPN", "ADJ", "NUM"}
BODIES = {"institut", "centre", "fondation", "agence", "organisation", "office", "observatoire", "comité", "conseil",
          "commission", "bureau", "fonds", "programme", "haut-commissariat", "mouvement", "alliance", "coalition",
          "association", "ligue", "fédération", "initiative", "forum", "front", "parti", "union"}
INSTITUTIONS = {"ministère", "gouvernement", "diplomatie", "armée", "état-major", "présidence", "parlement",
                "renseignement", "service", "ambassade", "police", "mairie", "préfecture", "assemblée", "sénat",
                "chancellerie", "administration", "pays", "état", "régime", "capitale", "exécutif", "département",
                "parquet", "tribunal", "cour", "gendarmerie", "municipalité", "rectorat", "syndicat", "club",
                "entreprise", "société", "groupe", "compagnie", "ong"}
EN_STATES = {"poste", "mission", "charge", "exil", "fonction", "fonctions", "visite", "retraite", "déplacement",
             "service", "activité", "reportage"}
NOUN_COMPLEMENT_LINKS = {"à", "au", "aux", "auprès", "chez"}  # "des responsables au sein du gouvernement"
NAME_PARTICLES = {"von", "van", "der", "den", "da", "di", "dos", "del", "al", "el", "ben", "bin", "ibn", "la", "le"}
DETERMINERS_M = {"le", "un", "ce", "cet", "du", "au", "son", "mon", "notre"}
EPICENE_ENDINGS = ("iste", "aire", "logue", "graphe", "ate", "tre", "able", "parole", "juge", "membre", "chef",
                   "ète", "ecte", "guide", "cadre")  # "l'économiste", "l'ex-ministre": either gender
CONCERNED = {"intéressé", "intéressée"}  # "L'intéressé dément": the one the story is about
PERSON_ENDINGS = ("iste", "rice", "euse", "ienne", "ière", "génaire")  # "la céramiste", "la créatrice"
DETERMINERS_F = {"la", "une", "cette", "sa", "ma"}
DETERMINERS_P = {"les", "des", "ces", "leurs", "ses", "aux", "plusieurs", "certains", "certaines"}
QUE_BLOCKERS = {"ce", "ainsi", "alors", "bien", "parce", "pendant", "tandis", "après", "avant", "afin", "dès",
                "plus", "moins", "autant", "tant", "si", "même", "sans", "pour", "lors", "depuis", "jusqu'",
                "jusqu’", "à", "tel", "telle"}
PURPOSE = {"pour", "afin", "sans", "de", "d'", "d’", "par"}
NOT_SPEECH_BEFORE = {
    "baptisé", "baptisée", "baptisés", "baptisées", "surnommé", "surnommée", "surnommés", "dit", "dite", "dits",
    "dites", "appelé", "appelée", "appelés", "intitulé", "intitulée", "nommé", "nommée", "opération", "groupe",
    "journal", "quotidien", "hebdomadaire", "magazine", "site", "émission", "film", "livre", "ouvrage",
    "mot", "terme", "termes", "expression", "slogan", "hashtag", "mot-clé", "mots", "label", "titre", "titré",
    "titrait", "rubrique", "chanson", "série", "programme", "plan", "projet", "loi", "mouvement",
    "parti", "navire", "bateau", "code", "nom",
}
OTHER_SENSE_WITH_DE = {"relever", "répondre"}  # "relevait d'un « accord »", "répondra de ses « actes »": no saying
SUBORDINATORS = {"si", "s'", "s’", "quand", "lorsque", "lorsqu'", "lorsqu’", "puisque", "puisqu'", "puisqu’"}
MANNER_NOUNS = {"voix", "ton", "air", "trait", "souffle", "geste"}  # "d'une voix sourde", "d'un ton las"
NAMING_NOUNS = {"titre", "nom", "surnom", "statut", "grade", "rang", "distinction", "médaille", "label", "appellation"}
MAX_SUBJECT_TOKENS = 16
# between a post and the name after it: a comma, maybe after the post's place ("l'ambassadrice à l'ONU, Linda X")
APPOSED_GAP = re.compile(r"(?:[ \u00a0\u202f]+(?:à|au|aux|auprès\s+de|en)[ \u00a0\u202f]+"
                         r"[^\W\d][^,;:.!?«»“”\"()\n]{0,40}?)?,[ \u00a0\u202f]*")
# before a post in apposition ("Jean Martin, chercheur à l'Ifri") or its place ("Paul Garnier, économiste à l'OFCE")
APPOSED_LEAD = re.compile(r"\S,[ \u00a0\u202f]*(?:([^\W\d][^,;:.!?«»“”\"()\n]{0,50}?[ \u00a0\u202f]"
                          r"(?:à|au|aux|de|du|des|d['’]|chez)[ \u00a0\u202f]*))?$")
SIGNATURE_GAP = re.compile(r"[ \u00a0\u202f]*(?:,|[—–]|\()[ \u00a0\u202f]*")  # "« … », Name" / "« … » — Name"
AGED = re.compile(r",[ \u00a0\u202f]\d{1,3}[ \u00a0\u202f]ans,")  # a person's age in apposition after the name
TITLE_WINDOW = 3000  # characters: how far back "la ministre" may reach for the minister named with that title
PRONOUN_WINDOW = 1200  # characters: how far back "il" may reach for the person it stands for
SENTENCE_END = re.compile(
    r"[.!?…]+[»”\"')\]\s\u00a0\u202f]*?(?=[\s\u00a0\u202f]+(?:[«“\"\-–—(][\s\u00a0\u202f]*)?[A-ZÀ-ÖØ-Þ0-9])"
)
CLAUSE_TURN = re.compile(
    r"[,;]\s*(?:(?:mais|or|cependant|pourtant|toutefois|néanmoins)\s|(?:tandis|alors)\s+qu(?:e\s|['’])"
    r"|avant\s+d(?:e\s|['’])"  # "que la grève durerait, avant de quitter la salle": what the speaker did next
    r"|une?\s+(?:affirmation|déclaration|annonce|version|thèse|promesse|hypothèse|accusation|allégation|assertion)\s)"
)  # "…, une affirmation démentie par les pompiers": the writer's word on the claim
MEDIUM = re.compile(  # where the words were written, between a verb of saying and its quotation
    r"(?:sur\s+(?:X|Twitter|Facebook|Instagram|Telegram|son\s+compte(?:\s+[A-Z]\w*)?|les\s+réseaux\s+sociaux)"
    r"|dans\s+un\s+(?:communiqué|message|tweet|courriel|post))[ \u00a0\u202f]*:?[ \u00a0\u202f]*"
)
WITHOUT = re.compile(r",\s*sans\s+(?:plus\s|autre\s|toutefois\s|(?:en\s|le\s|la\s|les\s|l['’]|y\s|se\s|s['’])?(\w+))")
COLON_LEAD = re.compile(  # "Zelensky : ", "**Marie Roy, députée de l'Aube** : ", "Marie Roy (Verts) : " before « … »
    r"\s*(?:\d{1,2}\s*[h:]\s*\d{2}\s*[-–—]\s*)?(?:\*\*|__)?\s*([^\W\d_][\w'’. \-]{1,60}?)\s*"
    r"(?:(?:,[ \u00a0\u202f]*[^\W\d_]|\()[^:«»“”\"\n*]{0,120}?)?\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*"
)
TRANSCRIPT_LINE = re.compile(  # "— Invité : …", a line of an interview's transcript
    r"^[—–-][ \u00a0\t]*([^\W\d_][\w'’. \-]{0,40}?)[ \u00a0\t]*:[ \u00a0\t]*(\S[^\n]*?)[ \u00a0\t]*$", re.MULTILINE
)
NAMED_LINE = re.compile(  # "HÉLÈNE GARRIGUE. — Je leur dis …": a transcript line under the speaker's name
    r"^([^\W\d_](?:[^\W\d_]|['’ \-]){1,40}?)[ \u00a0\t]*\.?[ \u00a0\t]*[—–][ \u00a0\t]*(\S[^\n]*?)[ \u00a0\t]*$",
    re.MULTILINE,
)
DASH_LINE = re.compile(r"^[—–][ \u00a0\t]*(\S[^\n]*?)[ \u00a0\t]*$", re.MULTILINE)  # "— Pourquoi ?", "— Parce que…"
FIRST_PERSON = re.compile(r"(?i)(?<![\w'’])(?:je|j['’]|me|m['’]|moi|mon|ma|mes|nous|notre|nos)(?![\w'’])")
GUEST_WORD = re.compile(r"\binvitée?\b", re.IGNORECASE)
GUEST_LABELS = {"invité", "invitée", "réponse", "r"}
INTERVIEWER_LABELS = {"journaliste", "question", "q", "présentateur", "présentatrice", "animateur", "animatrice"}
CIRCUMSTANCES = {"lors", "devant", "pendant", "durant", "après", "avant", "dans", "en", "au", "aux", "sans", "à"}
INCISE_PLACES = {"à", "au", "aux", "sur", "dans", "devant", "auprès", "lors", "en"}  # before an incise's subject
OWNED_BY = re.compile(r"\s(?:de|d['’]|du|des)\s*$")  # "l'entourage de " before a person's name
COUNT_WORDS = {"million", "millions", "milliard", "milliards", "mille", "fois", "de", "d'", "sur", "plus", "moins",
               "près", "environ", "un", "une", "la", "les", "l'", "tiers", "quart", "quarts", "moitié"}  # "deux tiers"
HYPHENATED = re.compile(r"^[a-zà-ÿ]{2,}-[a-zà-ÿ]{2,}$")
ABBREVIATIONS = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "gal", "gén", "col", "cdt", "lt",
                 "art", "av", "apr", "j.-c", "etc", "cf", "p", "n°", "no", "vol"}


@dataclass(frozen=True)
class Verb:
    """One verb of saying and the constructions it takes."""

    lemma: str
    constructions: frozenset[str]
    particle: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """The reporting-verb lexicon, indexed by written form."""

    forms: dict[str, Verb]
    lemmas: dict[str, Verb]
    generic: frozenset[str]
    control: frozenset[str]
    documents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Frame:
    """A verb of saying found in the text: its speaker and the stretch of text it reports."""

    verb: Verb
    verb_i: int  # token index (doc) of the verb
    group_start: int  # first token of aux/verb/clitics (doc index)
    group_end: int  # one past the last token of the verb group (doc index)
    clause_start: int  # where this verb's own clause begins (char), to end the content before it
    speaker: str | None  # None: unnamed, generic or negated (still blocks wider frames for direct quotes)
    construction: str
    start: int  # content chars
    end: int
    explicit: bool  # speaker named (not a pronoun or inherited), so an outer frame is mere relay
    form: str = "fin"  # fin, inf or ppr: an infinitive's clause belongs to the words around it
    relative: bool = False  # "X, qui a affirmé que …, réclame …": the content ends with the relative clause
    hedged: bool = False  # "X aurait déclaré que …": the text does not vouch that X said it


@dataclass(frozen=True)
class Unit:
    """A sentence as quotes need it: never split inside a quotation, never across a paragraph otherwise."""

    start: int
    end: int


def _er_forms(lemma: str) -> set[str]:
    """Inflected forms of a regular -er verb, as news prose uses them."""
    stem = lemma[:-2]
    soft = stem + ("e" if stem.endswith("g") else "")
    cedil = stem[:-1] + "ç" if stem.endswith("c") else soft
    forms = {lemma, stem + "é", stem + "ée", stem + "és", stem + "ées", stem + "e", stem + "ent",
             cedil + "ait", cedil + "aient", cedil + "ant", cedil + "a", stem + "èrent", stem + "era",
             stem + "eront", stem + "erait", stem + "eraient"}
    grave = re.sub(r"é([^aeiouyéèê]+)$", r"è\1", stem)
    if grave == stem:  # "relever", "soulever": "relève", "soulèvent"
        grave = re.sub(r"(?<=[^aeiouyéèê])e([^aeiouyéèê])$", r"è\1", stem)
    if grave != stem:
        forms |= {grave + "e", grave + "ent"}
    return forms


@functools.cache
def lexicon() -> Lexicon:
    """Load the verbs once; each written form points to its verb."""
    data = safeyaml.read(str(LEXICON), "extract/lexicon/reporting_verbs.yaml")
    forms: dict[str, Verb] = {}
    lemmas: dict[str, Verb] = {}
    for name, spec in sorted(data["verbs"].items()):
        words = name.split()
        lemma = words[0]
        verb = Verb(lemma=name, constructions=frozenset(spec.get("constructions", [])),
                    particle=tuple(words[1:]))
        inflected = set(spec.get("forms", []))
        if lemma.endswith("er") and not spec.get("forms"):
            inflected |= _er_forms(lemma)
        inflected.add(lemma)
        for form in inflected:
            forms.setdefault(form.lower(), verb)
        lemmas[lemma] = verb
    return Lexicon(forms=forms, lemmas=lemmas, generic=frozenset(data.get("generic_speakers", [])),
                   control=frozenset(data.get("control_verbs", [])),
                   documents=frozenset(data.get("documents", [])))


# ---------------------------------------------------------------- quotation marks and sentence units


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Inner (start, end) of every quotation, outermost only; a quote may cross one hard line break."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in OPENERS or (ch == '"' and not _opens_straight(text, i)):
            i += 1
            continue
        close = OPENERS[ch]
        j = _find_close(text, i + 1, ch, close)
        if j is None:
            j = _runs_on(text, i, close)
        if j is None:
            i += 1
            continue
        spans.append((i + 1, j))
        i = j + 1
    return spans


def _runs_on(text: str, i: int, close: str) -> int | None:
    """A whole paragraph opened by « and left open, the next paragraph opening with « again: the French way of
    quoting one speaker across paragraphs; its words end with the paragraph (None when it is not that)."""
    if text[i] != "«" or (i > 0 and text[i - 1] != "\n"):
        return None
    end = text.find("\n\n", i)
    if end < 0 or close in text[i:end] or "«" in text[i + 1 : end] or "\n" in text[i:end]:
        return None
    after = text[end:].lstrip("\n")
    if not after.startswith("«") or text[end - 1 : end] not in {".", "!", "?", "…"}:
        return None
    return end


def _opens_straight(text: str, i: int) -> bool:
    """A straight double quote opens when it follows a space, a line start or an opening bracket."""
    return i == 0 or text[i - 1] in SPACES + "\n([-–—'’"


def _find_close(text: str, start: int, opener: str, close: str) -> int | None:
    """Where the quotation opened at start-1 closes: same paragraph, or the next line if it continues it."""
    depth = 0
    breaks = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            breaks += 1
            nxt = text[i + 1 : i + 2]
            if breaks > 1 or nxt in ("\n", "") or nxt in OPENERS:
                return None
            line = text[i + 1 : text.find("\n", i + 1) if "\n" in text[i + 1 :] else len(text)]
            if opener == '"' and line.count('"') % 2 == 0:
                return None  # straight quotes pair within a line unless the next line has an odd one out
        elif ch == close and opener != close and depth > 0:
            depth -= 1
        elif ch == close:
            return i
        elif ch == opener and opener != close:
            depth += 1
        i += 1
    return None


def _wrapped(text: str, k: int) -> bool:
    """A single line break inside a sentence ("... de ces soldats\navaient été ..."): the line goes on."""
    before = text[k - 1 : k] if k else ""
    after = text[k + 1 : k + 2]
    return (before.isalnum() or before == ",") and after.isalpha() and after.islower()


def units(text: str, quotes: list[tuple[int, int]]) -> list[Unit]:
    """Sentences for quote extraction: split at line breaks and sentence ends, never inside a quotation."""
    inside = [False] * (len(text) + 1)
    for start, end in quotes:
        for k in range(max(start - 1, 0), min(end + 1, len(text))):
            inside[k] = True
    cuts = {0, len(text)}
    for k, ch in enumerate(text):
        if ch == "\n" and not inside[k] and not _wrapped(text, k):
            cuts.add(k + 1)
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if inside[match.start()] and inside[max(end - 1, 0)] and (inside[end] or text[end - 1] not in "»”\""):
            continue  # an end inside a quotation; one that closes it (". » « …", ". » Il …") ends the sentence
        word = re.search(r"(\d[ \u00a0\u202f]*)?([\w.\-°]+)\.$", text[max(0, match.start() - 14) : match.start() + 1])
        if word and not (word.group(1) and word.group(2).isalpha()) and (
            word.group(2).lower() in ABBREVIATIONS or len(word.group(2)) == 1
        ):
            continue  # "M. Dupont", "MM. …"; a unit after a figure ("de 240 mm.", "17 m.") ends the sentence
        cuts.add(end)
    bounds = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(bounds):
        while a < b and text[a] in SPACES + "\n":
            a += 1
        while b > a and text[b - 1] in SPACES + "\n":
            b -= 1
        if a < b:
            out.append(Unit(a, b))
    return out


# ---------------------------------------------------------------- verbs of saying


def _manner_adverb(tok: Token) -> bool:
    """An adverb of manner between a verb and its inverted subject ("avance prudemment Jean Martin")."""
    low = _low(tok)
    return tok.pos_ == "ADV" and low.endswith("ment") and len(low) > 6 and low not in NEGATIONS


def _low(tok: Token) -> str:
    """Lower-case text with one kind of apostrophe, so word lists need one spelling."""
    return tok.text.lower().replace("’", "'")


def verb_of(tok: Token, lex: Lexicon) -> Verb | None:
    """The lexicon verb this token is a form of, if it reads as a verb here (not "l'annonce", "le juge")."""
    low = tok.text.lower()
    verb = lex.forms.get(low)
    if verb is None and tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.lemmas:
        verb = lex.lemmas[tok.lemma_.lower()]
    if verb is None:
        return None
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if _low(prev) in {"le", "la", "l'", "un", "une", "des", "les", "du", "au", "aux", "cette", "ce", "son",
                          "sa", "ses", "leur", "leurs", "notre", "votre", "mon", "ma", "dont", "dans",
                          "sur", "avec", "par"} and prev.pos_ in ("DET", "ADP"):
            return None
    if tok.text[:1].isupper() and tok.i > 0 and tok.doc[tok.i - 1].text not in "\n":
        return None
    doc = tok.doc
    for k, word in enumerate(verb.particle, start=1):
        if tok.i + k >= len(doc) or _low(doc[tok.i + k]) != word:
            return None
    return verb


def _verb_form(tok: Token, verb: Verb) -> str:
    """fin (finite or past participle), inf or ppr (present participle)."""
    low = tok.text.lower()
    if low == verb.lemma.split()[0]:
        return "inf"
    if low.endswith("ant"):
        return "ppr"
    return "fin"


# ---------------------------------------------------------------- noun phrases and speakers


def _past_time_phrase(doc: Doc, r: int, hi: int) -> int:
    """The first token after a time phrase opening an incise's subject ("la semaine dernière", "ce matin"), else r."""
    if r + 1 < hi and _low(doc[r]) in {"la", "le", "l'", "l’", "ce", "cet", "cette"} and _low(doc[r + 1]) in TIME_NOUNS:
        r += 2
        while r < hi and _low(doc[r]) in {"dernier", "dernière", "prochain", "prochaine", "passé", "passée"}:
            r += 1
    return r


def _demonstrative(doc: Doc, r: int, hi: int) -> bool:
    """A "ce"/"cette" that opens a noun phrase ("a déclaré ce responsable"), not a time ("a dit ce matin")."""
    return _low(doc[r]) in {"ce", "cet", "cette"} and r + 1 < hi and _low(doc[r + 1]) not in TIME_NOUNS and (
        doc[r + 1].is_alpha
    )


def _np_token(tok: Token) -> bool:
    """Whether a token can sit inside a speaker's noun phrase (the tagger's POS alone is too noisy)."""
    low = _low(tok)
    if tok.text in QUOTE_CHARS or (tok.is_punct and tok.text != "-") or tok.is_space:
        return False
    if low in SUBJECT_PRONOUNS or low.lstrip("-–—") in QUE | RELATIVES:  # "-que" glued to a dash is "que"
        return False
    if low == "un" and tok.i > 0 and _low(tok.doc[tok.i - 1]) == "numéro":
        return True  # "le numéro un du syndicat", whatever the tagger calls "un"
    if HYPHENATED.match(low):  # "sud-coréens", whatever the tagger calls it
        return True
    after_noun = tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN")  # "ministre lituanien", not "a dit demain"
    if entities.adjective_like(tok.text) and tok.pos_ not in ("PRON", "ADP") and (tok.pos_ != "ADV" or after_noun):
        return True  # "la diplomatie canadienne", whatever the tagger calls it
    if tok.dep_ == "amod" and tok.is_lower and tok.i > 0 and tok.head.i < tok.i and tok.doc[tok.i - 1].pos_ in (
        "NOUN", "ADJ"
    ):  # "la secrétaire générale adjointe", "le directeur délégué": a title's adjective the tagger calls a verb
        return True
    return tok.pos_ in NP_POS or low in NP_LINKS | NAME_PARTICLES or (tok.text[:1].isupper() and tok.is_alpha)


def _name_start(toks: list[Token]) -> int:
    """Index in toks where a name apposed to a title starts ("le ministre Kim Hong Kyun"), else 0."""
    k = len(toks)
    while k > 1 and toks[k - 1].is_alpha and (
        toks[k - 1].text[:1].isupper() or (toks[k - 1].text in NAME_PARTICLES and toks[k - 2].text[:1].isupper())
    ):
        k -= 1
    if k == 1 and toks[0].is_alpha and toks[0].text[:1].isupper() and _low(toks[0]) not in entities.names().roles and (
        toks[0].pos_ != "DET"
    ):
        return 0  # "Ri Son Gwon" opening a sentence: the first word is part of the name
    if 0 < k < len(toks):
        prev = toks[k - 1]
        if prev.pos_ in ("NOUN", "ADJ") and _low(prev) not in NP_LINKS:
            return k
    # a fresh determiner after a noun with nothing linking them starts a new phrase ("mercredi le ministre"),
    # and so does one after a dash that follows a number ("12h05 - Le Kremlin")
    for j in range(len(toks) - 1, 0, -1):
        if toks[j].text[:1].isupper() and toks[j - 1].text[:1].isupper() and toks[j - 1].is_alpha:
            continue  # "Ri Son Gwon": a capitalised word after a name is part of it, not a determiner
        linked = _low(toks[j - 1]) in NP_LINKS | {"numéro"}  # "le numéro un nord-coréen" is one title
        if toks[j].pos_ == "DET" and toks[j - 1].pos_ in ("NOUN", "PROPN", "NUM") and not linked:
            return j
        dash = toks[j - 1].text in {"-", "–", "—"}
        if toks[j].pos_ == "DET" and dash and j >= 2 and any(c.isdigit() for c in toks[j - 2].text):
            return j
    return 0


def _trim(toks: list[Token]) -> list[Token]:
    """Drop linking words and punctuation left at the edges of a chunk."""
    while toks and (_low(toks[0]) in NP_LINKS - {"l'"} or toks[0].pos_ in ("ADP", "CCONJ", "PUNCT")) and not (
        _low(toks[0]) == "des" and toks[0].pos_ == "DET" and len(toks) > 1 and toks[1].pos_ in ("NOUN", "ADJ")
    ):  # "des responsables" keeps its determiner; "des Affaires étrangères" (a cut complement) does not
        toks = toks[1:]
    while toks and (
        _low(toks[-1]) in NP_LINKS or toks[-1].pos_ in ("ADP", "CCONJ", "PUNCT", "DET") or _low(toks[-1]) in DAYS
    ):
        name_end = len(toks) > 1 and toks[-1].text[:1].isupper() and toks[-2].text[:1].isupper()
        if name_end and toks[-1].is_alpha:  # "Kim Jong Un": "Un" is a name here, not the article
            break
        toks = toks[:-1]  # "a dit l'agence sud-coréenne vendredi": the day is when, not who
    return toks


def chunk_left(doc: Doc, j: int, lo: int) -> list[Token]:
    """The noun phrase ending at token j (inclusive), not reaching before token lo."""
    k = j
    while k >= lo and j - k < MAX_SUBJECT_TOKENS and not (k < j and entities.breaks_after(doc[k])) and (
        _np_token(doc[k]) or _noun_complement(doc, k, j)
    ):
        k -= 1
    toks = _trim(list(doc[k + 1 : j + 1]))
    if not toks:
        return toks
    start = _name_start(toks)
    links = [p for p in range(1, start) if _low(toks[p]) == "et"]
    if links and any(t.pos_ == "PROPN" for t in toks[: links[-1]]):  # "le président X et son homologue Y"
        left = toks[: links[-1]]
        return left[_name_start(left) :] + toks[links[-1] :]
    return toks[start:]


def _noun_complement(doc: Doc, k: int, j: int) -> bool:
    """A preposition that ties a complement to the noun before it ("des responsables au sein du …")."""
    if 0 < k < j and _low(doc[k]) == "pour" and doc[k - 1].text[:1].isupper() and _low(doc[k - 1]) in BODIES:
        return _np_token(doc[k + 1])  # "l'Institut pour l'étude de la guerre": the name of a body
    if 0 < k < j and _low(doc[k]) == "en" and _low(doc[k + 1]) in EN_STATES:
        return doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ")  # "un diplomate européen en poste à Séoul"
    if not 0 < k < j or _low(doc[k]) not in NOUN_COMPLEMENT_LINKS:
        return False
    return doc[k - 1].pos_ in ("NOUN", "PROPN") and _np_token(doc[k + 1])


def chunk_right(doc: Doc, i: int, hi: int) -> list[Token]:
    """The noun phrase starting at token i, not reaching token hi; a ", Name," apposition wins."""
    if i >= hi or not (doc[i].pos_ in ("DET", "PROPN") or doc[i].text[:1].isupper() or _low(doc[i]) in {"l'"}):
        return []
    k = i
    while k < hi and k - i < MAX_SUBJECT_TOKENS and _np_token(doc[k]):
        if k > i and entities.breaks_after(doc[k - 1]):
            break
        if k > i and doc[k].pos_ == "DET" and k + 1 < hi and _low(doc[k + 1]) in TIME_NOUNS:
            break  # "un diplomate la semaine dernière": the time is no part of the speaker
        if k > i and (doc[k].text[:1].isdigit() or _low(doc[k]) in DAYS or (
            _low(doc[k]) in {"le", "l'", "l’"} and k + 1 < hi and doc[k + 1].text[:1].isdigit()
        )):
            break  # "a déclaré Mark Rutte le 18 octobre", "… X lundi 14 octobre": the date is when, not who
        if k > i and _low(doc[k]) in DE and k + 2 < hi and _low(doc[k + 1]) in {"un", "une"} and _low(
            doc[k + 2]
        ) in MANNER_NOUNS:
            break  # "a déclaré le prévenu d'une voix sourde": how it was said, not who said it
        if k > i and k + 1 < len(doc) and _low(doc[k + 1]) == "par" and attribution.participle(doc[k]):
            break  # "un officier cité par l'agence": who relays the words is no part of the speaker
        k += 1
    toks = _trim(list(doc[i:k]))
    if k + 1 < hi and doc[k].text == ",":
        first = k + 1
        if first + 3 < hi and _low(doc[first]) in {"le", "la", "l'", "l’"} and doc[first + 1].is_alpha and all(
            doc[n].text[:1].isupper() and doc[n].is_alpha for n in (first + 2, first + 3)
        ):
            first += 2  # "l'entraîneur de Brièvres, l'Anglais Steven Marsh,": the name after a one-word title
        m = first
        while (m < hi and doc[m].pos_ == "PROPN") or (m < hi and doc[m].text[:1].isupper() and doc[m].is_alpha):
            m += 1
        if m > first and (m >= hi or doc[m].is_punct or _low(doc[m]) in {"tout", "en", "lors", "sur", "à"}):
            return list(doc[first:m])
    return toks[_name_start(toks) :] if toks else toks


def _segment_start(doc: Doc, j: int, lo: int) -> int:
    """First token after the comma that opens the comma-delimited stretch ending at token j."""
    k = j
    while k >= lo and doc[k].text != ",":
        k -= 1
    return k + 1


def _has_finite_verb(doc: Doc, lo: int, hi: int) -> bool:
    """Whether tokens [lo, hi) hold a conjugated verb, i.e. a clause rather than a noun phrase."""
    for tok in doc[lo:hi]:
        if tok.is_alpha and tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm"):
            return True
    return False


def subject_left(doc: Doc, j: int, lo: int) -> list[Token]:
    """The subject written before a verb group whose first token is j+1."""
    while j >= lo and (_low(doc[j]) in OBJECT_CLITICS or (doc[j].pos_ == "ADV" and _low(doc[j]) not in QUE)):
        j -= 1
    if j < lo:
        return []
    j = _before_acronym(doc, j, lo)  # "Les services de sécurité ukrainiens (SBU) ont indiqué"
    tok = doc[j]
    if _low(tok) in SUBJECT_PRONOUNS:
        return [tok]
    if _low(tok) in COORDINATORS:  # "X a rejeté … et a rappelé que": the subject is X, found elsewhere
        return []
    if _low(tok) == "qui":  # "la Corée du Sud, qui a affirmé que…"
        k = j - 1
        if k >= lo and doc[k].text == ",":
            k -= 1
        return chunk_left(doc, k, lo) if k >= lo else []
    if tok.text == ",":  # "Mark Rutte, secrétaire général de l'Otan, a dit" / "le chef de l'Otan, Mark Rutte, a dit"
        name_end = _before_acronym(doc, j - 1, lo) + 1  # "…, Marc Tessier (EPR), a dit": the party glosses the name
        seg_lo = _segment_start(doc, name_end - 1, lo)
        if _low(doc[seg_lo]) in RELATIVES and seg_lo - 1 > lo and doc[seg_lo - 1].text == ",":
            far_lo = _segment_start(doc, seg_lo - 2, lo)  # "Le Kremlin, qui dément tout, a assuré que"
            far = chunk_left(doc, seg_lo - 2, far_lo)
            return far if far and not _has_finite_verb(doc, far_lo, seg_lo - 1) else []
        near = chunk_left(doc, name_end - 1, seg_lo)
        if _has_finite_verb(doc, seg_lo, name_end):
            return []
        whole = all(_np_token(t) for t in doc[seg_lo:name_end])
        if near and whole and (near[0].pos_ == "PROPN" or near[0].ent_type_ == "PER"):
            return near
        if seg_lo - 1 > lo and doc[seg_lo - 1].text == ",":
            far_lo = _segment_start(doc, seg_lo - 2, lo)
            far = chunk_left(doc, _before_acronym(doc, seg_lo - 2, far_lo), far_lo)
            if far and not _has_finite_verb(doc, far_lo, seg_lo - 1):
                return far
        return []
    return _before_participle(doc, chunk_left(doc, j, lo), lo)


RELAY_PREPOSITIONS = {"par", "dans", "à", "au", "en", "sur", "devant", "auprès"}


def _before_participle(doc: Doc, toks: list[Token], lo: int) -> list[Token]:
    """ "Un médecin interrogé dans un hôpital dit": who speaks is the noun before the participle, not the place or
    the outlet that questioned them."""
    k = toks[0].i - 1 if toks else -1
    if k - 2 < lo or _low(doc[k]) not in RELAY_PREPOSITIONS:
        return toks
    v = k - 1  # "Une publication partagée des milliers de fois sur les réseaux": over the participle's complement
    while v > max(lo, k - 7) and (_np_token(doc[v]) or _low(doc[v]) == "fois") and not attribution.participle(doc[v]):
        v -= 1
    verb = doc[v]
    tagged = verb.pos_ in ("VERB", "ADJ") or (verb.pos_ == "NOUN" and v > lo and doc[v - 1].pos_ in ("NOUN", "PROPN"))
    if not tagged or not attribution.participle(verb) or verb.text[:1].isupper() or v - 1 < lo:
        return toks
    speaker = chunk_left(doc, v - 1, lo)
    return speaker if speaker and any(t.pos_ in ("NOUN", "PROPN") for t in speaker) else toks


def _before_acronym(doc: Doc, j: int, lo: int) -> int:
    """The token before an acronym in brackets ending at j ("l'Institut ... (ISW)"), else j: it glosses the name."""
    opening = next((k for k in range(j - 1, max(lo, j - 5) - 1, -1) if doc[k].text == "("), None)
    if doc[j].text == ")" and opening is not None and opening > lo and all(
        t.text[:1].isupper() for t in doc[opening + 1 : j]
    ):
        return opening - 1
    return j


def _gender_number(toks: list[Token]) -> tuple[str | None, str]:
    """Grammatical gender (m, f or None) and number (s, p) of a speaker phrase."""
    words = [_low(t) for t in toks]
    if "et" in words:
        return None, "p"
    first = words[0] if words else ""
    if first in DETERMINERS_P:
        return None, "p"
    if first in DETERMINERS_M:
        return "m", "s"
    if first in DETERMINERS_F:
        return "f", "s"
    if any(tok.ent_type_ == "PER" for tok in toks):
        return None, "s"  # the tagger's gender for first names is a guess
    for tok in toks:  # "l'avocate générale": after "l'", the adjective's ending tells more than the tagger's noun
        if tok.pos_ == "ADJ" and first in {"l'", "l’"} and len(tok.morph.get("Gender")) == 1:
            return ("m" if tok.morph.get("Gender")[0] == "Masc" else "f"), "s"
    for tok in toks:
        if tok.pos_ in ("NOUN", "PROPN"):
            gender = tok.morph.get("Gender")
            if gender:
                return ("m" if gender[0] == "Masc" else "f"), "s"
    return None, "s"


def _masculine(word: str) -> str | None:
    """A feminine role word's masculine pair in the roles lexicon ("avocate" -> "avocat"), else None."""
    roles = entities.names().roles
    for ending_m, ending_f in (("eur", "rice"), ("eur", "euse"), ("er", "ère"), ("ien", "ienne"), ("", "e")):
        if word.endswith(ending_f) and word[: len(word) - len(ending_f)] + ending_m in roles:
            masculine = word[: len(word) - len(ending_f)] + ending_m
            if masculine != word:
                return masculine
    return None


def _role_gender(word: str) -> str | None:
    """A role word's gender from its pair in the roles lexicon ("ambassadeur"/"ambassadrice", "élu"/"élue")."""
    roles = entities.names().roles
    if word not in roles:
        return None
    for ending_m, ending_f in (("eur", "rice"), ("eur", "euse"), ("er", "ère"), ("ien", "ienne"), ("", "e")):
        stem_f = word[: len(word) - len(ending_f)] if ending_f and word.endswith(ending_f) else None
        if stem_f is not None and stem_f + ending_m in roles and stem_f + ending_m != word:
            return "f"
        stem_m = word[: len(word) - len(ending_m)] if word.endswith(ending_m) else None
        if stem_m is not None and stem_m + ending_f in roles and stem_m + ending_f != word:
            return "m"
    return None


# ---------------------------------------------------------------- the extractor


@dataclass
class _Mention:
    """A speaker seen so far, for resolving "il" and "a-t-elle ajouté"."""

    pos: int
    name: str
    gender: str | None
    number: str
    explicit: bool
    body: bool = False  # an organisation, a capital or a ministry: a pronoun's only with no person about


class _Article:
    """One pass over one article: frames first, then the claims they give."""

    def __init__(self, doc: Doc, ctx: ArticleContext) -> None:
        """Find quotation marks, sentence units and the article's people once."""
        self.doc = doc
        self.ctx = ctx
        self.text = ctx.text
        self.lex = lexicon()
        self.quotes = quote_spans(self.text)
        self.units = units(self.text, self.quotes)
        self.continued: dict[tuple[int, int], tuple[int, int]] = {}  # second half -> first half
        self.split_commas: set[int] = set()
        self.quotes = self.split_incises(self.quotes)
        self.mentions: list[_Mention] = []
        self.contents: list[tuple[int, int]] = []  # reported words found so far
        self.people = entities.article_names(doc)
        self.roles = self.titles()

    @functools.cached_property
    def masked(self) -> str:
        """The parsed text (furniture blanked), joined once: spaCy joins every token at each Doc.text."""
        return nlp.text_of(self.doc)

    # -- helpers

    def split_incises(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """« Nous répondrons, a-t-il prévenu, avec fermeté » is two quoted halves around an incise."""
        doc = self.doc
        out = []
        for q_start, q_end in spans:
            span = doc.char_span(q_start, q_end, alignment_mode="contract")
            cut = None
            for tok in span if span is not None else []:
                b = tok.i - 1
                while b > 0 and tok.i - b <= 2 and _low(doc[b]) in CLITIC_SUBJECTS.keys() | {"-t"}:
                    b -= 1  # "a-t-elle insisté": the clitic subject sits between the auxiliary and the verb
                if b < 0 or (b < tok.i - 1 and _low(doc[b]) not in AUX_FORMS):
                    continue
                if tok.i == 0 or (doc[b].text != "," and _low(doc[b]) not in AUX_FORMS):
                    continue
                verb = verb_of(tok, self.lex)
                if verb is None or not verb.constructions & {"incise", "incise_quote"}:
                    continue
                first = b if doc[b].text == "," else b - 1
                if first < span.start or doc[first].text != ",":
                    continue
                close = next((k for k in range(tok.i + 1, min(span.end, tok.i + 10)) if doc[k].text in {",", "."}),
                             None)  # "« …, a-t-elle rappelé. Il est temps … »": the incise may end a sentence
                if close is None or _has_finite_verb(doc, tok.i + 1, close):
                    continue
                if self.text[q_start : doc[first].idx].strip() and self.text[doc[close].idx + 1 : q_end].strip():
                    cut = (doc[first].idx, doc[close].idx + 1)
                    break
            if cut is None:
                out.append((q_start, q_end))
                continue
            out += [(q_start, cut[0]), (cut[1], q_end)]
            self.split_commas.add(cut[0])
            self.continued[(cut[1], q_end)] = (q_start, cut[0])
        return out

    def tokens(self, unit: Unit) -> tuple[int, int]:
        """Doc token range [lo, hi) of a unit, spaces excluded at the ends."""
        span = self.doc.char_span(unit.start, unit.end, alignment_mode="expand")
        if span is None:
            return 0, 0
        return span.start, span.end

    def in_quote(self, pos: int) -> tuple[int, int] | None:
        """The quotation holding a character offset, if any."""
        for start, end in self.quotes:
            if start <= pos < end:
                return start, end
        return None

    def titles(self) -> dict[str, tuple[int, str | None]]:
        """Job titles written next to a person's name ("le président sud-coréen Yoon Suk Yeol"), by title.

        Also fills self.titled, every (offset, title, name) in text order, for "le chef de l'Alliance" when the
        article introduced its secrétaire général.
        """
        doc = self.doc
        found: dict[str, tuple[int, str | None]] = {}
        self.titled: list[tuple[int, str, str]] = []
        self.genders: dict[str, str | None] = {}  # a person's gender as their title says it ("la ministre X")
        roles = entities.names().roles
        for pos, full in self.people:
            span = doc.char_span(pos, pos + len(full), alignment_mode="expand")
            if span is None:
                continue
            role = doc[span.end + 1] if span.end + 1 < len(doc) and doc[span.end].text == "," else None
            if role is not None and _low(role) in {"la", "une", "le", "un"} and role.i + 1 < len(doc) and doc[
                role.i + 1
            ].pos_ == "NOUN" and doc[role.i + 1].is_lower and _low(doc[role.i + 1]) not in TIME_PHRASE:
                self.genders.setdefault(full, "f" if _low(role) in {"la", "une"} else "m")  # "X, la sœur du …,"
            elif role is not None and _role_gender(_low(role)) is not None:  # "Sophie Marchand, chercheuse à l'Ifri."
                self.genders.setdefault(full, _role_gender(_low(role)))
            elif role is not None and _low(role) in roles and not _low(role).endswith(EPICENE_ENDINGS) and len(
                role.morph.get("Gender")
            ) == 1:  # (no comma closing it): the role word's gender
                self.genders.setdefault(full, "m" if role.morph.get("Gender")[0] == "Masc" else "f")
            if span[0].text in {"Me", "Maître"} or (span.start > 0 and doc[span.start - 1].text in {"Me", "Maître"}):
                self.titled.append((pos, "avocat", full))  # "Me Claire Mouton": a lawyer, "l'avocate" later
            for written in (self.title_before(span.start, span.end), self.title_after(span.end)):
                title = _title_key(written or "")
                if not title or not (title.split()[0] in roles or len(title.split()) >= 2):
                    continue
                gender = self.title_gender(written or "", pos)
                if gender is not None:
                    self.genders[full] = gender if self.genders.get(full, gender) == gender else None
                seen = found.get(title)  # the first mention counts; two people with one title name neither
                found[title] = (pos, full) if seen is None else (seen[0], full if seen[1] == full else None)
                self.titled.append((pos, written or "", full))
        self.agreed_genders()
        return found

    def agreed_genders(self) -> None:
        """A person's gender as the text agrees with them where no title says it: "Mme X", "Née à Lyon, X",
        "Présidente d'un institut, X a …", "X est arrivée", "X s'est dite inquiète" (the tagger's guess from a
        first name is no evidence: it calls most names masculine)."""
        doc = self.doc
        votes: dict[str, set[str]] = {}
        roles = entities.names().roles
        for ent in self.person_spans:
            if self.in_quote(ent.start_char):
                continue
            full = entities.expand_surname(entities.clean(ent.text), self.people, ent.start_char)
            if not any(full == known for _, known in self.people):
                continue
            civility = re.search(r"(?:^|[\s(])(mme|madame|mlle|mademoiselle|m\.|monsieur)\s*$",
                                 self.text[max(0, ent.start_char - 14) : ent.start_char], re.IGNORECASE)
            if civility:
                votes.setdefault(full, set()).add("m" if civility.group(1).lower() in {"m.", "monsieur"} else "f")
            k = ent.start - 1
            if k > 0 and doc[k].text == ",":  # "Ancienne ministre, aujourd'hui présidente de …, X a …"
                lo = doc[k].sent.start
                before = [_low(t) for t in doc[lo:k]]
                if before in (["cette", "dernière"], ["ce", "dernier"]):  # "Cette dernière, Odile Ferrand, …"
                    votes.setdefault(full, set()).add("f" if before[0] == "cette" else "m")
                if not _has_finite_verb(doc, lo, k) and k - lo <= 25 and not self.in_quote(doc[lo].idx):
                    for tok in doc[lo:k]:
                        low = _low(tok)
                        if tok.i == lo and low in {"née", "né"}:
                            votes.setdefault(full, set()).add("f" if low == "née" else "m")
                            continue
                        said = tok  # "Ancienne ministre": an epicene role's gender is its adjective's
                        if low in roles and low.endswith(EPICENE_ENDINGS) and tok.i > lo and (
                            doc[tok.i - 1].pos_ == "ADJ" or (tok.i - 1 == lo and doc[lo].pos_ == "PROPN")
                        ):  # the tagger calls a sentence's first adjective a name
                            said = doc[tok.i - 1]
                        elif low not in roles or low.endswith(EPICENE_ENDINGS):
                            continue
                        elif _role_gender(low) is not None:  # "l'ambassadrice": the word, not the tagger's guess
                            votes.setdefault(full, set()).add(_role_gender(low) or "")
                            continue
                        if len(said.morph.get("Gender")) == 1:
                            votes.setdefault(full, set()).add("m" if said.morph.get("Gender")[0] == "Masc" else "f")
            head = ent.root.head
            agrees = any(c.dep_ in ("cop", "aux:pass") or (c.dep_ == "aux:tense" and _low(c) in PASSIVE_AUX)
                         for c in head.children)
            if ent.root.dep_ in ("nsubj", "nsubj:pass") and head.i > ent.root.i and head.pos_ in ("VERB", "ADJ") and (
                agrees
            ):  # "X est arrivée lundi", "X a été nommée": the participle agrees with its subject
                low = _low(head)
                if low.endswith(("ée", "ées")):
                    votes.setdefault(full, set()).add("f")
                elif low.endswith(("é", "és")):
                    votes.setdefault(full, set()).add("m")
        for full, found in votes.items():
            if len(found) == 1 and full not in self.genders:
                self.genders[full] = found.pop()
            elif len(found) > 1:
                self.genders[full] = None

    def title_gender(self, written: str, pos: int) -> str | None:
        """Gender of a title written next to a name, from its determiner or its noun ("le chercheur", "la ministre")."""
        at = self.text.rfind(written, max(0, pos - 200), pos + len(written))
        if at < 0:
            at = self.text.find(written, pos, pos + 400)
        span = self.doc.char_span(at, at + len(written), alignment_mode="expand") if at >= 0 else None
        if span is None or not len(span):
            return None
        toks = list(span)
        if span.start > 0 and self.doc[span.start - 1].pos_ == "DET":
            toks.insert(0, self.doc[span.start - 1])
        first = _low(toks[0])
        if first in DETERMINERS_M | DETERMINERS_F:
            return "m" if first in DETERMINERS_M else "f"
        head = next((t for t in toks if t.pos_ == "NOUN"), None)
        paired = _role_gender(_low(head)) if head is not None else None
        if paired is not None:  # "l'ambassadrice", "l'envoyée": the role's own feminine form
            return paired
        if head is not None and _low(head).endswith(EPICENE_ENDINGS):
            return None  # "l'économiste", "l'analyste": the noun alone says nothing of the person
        gender = head.morph.get("Gender") if head is not None else []
        return ("m" if gender[0] == "Masc" else "f") if len(gender) == 1 else None

    def title_before(self, first: int, after: int | None = None) -> str | None:
        """The title between a determiner and a name: "le secrétaire général de l'Otan(,) Mark Rutte"."""
        doc = self.doc
        k = first - 1
        comma = k >= 0 and doc[k].text == ","
        if comma:
            k -= 1
        end = k + 1
        while k >= 0 and end - k <= 12 and (_np_token(doc[k]) or (
            _low(doc[k]) in A and doc[k + 1].pos_ == "DET" and doc[k + 2].text[:1].isupper()
        )) and not entities.breaks_after(doc[k]) and not (  # "secrétaire à la Défense" is one title
            doc[k].pos_ == "DET" and (k == 0 or _low(doc[k - 1]) not in DE | A)  # "de l'Otan" is inside
        ):
            k -= 1
        if k >= 0 and doc[k].pos_ != "DET" and comma and after is not None and after < len(doc) and doc[
            after
        ].text in {",", ".", ";"}:  # "aux questions de la présidente, Anne Roy.": the name closes its apposition
            k = next((d for d in range(k + 1, end - 1) if _low(doc[d]) in {"le", "la", "l'", "l’"}
                      and _low(doc[d + 1]) in entities.names().roles), k)
        if k < 0 or doc[k].pos_ != "DET" or end - k < 2:
            return None
        return self.text[doc[k + 1].idx : doc[end - 1].idx + len(doc[end - 1])]

    def title_after(self, after: int) -> str | None:
        """The title in an apposition after a name: "Mark Rutte, secrétaire général de l'Otan, a dit"."""
        doc = self.doc
        if after + 2 >= len(doc) or doc[after].text != "," or _low(doc[after + 1]) not in entities.names().roles:
            return None
        k = after + 1
        while k < len(doc) and k - after <= 8 and _np_token(doc[k]) and not entities.breaks_after(doc[k]):
            k += 1
        if k >= len(doc) or doc[k].text != ",":
            return None
        return self.text[doc[after + 1].idx : doc[k - 1].idx + len(doc[k - 1])]

    def same_post(self, title: str, at: int) -> str | None:
        """The one person introduced before `at` in the same post of the same organisation, if exactly one."""
        post = entities.post(title)
        portfolio = entities.portfolio(title)
        if portfolio is not None and len(title.split()) > 1 and (post is None or not post[0].startswith("portfolio:")):
            found = {full for pos, other, full in self.titled  # "le chef de l'État", no country: the one head of
                     if at - TITLE_WINDOW <= pos < at and len(other.split()) > 1  # state named with a title of
                     and entities.portfolio(other) == portfolio}  # more than a word ("le président, X" may head a club)
            return found.pop() if len(found) == 1 else None
        if post is None:
            return None
        found = {
            full for pos, other, full in self.titled if pos < at and entities.same_post(post, entities.post(other))
        }
        return found.pop() if len(found) == 1 else None

    def name(self, toks: list[Token]) -> str:
        """The speaker as the text names it, a surname alone expanded to the full name seen earlier."""
        raw = self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
        apposed = self.apposed_person(toks)
        if apposed:
            return apposed
        if len(toks) > 1 and toks[0].pos_ == "DET":  # "le président sud-coréen", named so earlier
            known = self.roles.get(_title_key(self.text[toks[1].idx : toks[-1].idx + len(toks[-1].text)]))
            if known and known[1] and known[0] < toks[0].idx:
                return known[1]
            definite = _low(toks[0]) in {"le", "la", "l'"}  # "un dirigeant de l'Otan" is one of several
            if definite and len(toks) == 2 and _low(toks[1]) in self.lex.documents:
                return self.issuer(_low(toks[1]), toks[0].idx) or raw
            same = definite and self.same_post(self.text[toks[1].idx : toks[-1].idx + len(toks[-1].text)], toks[0].idx)
            if same:  # "le chef de l'Alliance" after "le secrétaire général de l'Otan, Mark Rutte"
                return same
            bare = self.bare_title(toks, definite)
            if bare:  # "a promis la ministre" after "La ministre des Armées, Ginette Lafrance, a ouvert"
                return bare
            concerned = self.concerned(toks) if definite and len(toks) == 2 else None
            if concerned:  # "L'intéressée dément": the person the story was just about
                return concerned
            aged = self.described(toks) if definite else None
            if aged:  # "Le capitaine, Mathis Legrand, … Le défenseur de 31 ans a évoqué …"
                return aged
        for _, full in self.people:  # "le secrétaire à la Défense Lloyd Austin" -> "Lloyd Austin"
            if raw.endswith(" " + full) and " et " not in raw and not OWNED_BY.search(raw[: -len(full)]):
                return full  # but "l'entourage de X", "l'avocat de X" speak for X, they are not X
        return entities.expand_surname(raw, self.people, toks[0].idx)

    @functools.cached_property
    def people_at(self) -> tuple[dict[int, str], dict[int, str]]:
        """The article's full names by where they start and by where they end."""
        return {pos: full for pos, full in self.people}, {pos + len(full): full for pos, full in self.people}

    def apposed_person(self, toks: list[Token]) -> str | None:
        """A post and a name side by side stand for the same person: "a déploré l'ambassadrice américaine à
        l'ONU, Linda Thomas-Greenfield, lors de …", "explique Jean Martin, chercheur à l'Ifri, qui note" name them."""
        roles = entities.names().roles
        starts, ends = self.people_at
        if any(t.idx in starts for t in toks):
            return None
        if any(_low(t) in roles for t in toks):
            after = toks[-1].idx + len(toks[-1].text)
            gap = APPOSED_GAP.match(self.text, after, after + 60)
            if toks[0].pos_ == "DET" and gap and gap.end() in starts:
                return starts[gap.end()]
        lead = APPOSED_LEAD.search(self.text, max(0, toks[0].idx - 60), toks[0].idx)
        if lead is None:
            return None
        title = lead.group(1)
        if title and title.split()[0].lower() not in roles:
            return None  # "Paul Garnier, économiste à | l'OFCE": the post's place, after the post
        if not title and (toks[0].pos_ == "DET" or not any(_low(t) in roles for t in toks)):
            return None  # "Jean Martin, | chercheur à l'Ifri", but not "Selon X, | le ministre a dit"
        return ends.get(lead.start() + 1)

    def concerned(self, toks: list[Token]) -> str | None:
        """ "l'intéressé", "l'intéressée": the one person of that gender named in its sentence or the one before;
        None when none or several may be (a first name's gender as the tagger guesses it counts against)."""
        word = _low(toks[-1])
        if word not in CONCERNED:
            return None
        wanted = "f" if word.endswith("e") else "m"
        sent = toks[0].sent
        lo = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        found = set()
        for ent in self.person_spans:
            if not lo <= ent.start_char < toks[0].idx or self.in_quote(ent.start_char) or entities.is_noise(ent.text):
                continue
            name = entities.expand_surname(entities.clean(ent.text), self.people, ent.start_char)
            known = self.genders.get(name)
            tagged = {g for t in ent for g in t.morph.get("Gender")}
            if known == wanted or (known is None and tagged != {"Masc" if wanted == "f" else "Fem"}):
                found.add(name)
            elif known is None:
                return None  # the tagger's guess from a first name: maybe that person after all
        return found.pop() if len(found) == 1 else None

    def described(self, toks: list[Token]) -> str | None:
        """ "le défenseur de 31 ans", "la septuagénaire": a definite description by age stands for someone already
        in the story, the one person named in the sentence before or earlier in its own; None when several were."""
        words = [_low(t) for t in toks[1:]]
        aged = len(words) >= 4 and words[-1] == "ans" and words[-3] in {"de", "d'"} and toks[-2].like_num
        if not (aged or (len(words) == 1 and words[0].endswith(("génaire", "génaires")))):
            return None
        if aged and not all(t.pos_ in ("NOUN", "ADJ", "PROPN") and t.is_alpha for t in toks[1:-3]):  # "la Bretonne"
            return None
        doc = self.doc
        first = toks[0]
        lo = first.sent.start
        if lo > 0:
            lo = doc[lo - 1].sent.start
        wanted = "f" if _low(first) == "la" else "m" if _low(first) == "le" else None
        found = set()
        for ent in self.person_spans:
            if not (doc[lo].idx <= ent.start_char < first.idx) or self.in_quote(ent.start_char):
                continue
            if entities.is_noise(ent.text):
                continue
            found.add(entities.expand_surname(entities.clean(ent.text), self.people, ent.start_char))
        if len(found) != 1:
            return None
        name = found.pop()
        return name if wanted is None or self.genders.get(name) in (wanted, None) else None

    def bare_title(self, toks: list[Token], definite: bool) -> str | None:
        """ "la ministre" alone: the one person introduced shortly before with a title of that noun ("La ministre des
        Armées, Ginette Lafrance"); None when none or several were ("le député X", "le député Y")."""
        words = [_low(t) for t in toks[1:]]  # "l'ancien maire" after "l'ancien maire de Valbrune, X": its first words
        adjectives = all(t.pos_ == "ADJ" and t.is_lower for t in toks[1:-1])
        if not definite or not 1 <= len(words) <= 3 or toks[-1].pos_ != "NOUN" or (
            len(words) > 1 and (words[-1] not in entities.names().roles or not adjectives)
        ):
            return None
        at = toks[0].idx
        wanted = _role_gender(words[-1])
        keys = [words]
        if len(words) == 1 and wanted == "f" and _masculine(words[0]):
            keys.append([_masculine(words[0])])  # "l'avocate" after "Me X" (a title said in the masculine)
        if words in (["dirigeant"], ["dirigeante"], ["patron"], ["patronne"]):  # "la dirigeante" after "la présidente
            keys += [title.split() for title in entities.names().posts]  # du club, X": whoever heads something
        portfolios = set()
        below: tuple[str, ...] = ()
        if len(words) == 1:  # "la magistrate" after "la procureure X", "l'élu" after "le député X"
            below = entities.names().hypernyms.get(_masculine(words[0]) or words[0], ())
            keys += [title.split() for title in below if not title.startswith("portfolio:")]
            portfolios = {title.removeprefix("portfolio:") for title in below if title.startswith("portfolio:")}

        def fits(written: str) -> bool:
            title = _title_key(written).split()
            return any(title[: len(key)] == key for key in keys) or (
                bool(portfolios) and entities.portfolio(written) in portfolios
            )

        found = {full for pos, written, full in self.titled
                 if at - TITLE_WINDOW <= pos < at and fits(written) and (
                     wanted is None or self.genders.get(full) in (wanted, None))}
        if len(found) != 1:
            return None
        full = found.pop()
        own = [key for key in keys if key not in [title.split() for title in below]]
        if below and not any(
            _title_key(written).split()[: len(key)] == key for _, written, other in self.titled if other == full
            for key in own
        ) and self.last_person(at) != full:  # "Le maire, X, … Conseiller municipal, Y a dénoncé … L'élu a estimé":
            return None  # a broader word may stand for someone whose title the text gave another way
        return full

    def last_person(self, at: int) -> str | None:
        """The full name of the person named last before `at`, outside quotation marks."""
        last = None
        for ent in self.person_spans:
            if ent.end_char > at:
                break
            if not self.in_quote(ent.start_char) and not entities.is_noise(ent.text):
                last = entities.expand_surname(entities.clean(ent.text), self.people, ent.start_char)
        return last

    def issuer(self, noun: str, pos: int) -> str | None:
        """Who issued "le communiqué": "un communiqué du ministère", or the one speaker named where it was first
        mentioned ("Le ministère a indiqué dans un communiqué que …"); None when the text does not say."""
        pattern = re.compile(rf"\b(?:un|une|son|sa|leur)\s+(?:\w+\s+)?{re.escape(noun)}\b", re.IGNORECASE)
        paragraph = self.text.rfind("\n", 0, pos) + 1  # a document named in another paragraph may be another one
        hits = list(pattern.finditer(self.text, max(paragraph, pos - PRONOUN_WINDOW), pos))
        if not hits:
            return None
        at = hits[-1]
        unit = next((u for u in self.units if u.start <= at.start() < u.end), None)
        if unit is None:
            return None
        owner = re.match(r"\s+(du|des|de la|de l['’]|d['’])\s*([^,;.«»“”\"()]+)", self.text[at.end() : unit.end])
        if owner:  # "un communiqué du ministère de la Défense"
            span = self.doc.char_span(at.end() + owner.start(2), at.end() + owner.end(2), alignment_mode="expand")
            k = span.start if span is not None else len(self.doc)
            toks = []
            while span is not None and k < span.end and (_np_token(self.doc[k]) or _low(self.doc[k]) in DE):
                toks.append(self.doc[k])
                k += 1
            toks = _trim(toks)
            if toks and any(t.text[:1].isupper() for t in toks) and toks[-1].pos_ in ("NOUN", "PROPN", "ADJ"):
                link = owner.group(1).replace("’", "'")
                article = {"du": "le ", "des": "les ", "de la": "la ", "de l'": "l'"}.get(link, "")
                return article + self.text[toks[0].idx : toks[-1].idx + len(toks[-1])]
        if unit is None:
            return None
        found = {m.name for m in self.mentions if m.explicit and m.name and unit.start <= m.pos < unit.end}
        return found.pop() if len(found) == 1 else None

    def generic(self, toks: list[Token]) -> bool:
        """Unnamed crowds ("les experts", "beaucoup") are not speakers a reader can check."""
        named = any(t.pos_ == "PROPN" or (t.text[:1].isupper() and k > 0) for k, t in enumerate(toks))
        heads = {t.lemma_.lower() for t in toks} | {_low(t) for t in toks}
        return not named and bool(heads & self.lex.generic)

    def resolve(self, pronoun: str, pos: int) -> str | None:
        """The speaker a subject pronoun stands for: the latest compatible one named shortly before.

        Candidates are earlier speakers and people who are the subject of a sentence outside anyone's
        reported words ("X a rencontré Y. Il a dit" is X); any person named just before is a last resort.
        """
        want_number = "p" if pronoun in ("ils", "elles") else "s"
        want_gender = "f" if pronoun.startswith("elle") else "m"
        best: tuple[int, str] | None = None
        floor = max(0, pos - PRONOUN_WINDOW, self.paragraph_floor(pos, pronoun))
        for mention in self.mentions:
            if not (floor <= mention.pos < pos) or mention.number != want_number:
                continue
            if mention.body and want_number == "s":
                continue  # "L'Alliance a dénoncé … « … », regrette-t-elle": she is a person, not the Alliance
            gender = mention.gender or self.genders.get(mention.name)
            if gender and gender != want_gender:
                continue
            if best is None or mention.pos > best[0]:
                best = (mention.pos, mention.name)
        if want_number != "s":
            return best[1] if best else None
        fallback: tuple[int, str] | None = None
        for ent in self.person_spans:  # the tagger's people and the names after a title ("Me Claire Mouton")
            if not (floor <= ent.start_char and ent.end_char <= pos):
                continue
            if entities.is_noise(ent.text) or self.in_quote(ent.start_char) or self.reported(ent.start_char):
                continue
            name = entities.expand_surname(entities.clean(ent.text), self.people, ent.start_char)
            known = self.genders.get(name)  # "la générale Hélène Morin": the title outweighs the tagger's guess
            if known is not None and known != want_gender:
                continue
            genders = {g for t in ent for g in t.morph.get("Gender")}
            if known is None and genders == {"Fem" if want_gender == "m" else "Masc"}:
                continue
            subject = any(t.dep_.startswith("nsubj") for t in ent) or ent.root.head.dep_.startswith("nsubj") or (
                AGED.match(self.text, ent.end_char) is not None
            )  # "Tetiana, 44 ans, …": someone brought into the story, as a subject is
            if subject and (best is None or ent.start_char > best[0]):
                best = (ent.start_char, name)
            elif not subject and pos - ent.end_char <= PRONOUN_WINDOW // 2 and not (
                ent.start > 0 and _low(self.doc[ent.start - 1]) == "à" and len(ent) == 1
            ):  # "se déplace samedi à Castelmoure": one word after "à" is a place the tagger took for a person
                fallback = (ent.start_char, name)
        chosen = best or fallback
        titled = self.titled_subject(pos, want_gender)
        if titled is not None and (best is None or titled[0] > best[0]):
            chosen = titled  # "Le maire, qui …, a promis … Il a souligné que": the mayor, not an earlier speaker
        if chosen is None:
            return self.body_just_spoken(want_gender, floor, pos)
        if self.body_just_spoken(want_gender, max(floor, chosen[0] + 1), pos):
            return None  # "X a réclamé … Le ministère a annoncé … « … », a-t-il précisé": X or the ministry
        return chosen[1]

    def body_just_spoken(self, want_gender: str, floor: int, pos: int) -> str | None:
        """ "Le ministère a indiqué que … « … », a-t-il précisé": with no person to stand for, the pronoun goes on
        with the organisation that spoke last, in this sentence or the one just before, if its gender agrees."""
        last = max((m for m in self.mentions if floor <= m.pos < pos), key=lambda m: m.pos, default=None)
        if last is None or not last.body or last.number != "s" or last.gender != want_gender or not last.name:
            return None
        stops = [k for k in range(last.pos, pos) if self.text[k] in ".!?" and self.in_quote(k) is None]
        return last.name if len(stops) <= 1 else None

    @functools.cached_property
    def person_spans(self) -> list[Span]:
        """Spans of the article's people, read once."""
        return [self.doc[s:e] for s, e, label in entities.article_spans(self.doc) if label == "PER"]

    def paragraph_floor(self, pos: int, pronoun: str | None = None) -> int:
        """Where a pronoun may look back from: its paragraph, when the paragraph opened with a sentence of its own.

        "Le site publie le témoignage d'un officier. « … », raconte-t-il": the paragraph brought in someone new; a
        speaker of an earlier paragraph is a guess. A pronoun in a paragraph's first sentence looks further back.
        """
        doc = self.doc
        at = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if at is None or not len(at):
            return 0
        sent = at[0].sent
        for _ in range(4):  # from the sentence that opens the quotation holding the pronoun's words
            begin = sent.start_char + len(sent.text) - len(sent.text.lstrip())
            held = self.in_quote(begin) or self.in_quote(begin + 1)
            if held is None or held[0] >= begin or sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
        begin = sent.start_char
        paragraph = self.text.rfind("\n", 0, begin) + 1
        while paragraph > 0 and pronoun is not None and self.goes_on(paragraph, pronoun):
            paragraph = self.text.rfind("\n", 0, paragraph - 1) + 1  # "Fille de …, elle grandit …": the same person
        return paragraph if self.unquoted_words(paragraph, begin) >= 4 else 0

    def goes_on(self, paragraph: int, pronoun: str) -> bool:
        """Whether a paragraph opens on someone already in the story and names nobody: its first sentence's subject
        is the pronoun being resolved ("Fille d'un chauffeur, elle grandit …") or a definite description of that
        gender ("À 43 ans, la céramiste est devenue …")."""
        if self.in_quote(paragraph) or self.in_quote(paragraph + 1) or self.text[paragraph : paragraph + 1] in OPENERS:
            return False
        stop = re.search(r"[.!?](?:\s|$)", self.text[paragraph : paragraph + 400])
        end = paragraph + (stop.end() if stop else 0)
        span = self.doc.char_span(paragraph, end, alignment_mode="contract") if stop else None
        if span is None or any(ent.start_char < end and ent.end_char > paragraph for ent in self.person_spans):
            return False
        want = "la" if pronoun.startswith("elle") else "le"
        for tok in span:
            if not tok.dep_.startswith("nsubj") or self.in_quote(tok.idx):
                continue
            if _low(tok) == pronoun:
                return True
            det = self.doc[tok.i - 1] if tok.i > span.start else None
            word = _low(tok)  # a word for a person ("le quotidien publie …" brings in what it publishes)
            human = word in entities.names().roles or word.endswith(PERSON_ENDINGS)
            return human and tok.pos_ == "NOUN" and det is not None and _low(det) == want and "Sing" in tok.morph.get(
                "Number"
            )
        return False

    def titled_subject(self, pos: int, want_gender: str) -> tuple[int, str] | None:
        """The subject named by a title ("la ministre …", "le maire") in the sentence before a pronoun or its own."""
        doc = self.doc
        at = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if at is None or not len(at):
            return None
        sent = at[0].sent
        for _ in range(4):  # inside a quotation of several sentences, look from the sentence that opens it
            begin = sent.start_char + len(sent.text) - len(sent.text.lstrip())
            held = self.in_quote(begin) or self.in_quote(begin + 1)
            if held is None or held[0] >= begin or sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
        lo = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        roles = entities.names().roles
        for tok in reversed(doc[lo : at.start]):
            if not tok.dep_.startswith("nsubj") or tok.pos_ not in ("NOUN", "ADJ") or (
                _low(tok) not in roles | CONCERNED
            ):
                continue
            if self.in_quote(tok.idx) or self.reported(tok.idx) or "Plur" in tok.morph.get("Number"):
                continue
            if _low(tok) in CONCERNED:  # "L'intéressée hausse les épaules. « … », tranche-t-elle"
                found = self.concerned([doc[tok.i - 1], tok]) if tok.i > 0 else None
                return (tok.idx, found) if found else None
            det = next((t for t in reversed(doc[max(lo, tok.i - 3) : tok.i]) if t.pos_ == "DET"), None)
            if det is not None and _low(det) in {"un", "une"} and all(
                t.pos_ == "ADJ" for t in doc[det.i + 1 : tok.i]
            ):  # "Un ancien officier …, se montre sceptique. « … », tranche-t-il": that unnamed officer
                gender, _ = _gender_number([det, tok])
                if gender is not None and gender != want_gender:
                    return None
                toks = chunk_right(doc, det.i, doc[tok.i].sent.end)
                return (tok.idx, self.name(toks)) if toks else None
            det = doc[tok.i - 1] if tok.i > 0 and doc[tok.i - 1].pos_ == "DET" else None
            if det is None or _low(det) not in {"le", "la", "l'"}:
                return None  # "son conseiller": not one the reader can name
            gender, _ = _gender_number([det, tok, *(c for c in tok.children if c.dep_ == "amod" and c.i == tok.i + 1)])
            gender = _role_gender(_low(tok)) or gender  # "l'ambassadrice": the word says it, the tagger guesses
            if gender is not None and gender != want_gender:
                return None
            for child in tok.children:  # "Le porte-parole du Pentagone, le général Pat Ryder, a déclaré"
                person = [t for t in child.subtree if t.ent_type_ == "PER"] if child.dep_ == "appos" else []
                if person and person[-1].i - person[0].i == len(person) - 1:
                    return tok.idx, self.name(person)
            toks = chunk_right(doc, det.i, doc[tok.i].sent.end)
            name = self.name(toks) if toks else None
            if name is None or self.genders.get(name, want_gender) not in (want_gender, None):
                return None  # the person the title names is known to be of the other gender
            return tok.idx, name
        return None

    def reported(self, at: int) -> bool:
        """Whether a position lies in words someone is reported to have said."""
        return any(start <= at < end for start, end in self.contents)

    # -- frames

    def frames(self) -> list[tuple[Unit, list[Frame]]]:
        """Every verb of saying, unit by unit, in text order (pronouns resolve against earlier ones)."""
        out = []
        for unit in self.units:
            lo, hi = self.tokens(unit)
            found: list[Frame] = []
            lead = self.pour(lo, hi, quoted_only=False)
            if lead is not None and (self.pour(lo, hi) is not None or self.person(lead[0])):
                # "Pour X, « … ». Il a ajouté …": X is the one talking; "Mais, pour la ministre X, la réaction
                # reste lente. « … », regrette-t-elle": a person whose view the sentence gives, too
                gender, number = _gender_number(lead[2])  # "le chercheur X": the title says "il", not "elle"
                self.mentions.append(_Mention(lead[0][0].idx, self.name(lead[0]), gender, number, True,
                                              self.body(lead[0], self.name(lead[0]))))
            for i in range(lo, hi):
                if self.in_quote(self.doc[i].idx):
                    continue
                verb = verb_of(self.doc[i], self.lex)
                if verb is None:
                    continue
                frame = self.frame(unit, lo, hi, i, verb, found)
                if frame is not None:
                    found.append(frame)
                    self.contents.append((frame.start, frame.end))
                    if frame.speaker:
                        self.note(frame)
                else:
                    self.note_bare(i, lo, hi)
            out.append((unit, self.bounded(unit, found)))
        return out

    def frame(self, unit: Unit, lo: int, hi: int, i: int, verb: Verb, before: list[Frame]) -> Frame | None:
        """The frame of the verb of saying at token i: its group, speaker, construction and content."""
        doc = self.doc
        form = _verb_form(doc[i], verb)
        # verb group: aux (+ adverbs, negation) + verb + inverted clitics + particle
        start = i
        k = i - 1
        negated = False
        while k >= lo and i - k <= 5 and (
            doc[k].pos_ == "ADV" or _low(doc[k]) in GROUP_FILLERS
        ):
            k -= 1
        k = self.skip_source(k, lo)
        if k >= lo and _low(doc[k]) in AUX_FORMS | PASSIVE_AUX and form != "inf":
            reflexive = k - 1 >= lo and _low(doc[k - 1]) in REFLEXIVES  # "s'est dit « inquiet »"
            if _low(doc[k]) in PASSIVE_AUX and not reflexive:
                return None  # "la Chine est accusée de …": the subject is the accused, not the speaker
            start = k - 1 if reflexive and _low(doc[k]) in PASSIVE_AUX else k
            form = "fin"
            if (
                start == k
                and k - 2 >= lo
                and _low(doc[k - 1]) in DATIVE_CLITICS
                and (doc[k - 2].text == "," or doc[k - 2].text in "»”\"")
            ):
                start = k - 1  # « … », m'a confié un diplomate: the reporter told, the diplomat speaks
        if start == i and i - 1 >= lo and _low(doc[i - 1]) in {"se", "s'", "s’"}:
            start = i - 1  # "« … », se souvient-elle", "s'inquiète X": the reflexive opens the verb group
        if start == i and i - 2 >= lo and _low(doc[i - 1]) == "y" and doc[i - 2].text == ",":
            start = i - 1  # "« … », y affirme-t-elle" (in the statement just named): "y" opens the verb group
        if start == i and form == "fin" and _low(doc[i]).endswith(PARTICIPLE_ENDINGS) and not _low(
            doc[i]
        ).endswith(PRESENT_UE) and not (verb.lemma.endswith("uer") and _low(doc[i]) == verb.lemma[:-1]) and not (
            self.elided_auxiliary(i, lo, before)
        ):
            return None  # a participle used as an adjective: "l'information révélée", "une loi dite …"
        negated = any(_low(t) in NEGATIONS for t in doc[start:i])
        end = i + 1 + len(verb.particle)
        pronoun = None
        m = start
        while m < min(hi, end + 3):
            low = _low(doc[m])
            if low in CLITIC_SUBJECTS:
                pronoun = CLITIC_SUBJECTS[low]
                end = max(end, m + 1)
            elif low == "-t" and m >= end:
                end = m + 1
            elif m >= end:
                break
            m += 1
        for m in range(end, min(hi, end + 2)):  # "« plus de 10 000 »" after the verb is its object, no negation
            negated |= _low(doc[m]) in NEGATIONS and self.in_quote(doc[m].idx) is None
        if start - 1 >= lo and _low(doc[start - 1]) in {"ne", "n'"}:
            negated = True
        prev = doc[start - 1] if start - 1 >= lo else None
        incise_pos = prev is not None and (prev.text == "," or prev.text in "»”\"")
        clause_start = doc[start].idx
        explicit = True

        speaker_toks: list[Token] = []
        anchor: Token | None = None  # the comma before an incise's subject, when the subject comes first
        construction = ""
        c_start = c_end = 0
        if form in ("ppr", "inf"):
            if form == "inf" and not self.controlled(i, lo):
                return None
            if prev is not None and _low(prev) in PURPOSE and form == "ppr":
                return None
            speaker = self.inherited(lo, start, before)
            explicit = False
            if prev is not None and prev.text == ",":
                clause_start = prev.idx
            elif prev is not None and _low(prev) == "en":
                clause_start = prev.idx
                if start - 2 >= lo and _low(doc[start - 2]) == "tout":
                    clause_start = doc[start - 2].idx
        elif pronoun is not None and incise_pos and (self.incise_ok(verb, start, lo) or prev.idx in self.split_commas):
            speaker = self.resolve(pronoun, doc[i].idx)  # "« …, a-t-il ajouté, … »", "« …, poursuit-elle, … »"
            explicit = False
            construction = "incise"
        elif pronoun is not None:
            speaker = self.resolve(pronoun, doc[i].idx)
            explicit = False
        else:
            inverted = []
            split = prev is not None and prev.idx in self.split_commas
            if incise_pos and (self.incise_ok(verb, start, lo) or split) and not self.subject_before(i, lo):
                r = end
                while r < hi and (_low(doc[r]) in SKIP_ADVERBS or _manner_adverb(doc[r])) and not _demonstrative(
                    doc, r, hi
                ) and not (
                    _low(doc[r]) in {"son", "sa"} and r + 1 < hi and _low(doc[r + 1]) not in {"côté", "part"}
                ):  # "de son côté", "pour sa part" are skipped, "son adjoint" is who speaks
                    r += 1
                r = _past_time_phrase(doc, r, hi)  # "a estimé la semaine dernière le renseignement américain"
                if r + 3 < hi and _low(doc[r]) in DE and _low(doc[r + 1]) in {"un", "une"} and _low(
                    doc[r + 2]
                ) in MANNER_NOUNS:  # "a lancé d'un ton las la ministre": how it was said comes first
                    r += 3
                    while r < hi and doc[r].pos_ != "DET" and doc[r].is_alpha and doc[r].is_lower:
                        r += 1  # its adjectives, whatever the tagger calls them ("sec" read as a number)
                inverted = chunk_right(doc, r, hi)
                if not inverted and r + 1 < hi and _low(doc[r]) in A:  # "a indiqué à l'AFP un responsable"
                    after = chunk_right(doc, r + 1 if _low(doc[r]) == "à" else r, hi)
                    inverted = after if after and after[0].i > r + 1 and after[0].pos_ == "DET" else []
                    if not inverted and _low(doc[r]) in {"au", "aux"}:  # "a déclaré aux journalistes le député X"
                        m = r + 1
                        while m < hi and m <= r + 3 and doc[m].pos_ in ("NOUN", "ADJ") and doc[m].is_lower:
                            m += 1  # the ones spoken to: a few lower-case words before the speaker's determiner
                        # from the speaker's determiner on: "le colonel X" (chunk_right keeps the name after a title)
                        inverted = chunk_right(doc, m, hi) if m > r + 1 and m < hi and doc[m].pos_ == "DET" else []
                if not inverted and r + 1 < hi and _low(doc[r]) in INCISE_PLACES:
                    inverted = self.after_place(r, hi)  # "estime dans un entretien au Figaro le général X"
                own_body = (  # "« … », a ajouté son ministère.": the minister's ministry, closing the sentence
                    len(inverted) == 2 and _low(inverted[0]) in {"son", "sa"} and _low(inverted[1]) == "ministère"
                    and all(t.is_punct for t in doc[inverted[-1].i + 1 : hi])
                )
                if inverted and _low(inverted[0]) in NOT_SUBJECT_DETERMINERS and not own_body:
                    # "Kiev a riposté, a poursuivi ses frappes": an object, not a speaker; but "a précisé son
                    # adjoint, Marc Delorme": the name in apposition closing the sentence speaks
                    inverted = self.named_after(inverted[0].i, hi)
                # after a clause, a quotation, or closing a headline ("Des soldats engagés, affirme Kiev")
                closes = bool(inverted) and all(t.is_punct for t in doc[inverted[-1].i + 1 : hi])
                if inverted and inverted[-1].i + 1 < hi and doc[inverted[-1].i + 1].text in OPENERS:
                    inverted = []  # "X, dont …, juge la réforme « mal préparée »": an object and its quoted verdict
                if not (_has_finite_verb(doc, lo, start) or self.after_quote(start, lo) or split or closes):
                    inverted = []
                elif closes and not (_has_finite_verb(doc, lo, start) or self.after_quote(start, lo) or split) and (
                    self.apposed_subject(lo, start)
                ):  # "Le député X, ancien ministre, a dénoncé le texte.": a subject and its apposition, then the
                    inverted = []  # verb's object; a headline's incise is "Des soldats engagés, affirme Kiev"
            ce_que = start - 2 >= lo and _low(doc[start - 1]) in QUE and _low(doc[start - 2]) == "ce"
            if ce_que and "ce_que" in verb.constructions:  # "…, ce que dément Moscou"
                r = end
                while r < hi and (doc[r].pos_ == "ADV" or _low(doc[r]) in SKIP_ADVERBS):
                    r += 1
                inverted = chunk_right(doc, r, hi)
                if inverted:
                    speaker_toks = inverted
                    construction = "ce_que"
                    clause_start = doc[start - 2].idx
            if inverted and construction == "ce_que":
                pass
            elif inverted:
                speaker_toks = inverted
                construction = "incise"
            else:
                speaker_toks = subject_left(doc, start - 1, lo)
                if speaker_toks and all(_low(t) in TIME_PHRASE for t in speaker_toks):
                    speaker_toks = []  # "Un sondage publié la semaine dernière indique": a time is nobody
                if speaker_toks:
                    clause_start = speaker_toks[0].idx
                    first = speaker_toks[0].i
                    if self.incise_ok(verb, first, lo) and self.after_quote(first, lo) and not (
                        _has_finite_verb(doc, end, hi) or any(_low(t) in QUE for t in doc[end:hi])
                    ):  # « … », il a dit. / « … », Kim a dit. (word order of translated copy)
                        construction = "incise"
                        anchor = doc[first - 1]
            speaker = self.speaker_from(speaker_toks, doc[i].idx) if speaker_toks else None
            if speaker_toks and _low(speaker_toks[0]) in SUBJECT_PRONOUNS:
                explicit = False
            if not speaker_toks and prev is not None and _low(prev) in COORDINATORS:
                speaker = self.inherited(lo, start, before)  # "X a exprimé … et a appelé à …"
                explicit = False
                clause_start = prev.idx
            elif construction != "ce_que" and speaker_toks and self.after_ce_que(speaker_toks[0].i, lo, verb):
                construction = "ce_que"  # "…, ce que Moscou dément": the clause before is the content
                clause_start = doc[speaker_toks[0].i - 2].idx
            elif construction != "incise" and speaker_toks and speaker_toks[0].i - 2 >= lo and _low(
                doc[speaker_toks[0].i - 1]
            ) in QUE and _low(doc[speaker_toks[0].i - 2]) == "ce":
                return None  # "ce que l'industrie promettait de livrer": what was said is "ce", nothing after
        if construction == "incise":
            anchor = anchor or prev
            c_start, c_end = unit.start, (anchor.idx if anchor is not None and anchor.text == "," else doc[start].idx)
            dateline = re.match(r"[^«“\"\n]{0,80}?\s[-–—]\s*(?=[«“\"])", self.text[c_start:c_end])
            if dateline:  # "MOSCOU, 5 novembre (AFP) - « … », a déclaré X": the dateline is nobody's words
                c_start += dateline.end()
            intro = re.search(r"[ \u00a0\u202f]:[ \u00a0\u202f]", self.text[c_start:c_end])
            if intro and speaker and speaker.split()[-1] in self.text[c_start : c_start + intro.start()]:
                c_start += intro.end()  # "X a avancé un chiffre : 11 000 soldats …, a-t-il dit"
            clause_start = anchor.idx if anchor is not None else doc[start].idx
        elif construction == "ce_que":
            c_start, c_end = self.lead_in(unit, lo), clause_start
        else:
            construction, c_start, c_end = self.content(verb, end, hi, unit)
            if not construction:
                return None
        if negated:
            speaker = None
        return Frame(verb=verb, verb_i=i, group_start=start, group_end=end, clause_start=clause_start,
                     speaker=speaker, construction=construction, start=c_start, end=c_end, explicit=explicit,
                     form=form, relative=self.after_qui(lo, start),
                     hedged=any(_low(t).endswith(("rait", "raient")) for t in doc[start : i + 1]))

    def elided_auxiliary(self, i: int, lo: int, before: list[Frame]) -> bool:
        """ "X a estimé que … et rappelé que …": a bare past participle after "et" shares the auxiliary, and the
        speaker, of the verb of saying before it; with "avoir" it stays masculine singular ("rappelé", "dit")."""
        doc = self.doc
        if i - 1 < lo or _low(doc[i - 1]) not in {"et", "puis"} or not before or self.in_quote(doc[i - 1].idx):
            return False
        last = before[-1]
        low = _low(doc[i])
        return (
            last.construction not in ("incise", "ce_que")
            and last.group_start < last.verb_i
            and _low(doc[last.group_start]) in AUX_FORMS
            and not low.endswith(("ée", "ées", "és", "ue", "ues", "us", "ite", "ites"))
            # "X a affirmé que Moscou avait nié et démenti …": the nearer auxiliary is the one shared
            and not any(_low(t) in AUX_FORMS for t in doc[last.verb_i + 1 : i - 1])
        )

    def named_after(self, k: int, hi: int) -> list[Token]:
        """ "son adjoint, Marc Delorme." from token k to the end of the sentence: the person's name after the comma,
        else nothing."""
        doc = self.doc
        comma = next((m for m in range(k, min(hi, k + 6)) if doc[m].text == ","), None)
        if comma is None:
            return []
        m = comma + 1
        while m < hi and doc[m].text[:1].isupper() and doc[m].is_alpha:
            m += 1
        name = list(doc[comma + 1 : m])
        if len(name) < 2 or not all(t.is_punct for t in doc[m:hi]) or not self.person(name):
            return []
        return name

    def after_place(self, r: int, hi: int) -> list[Token]:
        """The subject after a place or an outlet the incise names first ("a réagi sur X le ministre", "a indiqué à
        l'AFP une source diplomatique", "estime dans un entretien au Figaro le général X"): a new determiner after a
        noun starts it, and it must close the sentence."""
        doc = self.doc
        for k in range(r + 2, min(hi, r + 9)):
            tok, prev = doc[k], doc[k - 1]
            if tok.is_punct or _low(tok) in QUE or (tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get(
                "VerbForm"
            )):
                return []
            starts, _ = self.people_at
            if tok.idx in starts and prev.pos_ in ("NOUN", "PROPN"):  # "résume auprès de l'AFP Jean Martin"
                name = [t for t in doc[k:hi] if t.idx < tok.idx + len(starts[tok.idx])]
                return name if all(t.is_punct or t.text == "," for t in doc[name[-1].i + 1 : hi][:1]) else []
            if tok.pos_ == "DET" and _low(tok) not in INCISE_PLACES and (
                prev.pos_ in ("NOUN", "PROPN") or prev.is_upper
            ):
                subject = chunk_right(doc, k, hi)
                return subject if subject and self.closes(subject[-1].i + 1, hi) else []
        return []

    def closes(self, k: int, hi: int) -> bool:
        """Nothing but punctuation, or a comma and a circumstance without a verb (", lors d'un point de presse."),
        from token k to the end of the sentence: a subject found there ends the incise."""
        doc = self.doc
        if all(t.is_punct for t in doc[k:hi]):
            return True
        return k + 1 < hi and doc[k].text == "," and _low(doc[k + 1]) in CIRCUMSTANCES and not _has_finite_verb(
            doc, k + 1, hi
        )

    def skip_source(self, k: int, lo: int) -> int:
        """Step back over ", selon KCNA," between an auxiliary and its participle ("Kim a, selon KCNA, affirmé")."""
        doc = self.doc
        if k < lo or doc[k].text != ",":
            return k
        for m in range(k - 1, max(lo, k - 10) - 1, -1):
            if doc[m].text == ",":
                opens = _low(doc[m + 1]) in ("selon", "d'après") or (
                    _low(doc[m + 1]) in DE and m + 2 < k and _low(doc[m + 2]) == "après"
                )
                return m - 1 if opens and m - 1 >= lo and _low(doc[m - 1]) in AUX_FORMS else k
        return k

    def subject_before(self, i: int, lo: int) -> bool:
        """ "Le maire, qui a reçu …, a promis une subvention": the verb's noun subject precedes the comma."""
        doc = self.doc
        if any(
            c.dep_ in ("nsubj", "nsubj:pass") and lo <= c.i < i and c.pos_ in ("NOUN", "PROPN")
            and not self.in_quote(c.idx) and _low(doc[c.i + 1]) in {",", "qui"} | RELATIVES
            for c in doc[i].children
        ):
            return True
        k = i - 1  # by word order: "NP, qui …, a promis" with the comma right before the verb group
        while k >= lo and (_low(doc[k]) in AUX_FORMS or doc[k].pos_ == "ADV"):
            k -= 1
        if k - 1 < lo or doc[k].text != ",":
            return False
        seg_lo = _segment_start(doc, k - 1, lo)
        named = all((t.text[:1].isupper() and t.is_alpha) or t.text == "-" for t in doc[seg_lo:k])
        if named and seg_lo < k and seg_lo - 2 >= lo and doc[seg_lo - 1].text == ",":
            title = chunk_left(doc, seg_lo - 2, lo)  # "la porte-parole de la préfecture, Mélanie Roche, a confirmé"
            return bool(title) and title[0].pos_ == "DET" and any(_low(t) in entities.names().roles for t in title)
        if _low(doc[seg_lo]) not in RELATIVES or seg_lo - 2 < lo or doc[seg_lo - 1].text != ",":
            return False
        subject = chunk_left(doc, seg_lo - 2, lo)
        return bool(subject) and subject[0].i == lo and any(t.pos_ in ("NOUN", "PROPN") for t in subject)

    def apposed_subject(self, lo: int, start: int) -> bool:
        """ "Le député Paul Roy, ancien ministre, | a dénoncé", "En fin de journée, le ministère, par la voix de …, |
        a démenti": verbless comma-set pieces before the verb group, one a noun phrase: they hold its subject."""
        doc = self.doc
        commas = [t.i for t in doc[lo:start] if t.text == ","]
        if len(commas) < 2 or commas[-1] != start - 1:
            return False
        bounds = [lo - 1, *commas]
        pieces = [doc[a + 1 : b] for a, b in itertools.pairwise(bounds)]
        return any(len(p) and p[0].pos_ in ("DET", "PROPN") and any(t.pos_ in ("NOUN", "PROPN") for t in p)
                   for p in pieces)

    def after_quote(self, start: int, lo: int) -> bool:
        """The verb group follows a closing quotation mark (maybe then a comma)."""
        k = start - 1
        if k >= lo and self.doc[k].text == ",":
            k -= 1
        return k >= lo and self.doc[k].text in "»”\""

    def incise_ok(self, verb: Verb, start: int, lo: int) -> bool:
        """Whether this verb may close a sentence as "…, a ajouté X" here."""
        if "incise" in verb.constructions:
            return True
        return "incise_quote" in verb.constructions and self.after_quote(start, lo)

    def after_ce_que(self, k: int, lo: int, verb: Verb) -> bool:
        """Whether the subject at token k follows "ce que" ("…, ce que Moscou dément")."""
        doc = self.doc
        return k - 2 >= lo and _low(doc[k - 1]) in QUE and _low(doc[k - 2]) == "ce" and "ce_que" in verb.constructions

    def after_qui(self, lo: int, start: int) -> bool:
        """Whether the verb group's subject is the relative "qui" ("X, qui a affirmé que …")."""
        k = start - 1
        while k >= lo and (self.doc[k].pos_ == "ADV" or _low(self.doc[k]) in OBJECT_CLITICS):
            k -= 1
        return k >= lo and _low(self.doc[k]) == "qui"

    def relative_end(self, start: int, end: int) -> int:
        """End of a content inside a relative clause: the comma after which the main verb comes."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in span if span is not None else []:
            if tok.text == "," and not self.in_quote(tok.idx) and _has_finite_verb(
                self.doc, tok.i + 1, min(tok.i + 4, span.end)
            ):
                return tok.idx
        return end

    def inherited(self, lo: int, start: int, before: list[Frame]) -> str | None:
        """The speaker of a participle or coordinated verb: that of the verb of saying before it."""
        if before:
            return before[-1].speaker
        fin = self.finite_before(lo, start)
        if fin is None:
            return None
        return self.speaker_from(subject_left(self.doc, fin - 1, lo), self.doc[fin].idx)

    def lead_in(self, unit: Unit, lo: int) -> int:
        """Where a sentence's own words begin, after a leading "Selon X," attribution."""
        match = re.match(r"(?:selon|d['’]après)\s[^,]{1,80},\s*", self.text[unit.start : unit.end], re.IGNORECASE)
        return unit.start + match.end() if match else unit.start

    def controlled(self, i: int, lo: int) -> bool:
        """An infinitive of saying counts only after a verb that passes on its subject ("a tenu à dire")."""
        doc = self.doc
        k = i - 1
        before = k - 1 >= lo and _low(doc[k]) in DE and _low(doc[k - 1]) == "avant"
        if before and self.finite_before(lo, k - 1) is not None:
            return True  # "X a repris le slogan, « … », avant de nuancer : « … »": X goes on to say it
        if k >= lo and _low(doc[k]) == "à":
            k -= 1
        return k >= lo and doc[k].lemma_.lower() in self.lex.control and doc[k].pos_ in ("VERB", "AUX")

    def finite_before(self, lo: int, hi: int) -> int | None:
        """Token index of the nearest finite verb (or its auxiliary) before hi, in the same unit."""
        for k in range(hi - 1, lo - 1, -1):
            tok = self.doc[k]
            after_det = k > lo and self.doc[k - 1].pos_ == "DET"  # "la demande" is not a verb
            if tok.is_alpha and tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm") and not after_det:
                while k - 1 >= lo and self.doc[k - 1].pos_ == "AUX":
                    k -= 1
                return k
        return None

    def speaker_from(self, toks: list[Token], pos: int) -> str | None:
        """Name a subject phrase, resolving pronouns; None for generic or unusable subjects."""
        if not toks:
            return None
        low = _low(toks[0])
        if len(toks) == 1 and low in SUBJECT_PRONOUNS:
            if low in ("il", "elle", "ils", "elles"):
                return self.resolve(low, pos)
            return None
        if low in {"ce", "cet", "cette"} and len(toks) >= 2:
            return self.demonstrated(toks, pos)
        if self.generic(toks) or all(t.like_num or _low(t) in COUNT_WORDS for t in toks) or attribution.SHARE_RE.search(
            attribution.norm(self.text[toks[0].idx : toks[-1].idx + len(toks[-1])])
        ):
            return None  # "une vidéo vue 2 millions de fois affirme", "une sur trois déclare": a count, nobody
        return self.name(toks)

    def demonstrated(self, toks: list[Token], pos: int) -> str | None:
        """"ce responsable": the latest speaker named shortly before whose words hold the same noun ("un responsable
        du renseignement sud-coréen"); None when none does."""
        head = _low(toks[1])
        floor = max(0, pos - PRONOUN_WINDOW)
        for mention in reversed(self.mentions):
            if floor <= mention.pos < pos and head in mention.name.lower().split():
                return mention.name
        return None if self.generic(toks) else self.name(toks)

    def content(self, verb: Verb, g: int, hi: int, unit: Unit) -> tuple[str, int, int]:
        """The construction used after the verb group and the char span it reports (end fixed later)."""
        doc = self.doc
        kinds = verb.constructions
        r = g
        for k in range(g, min(hi - 1, g + 10)):  # "a déclaré dans son allocution du soir : « … »"
            if doc[k].text == ":" and doc[k + 1].text in OPENERS:
                r = k
                break
            if doc[k].is_punct or doc[k].text in OPENERS or _low(doc[k]) in QUE or _has_finite_verb(doc, k, k + 1):
                break
        while r < hi and doc[r].text in ": \u00a0":
            r += 1
        if r < hi and doc[r].text in OPENERS:
            span = self.in_quote(doc[r].idx + 1)
            if span:
                after = doc.char_span(span[1], span[1] + 1, alignment_mode="expand")
                nxt = doc[after.end] if after is not None and after.end < hi else None
                low = _low(nxt) if nxt is not None else ""
                if nxt is not None and "obj_a" in kinds and low in A:  # appelé "toutes les parties" à …
                    if not self.called_to_say(nxt.i, hi):  # « toutes les parties » à la retenue: the quoted
                        return "quote", span[0] - 1, span[1] + 1  # words stay, the call is no statement
                    return "obj_a", span[0] - 1, unit.end
                if nxt is not None and "obj_contre" in kinds and low == "contre":
                    return "obj_contre", span[0] - 1, unit.end
                if nxt is not None and "obj_de" in kinds and low in DE and nxt.i + 1 < hi and self.infinitive(
                    doc[nxt.i + 1]
                ):
                    return "obj_de", span[0] - 1, unit.end
                return "quote", span[0] - 1, span[1] + 1
        if "que" in kinds:
            for k in range(g, min(hi, g + 14)):
                tok = doc[k]
                low = _low(tok)
                if low in QUE:
                    if k > g and _low(doc[k - 1]) in QUE_BLOCKERS:
                        break
                    if k + 1 < hi:
                        return "que", doc[k + 1].idx, unit.end
                    break
                if tok.text in ".;!?" or tok.text in OPENERS or (
                    tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm") and tok.is_alpha
                ) or (k > g and tok.pos_ == "VERB" and verb_of(tok, self.lex) is not None):
                    break  # "a reconnu …, tout en rappelant que": the "que" is the other verb's
        r = g
        while r < hi and doc[r].pos_ == "ADV" and _low(doc[r]) not in NEGATIONS:
            r += 1
        if r >= hi:
            return "", 0, 0
        low = _low(doc[r])
        if "de" in kinds:  # "a promis pendant sa campagne de mettre fin …"
            for k in range(r, min(hi - 1, r + 10)):
                tok = doc[k]
                if _low(tok) in DE and self.infinitive(doc[k + 1]) and doc[k + 1].pos_ != "NOUN":
                    return "de", doc[k + 1].idx, unit.end
                if tok.text in ".;:!?" or tok.text in OPENERS or _low(tok) in QUE or (
                    tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm") and tok.is_alpha
                ):
                    break
        if "inf" in kinds:  # "affirme de son côté avoir repéré …", "dément avoir envoyé …"
            k = r
            while k < hi and (_low(doc[k]) in SKIP_ADVERBS or doc[k].pos_ == "ADV") and _low(doc[k]) not in NEGATIONS:
                k += 1
            if k < hi and _low(doc[k]) not in DE | A and self.infinitive(doc[k]) and doc[k].pos_ in ("VERB", "AUX"):
                return "inf", doc[k].idx, unit.end
        if "a" in kinds and low in A and r + 1 < hi:
            if not self.called_to_say(r, hi):
                return "", 0, 0  # "ont appelé à une journée de grève": a call to act, no statement
            return "a", (doc[r + 1].idx if low == "à" else doc[r].idx), unit.end
        if "contre" in kinds and low == "contre" and r + 1 < hi:
            return "contre", doc[r + 1].idx, unit.end
        obj = chunk_right(doc, r, hi) if doc[r].pos_ in ("DET", "PROPN") or low in {"l'"} else []
        if obj:
            after = obj[-1].i + 1
            nxt = _low(doc[after]) if after < hi else ""
            if "obj_de" in kinds and nxt in DE and after + 1 < hi and self.infinitive(doc[after + 1]):
                return "obj_de", doc[r].idx, unit.end
            if "obj_contre" in kinds and nxt == "contre":
                return "obj_contre", doc[r].idx, unit.end
            if "obj_a" in kinds and nxt in A:
                if not self.called_to_say(after, hi):
                    return "", 0, 0  # "invite les habitants à la prudence"
                return "obj_a", doc[r].idx, unit.end
            if "obj" in kinds:
                return "obj", doc[r].idx, unit.end
        if "obj_de" in kinds and low in DE and r + 1 < hi and self.infinitive(doc[r + 1]):
            return "obj_de", doc[r].idx, unit.end  # "l'accuse de …": the accused is a clitic
        medium = MEDIUM.match(self.text, doc[r].idx)  # "a dénoncé sur X « une réforme écrite ailleurs »"
        if medium and (span := self.in_quote(medium.end() + 1)) and self.text[medium.end()] in OPENERS:
            return "quote", medium.end(), span[1] + 1
        governed = low in DE | {"du"} and verb.lemma in OTHER_SENSE_WITH_DE
        for k in range(r, min(hi, r + 5) if not governed else r):  # "a dénoncé une « campagne de désinformation »",
            # but "relevait d'un « accord souverain »": a verb's other sense, the words are no one's here
            if doc[k].text in OPENERS and (span := self.in_quote(doc[k].idx + 1)):
                return "quote", doc[r].idx, span[1] + 1
            if not _np_token(doc[k]):
                break
        return "", 0, 0

    def called_to_say(self, k: int, hi: int) -> bool:
        """Whether "à" at k opens what was asked in words: an infinitive, "ce que", or quoted words.

        "appeler à une journée de grève", "inviter Y à la prudence" name an action or a thing, not a
        statement; "appeler à cesser …", "à ce que …" and "à leur « retrait immédiat »" report one.
        """
        doc = self.doc
        if k + 1 >= hi:
            return False
        nxt = doc[k + 1]
        if _low(doc[k]) == "à" and (self.infinitive(nxt) or (
            _low(nxt) == "ce" and k + 2 < hi and _low(doc[k + 2]) in QUE
        )):
            return True
        for j in range(k + 1, min(hi, k + 7)):  # "à leur « retrait immédiat »"
            if doc[j].text in OPENERS and self.in_quote(doc[j].idx + 1):
                return True
            if not _np_token(doc[j]):
                break
        return False

    @staticmethod
    def infinitive(tok: Token) -> bool:
        """An infinitive starts here, possibly after clitics ("de lui envoyer", "de ne pas céder")."""
        doc = tok.doc
        k = tok.i
        while k < len(doc) - 1 and _low(doc[k]) in OBJECT_CLITICS | NEGATIONS:
            k += 1
        tok = doc[k]
        low = tok.text.lower()
        return "Inf" in tok.morph.get("VerbForm") or (
            tok.pos_ in ("VERB", "AUX") and low.endswith(("er", "ir", "re", "oir"))
        )

    def bounded(self, unit: Unit, frames: list[Frame]) -> list[Frame]:
        """End each content where the next verb of saying's own clause begins, then tidy its edges."""
        out = []
        for frame in frames:
            if frame.construction in ("incise", "quote", "ce_que"):
                start, end = frame.start, frame.end
                if frame.construction == "incise":
                    start = self.after_colon(start, end)
            else:
                start, end = frame.start, unit.end
                for other in frames:
                    if other is frame or other.verb_i <= frame.verb_i or other.form == "inf":
                        continue
                    verb_at = self.doc[other.group_start].idx
                    if start < other.clause_start < end or (other.construction == "incise" and start < verb_at < end):
                        end = other.clause_start
                if frame.relative:
                    end = self.relative_end(start, end)
                inside = self.doc.char_span(start, end, alignment_mode="expand")
                turn = attribution.other_speaker_turn(self.doc, inside.start, inside.end) if inside else None
                if turn is not None:  # "que …, et le Pentagone parle de …": the other speaker's words are theirs
                    end = self.doc[turn[0]].idx
            start, end = self.tidy(start, end, frame.construction)
            if start >= end:
                continue
            out.append(Frame(**{**frame.__dict__, "start": start, "end": end}))
        # an infinitive inside someone's reported words is part of them ("ne pouvait confirmer …")
        return [f for f in out if f.form != "inf" or not any(
            o is not f and o.start <= self.doc[f.verb_i].idx < o.end for o in out)]

    def after_colon(self, start: int, end: int) -> int:
        """ "Pour X, l'aide coûte trop cher : « … », a affirmé Y": Y's words are the quotation after the colon, the
        lead-in before it is the writer's."""
        colon = self.text.rfind(":", start, end)
        if colon < 0 or self.in_quote(colon):
            return start
        p = colon + 1
        while p < end and self.text[p] in SPACES:
            p += 1
        span = self.in_quote(p + 1) if p < end and self.text[p] in OPENERS else None
        if span is None or self.text[span[1] + 1 : end].strip(SPACES + ","):
            return start
        return colon + 1

    def next_clause(self, start: int, end: int) -> int:
        """Where another subject's clause begins after a comma ("avoir frappé une unité, Séoul reste prudent"): a
        name and a finite verb of its own, outside quotation marks; the reported words end before it."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return end
        doc = self.doc
        for token in span:
            if token.text != "," or token.i + 2 >= span.end or self.in_quote(token.idx):
                continue
            k = token.i + 1
            while k < span.end and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
                k += 1
            if k > token.i + 1 and k < span.end and doc[k].pos_ in ("VERB", "AUX") and "Fin" in doc[k].morph.get(
                "VerbForm"
            ) and not any(_low(t) in SUBORDINATORS for t in doc[span.start : token.i]):
                return token.idx  # but "que si Moscou attaque, Washington répondra" is one reported sentence
        return end

    def tidy(self, start: int, end: int, construction: str) -> tuple[int, int]:
        """Trim spaces, punctuation and dangling conjunctions; never cut a quotation in half."""
        text = self.text
        if construction not in ("quote", "incise", "ce_que"):  # "que X avance, mais Kiev dément"
            for turn in CLAUSE_TURN.finditer(text, start, end):
                if not self.in_quote(turn.start()):
                    end = turn.start()
                    break
        if construction not in ("quote", "incise", "ce_que"):
            end = self.next_clause(start, end)
            for without in WITHOUT.finditer(text, start, end):  # ", sans condamner …", ", sans plus de précisions"
                verb = self.doc.char_span(without.start(1), without.end(1)) if without.group(1) else None
                if not self.in_quote(without.start()) and (verb is None or (
                    len(verb) == 1 and "Inf" in verb[0].morph.get("VerbForm")
                )):
                    end = without.start()
                    break
        if construction != "quote":
            tail = re.search(r",\s*(selon|d['’]après)\s[^,«»“”\"]*$", text[start:end])
            if tail:
                end = start + tail.start()
        for _ in range(4):
            while end > start and text[end - 1] in TRAIL:
                end -= 1
            words = re.search(r"(?:^|[\s,\-–—])(et|mais|ou|car|que|qu['’]|donc|puis|ainsi)$", text[start:end])
            if words and construction != "quote":
                end = start + words.start()
            else:
                break
        masked = self.masked  # page furniture (a wire dateline) is blanked here: nobody's words
        while start < end and (text[start] in SPACES + "\n" or masked[start].isspace()):
            start += 1
        for q_start, q_end in self.quotes:
            if q_start <= end < q_end and q_start - 1 >= start:
                end = q_end + 1
        return start, end

    # -- claims

    def claims(self) -> list[Claim]:
        """Indirect quotes from frames, then direct quotes with the speaker of the words around them."""
        units_frames = self.frames()
        out: list[Claim] = []
        attributed: dict[str, tuple[str, str | None]] = {}
        by_span: dict[tuple[int, int], tuple[str, str | None]] = {}
        pending: list[tuple[Unit, tuple[int, int]]] = []
        run_on: list[tuple[Unit, tuple[int, int], int]] = []
        last_direct: tuple[int, str, str | None] | None = None  # unit index, speaker, verb
        for u_index, (unit, frames) in enumerate(units_frames):
            for frame in frames:
                claim = self.indirect(unit, frame, frames)
                if claim is not None:
                    out.append(claim)
            for q_start, q_end in self.quotes:
                if not (unit.start <= q_start < unit.end):
                    continue
                start, end = self.quote_text(q_start, q_end)
                owner = self.owner(frames, q_start, q_end)
                verb_tok = self.doc[owner.verb_i] if owner is not None else None
                verb_before = verb_tok is not None and verb_tok.idx + len(verb_tok) + 2 >= q_start
                verb_before |= (q_start, q_end) in self.continued  # "« …, a-t-il dit. Nous … »": said, not "dit"
                if start >= end or not self.speechlike(q_start, start, end, verb_before) or self.held_at_distance(
                    q_start, q_end
                ):
                    continue
                speaker, verb = (owner.speaker, owner.verb.lemma) if owner else (None, None)
                if owner is not None and speaker is None:  # "X est revenu sur le sujet : « … ? » Y n'a pas répondu."
                    speaker = self.lead_speaker(unit, q_start, q_end)
                    verb = None  # the verb found belongs to the next sentence's subject
                if owner is None and (q_start, q_end) in self.continued:
                    speaker, verb = by_span.get(self.continued[(q_start, q_end)], (None, None))
                if owner is None and speaker is None:
                    speaker = (self.selon(unit, q_start) or self.colon_speaker(unit, q_start, q_end)
                               or self.relative_speaker(unit, q_start) or self.lead_speaker(unit, q_start, q_end)
                               or self.signed(unit, q_start, q_end))
                    follows = (  # the next sentence of the same paragraph: « … », a dit X. « … »
                        last_direct is not None
                        and last_direct[0] == u_index - 1
                        and "\n" not in self.text[units_frames[u_index - 1][0].end : unit.start]
                    )
                    if speaker is None and last_direct and follows and self.alone(unit, q_start, q_end):
                        speaker, verb = last_direct[1], last_direct[2]
                if speaker is None:
                    if owner is None and self.text[q_end : q_end + 2] == "\n\n":
                        run_on.append((unit, (start, end), q_end))  # « … (paragraph) « … », a dit X
                    elif owner is None:
                        pending.append((unit, (start, end)))
                    continue
                out.append(self.claim(unit, start, end, speaker, True, verb, bool(owner and owner.hedged)))
                attributed.setdefault(_key(self.text[start:end]), (speaker, verb))
                by_span[(q_start, q_end)] = (speaker, verb)
                last_direct = (u_index, speaker, verb)
        for unit, (start, end), q_end in run_on:  # the speaker of the quotation that carries it on
            after = next(((span, said) for span, said in sorted(by_span.items()) if span[0] > q_end), None)
            if after is not None and not self.text[q_end : after[0][0] - 1].strip():
                out.append(self.claim(unit, start, end, after[1][0], True, after[1][1]))
        for unit, (start, end) in pending:  # a quoted headline repeating a quote attributed elsewhere
            found = attributed.get(_key(self.text[start:end]))
            if found:
                out.append(self.claim(unit, start, end, found[0], True, found[1]))
        return out + self.transcript() + self.dialogue(out) + self.named_lines()

    def transcript(self) -> list[Claim]:
        """ "— Invité : …" lines of an interview's transcript: the guest's own words, when the label names a person
        of the article ("— Hugues Marchetti :") or the one person the article calls its guest; the interviewer's
        lines ask, they claim nothing."""
        out: list[Claim] = []
        guest: str | bool | None = False  # not looked for yet
        lines = list(TRANSCRIPT_LINE.finditer(self.text))
        if not any(norm_label(line.group(1)) in INTERVIEWER_LABELS for line in lines):
            return out  # "— Kiev : …", "— X : a annoncé …": a list the writer wrote, not a transcript with questions
        for line in lines:
            label = line.group(1).strip()
            start, end = line.start(2), line.end(2)
            if norm_label(label) in INTERVIEWER_LABELS or len(self.text[start:end].split()) < 5:
                continue
            if norm_label(label) in GUEST_LABELS:
                if guest is False:
                    guest = self.guest()
                speaker = guest
            else:
                named = entities.expand_surname(label, self.people, line.start())
                speaker = named if any(full == named for _, full in self.people) else None
            unit = next((u for u in self.units if u.start <= start < u.end), None)
            if isinstance(speaker, str) and unit is not None:
                out.append(self.claim(unit, start, end, speaker, True, None))
        return out

    def named_lines(self) -> list[Claim]:
        """ "MARC DELLAC. — … ?" then "HÉLÈNE GARRIGUE. — …": a transcript whose lines open on who speaks. The first
        line's name asks (a question opens the exchange) and claims nothing; every other line is the words of the
        person of the article its name spells, whatever its case; a name nobody in the article bears gives nothing."""
        lines = list(NAMED_LINE.finditer(self.text))
        if len(lines) < 2 or not lines[0].group(2).rstrip(" .…").endswith("?"):
            return []
        by_key = {entities.key(full): full for _, full in self.people}
        asker = entities.key(lines[0].group(1))
        people = {line.group(1): by_key.get(entities.key(line.group(1))) for line in lines}
        if asker not in by_key or len({name for name in people.values() if name}) < 2:
            return []  # "PARIS — …": a dateline, not two people talking
        out: list[Claim] = []
        for line in lines:
            speaker = people[line.group(1)]
            start, end = line.start(2), line.end(2)
            while end > start and self.text[end - 1] in ".… \u00a0":
                end -= 1
            unit = next((u for u in self.units if u.start <= start < u.end), None)
            if speaker is None or entities.key(line.group(1)) == asker or unit is None:
                continue
            if len(self.text[start:end].split()) >= 3:
                out.append(self.claim(unit, start, end, speaker, True, None))
        return out

    def dialogue(self, found: list[Claim]) -> list[Claim]:
        """An interview written as "— Question ?" then "— Answer." with no labels: each answer is the words of the one
        person the article opens on, when the answers speak in the first person (an explainer's dashes answer
        nobody's questions); an answer quoting someone else ends before that quotation."""
        if any(norm_label(line.group(1)) in INTERVIEWER_LABELS for line in TRANSCRIPT_LINE.finditer(self.text)):
            return []  # a labelled transcript: transcript() reads it
        lines = list(DASH_LINE.finditer(self.text))
        answers = [
            a for q, a in itertools.pairwise(lines)
            if q.group(1).endswith("?") and not a.group(1).endswith("?") and not self.text[q.end() : a.start()].strip()
        ]
        if not answers or not any(FIRST_PERSON.search(a.group(1)) for a in answers):
            return []
        guest = self.interviewee(lines[0].start())
        out: list[Claim] = []
        for answer in answers if guest else []:
            start, end = answer.start(1), answer.end(1)
            others = [c.start for c in found if c.direct and start <= c.start < end and c.speaker != guest]
            if others:  # "…, ce qui serait une rupture. « … », m'a confié un diplomate": his words, not the guest's
                end = self.text.rfind("«", start, min(others) + 1)
                end = end if end > start else min(others)
            while end > start and self.text[end - 1] in ".… \u00a0":
                end -= 1
            unit = next((u for u in self.units if u.start <= start < u.end), None)
            if unit is not None and len(self.text[start:end].split()) >= 3:
                out.append(self.claim(unit, start, end, guest, True, None))
        return out

    def interviewee(self, before: int) -> str | None:
        """The one person named in the first paragraph that names anyone before the interview's first question (not
        the "Propos recueillis par …" line, which names the interviewer)."""
        at = 0
        while at < before:
            end = self.text.find("\n", at)
            end = before if end < 0 or end > before else end
            paragraph = self.text[at:end]
            named = {full for pos, full in self.people if at <= pos < end}
            tagged = {ent.text for ent in self.person_spans if at <= ent.start_char < end}
            if named and not re.search(r"(?i)\brecueilli|^\s*par\s", paragraph):
                one = named.pop() if len(named) == 1 else None  # and no one else the tagger saw ("X et Y ont …")
                return one if one and all(one in text or text in one for text in tagged) else None
            at = end + 1
        return None

    def guest(self) -> str | None:
        """The one person named in the sentences that call someone the guest ("l'invité de notre matinale, X")."""
        found = set()
        for match in GUEST_WORD.finditer(self.text):
            line_start = self.text.rfind("\n", 0, match.start()) + 1
            if not self.text[line_start : match.start()].strip(" \u00a0\t—–-"):
                continue  # the label of a line ("— Invité : …"), which names nobody
            span = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            found |= {full for pos, full in self.people if sent.start_char <= pos < sent.end_char}
        return found.pop() if len(found) == 1 else None

    def note(self, frame: Frame) -> None:
        """Remember a speaker for the pronouns that follow (a pronoun's speaker keeps its first traits)."""
        gender, number, body = None, "s", False
        if frame.explicit:
            subject = self.subject_tokens(frame)
            if subject:
                gender, number = _gender_number(subject)
                body = self.body(subject, frame.speaker)
        else:
            earlier = [m for m in self.mentions if m.name == frame.speaker]
            if earlier:
                gender, number, body = earlier[-1].gender, earlier[-1].number, earlier[-1].body
        self.mentions.append(_Mention(self.doc[frame.verb_i].idx, frame.speaker or "", gender, number,
                                      frame.explicit, body))

    def note_bare(self, i: int, lo: int, hi: int) -> None:
        """ "Le Kremlin a démenti. « … », a-t-il ajouté": an organisation that spoke with no words reported yet is
        still the one a pronoun right after may go on with (see body_just_spoken)."""
        doc = self.doc
        if not all(t.is_punct and t.text in ".!" for t in doc[i + 1 : hi]) or i + 1 >= hi:
            return
        k = i - 1
        while k >= lo and doc[k].pos_ == "ADV" and _low(doc[k]) not in NEGATIONS | {"ne", "n'"}:
            k -= 1
        if k < lo or _low(doc[k]) not in AUX_FORMS:
            return
        subject = subject_left(doc, k - 1, lo)
        if not subject or subject[0].i != lo or not self.body(subject):
            return  # the whole sentence is "<organisation> a <verb>."
        gender, number = _gender_number(subject)
        self.mentions.append(_Mention(doc[i].idx, self.speaker_from(subject, doc[i].idx) or "", gender, number,
                                      True, True))

    def body(self, toks: list[Token], name: str | None = None) -> bool:
        """An organisation or a place speaking ("L'Alliance", "le Kremlin", "Moscou", "le ministère"), not a person."""
        if self.person(toks) or (name and any(name == full for _, full in self.people)):
            return False  # "Kim a déclaré": a surname alone, the person named in full before
        words = [t for t in toks if t.pos_ != "DET" and _low(t) not in {"l'", "l’"}]
        if not words:
            return False
        head = words[0]
        if _low(head) in BODIES | INSTITUTIONS:
            return True
        return head.text[:1].isupper() and head.ent_type_ in {"ORG", "LOC"}

    def subject_tokens(self, frame: Frame) -> list[Token]:
        """The subject phrase with its determiner and title ("La ministre Sofia Lindqvist")."""
        doc = self.doc
        span = doc.char_span(frame.clause_start, doc[frame.group_start].idx, alignment_mode="expand")
        if span is not None and len(span) and frame.construction != "incise":
            k = span.start
            while k > 0 and span.start - k < 4 and _np_token(doc[k - 1]) and doc[k - 1].pos_ != "PROPN":
                k -= 1
            return list(doc[k : span.end])
        return chunk_right(doc, frame.group_end, min(len(doc), frame.group_end + MAX_SUBJECT_TOKENS))

    def indirect(self, unit: Unit, frame: Frame, frames: list[Frame]) -> Claim | None:
        """The indirect quote of a frame, unless it only relays someone else's words or is all quotation."""
        if not frame.speaker or frame.construction == "quote" or "label" in frame.verb.constructions:
            return None  # "a qualifié la situation d'« escalade »": a name given, only its quoted words are said
        for other in frames:  # "X a déclaré que Y avait assuré que …": Y's words, not X's
            if other is not frame and other.explicit and other.speaker and frame.start <= self.doc[
                other.verb_i
            ].idx < frame.end:
                return None
        unquoted = self.unquoted_words(frame.start, frame.end)
        if unquoted == 0 or (frame.construction == "incise" and unquoted <= 2):
            return None
        if len(self.text[frame.start : frame.end].split()) < 3 and frame.construction not in ("a", "obj_a"):
            return None
        return self.claim(unit, frame.start, frame.end, frame.speaker, False, frame.verb.lemma, frame.hedged)

    def unquoted_words(self, start: int, end: int) -> int:
        """Words of a span outside quotation marks: tells a paraphrase from a bare quotation."""
        chars = list(self.text[start:end])
        for q_start, q_end in self.quotes:
            for k in range(max(q_start - 1, start), min(q_end + 1, end)):
                chars[k - start] = " "
        return len(re.findall(r"\w+", "".join(chars)))

    def quote_text(self, q_start: int, q_end: int) -> tuple[int, int]:
        """A quotation's words without edge spaces and closing punctuation."""
        text = self.text
        start, end = q_start, q_end
        while start < end and text[start] in SPACES + "\n":
            start += 1
        while end > start and text[end - 1] in SPACES + "\n,.;:":
            end -= 1
        return start, end

    def speechlike(self, q_start: int, start: int, end: int, verb_before: bool = False) -> bool:
        """Quotation marks around words someone said, not around a name or a title."""
        inner = self.text[start:end]
        words = re.findall(r"\w+", inner)
        if not words:
            return False
        line = self.text.rfind("\n", 0, max(0, q_start - 1)) + 1  # the words before, on the quotation's own line
        before = [w.lower() for w in re.findall(r"[\w\-]+", self.text[max(line, q_start - 25) : q_start - 1])]
        if before[-2:-1] and before[-1] in {"de", "d"} and before[-2] in NAMING_NOUNS:
            return False  # "le titre de « Héros de la République »": a name given, nobody's words
        if before and before[-1] in NOT_SPEECH_BEFORE and not verb_before:
            return False
        capitalised = [w for w in words if w[:1].isupper()]
        return not (len(words) <= 4 and len(capitalised) == len(words) and len(words) > 1)

    def held_at_distance(self, q_start: int, q_end: int) -> bool:
        """A word or two in quotation marks after a determiner and before "annoncées par X": "il moque les
        « victoires » annoncées par l'état-major" puts the agent's word at a distance; neither said it as quoted."""
        if len(re.findall(r"\w+", self.text[q_start:q_end])) > 3:
            return False
        before = re.search(r"(?:^|\s)(les|des|ces|leurs|ses|la|le|l['’]|une?|cette|ce|cet|sa|son|leur)\s*[«“\"]\s*$",
                           self.text[max(0, q_start - 12) : q_start + 1], re.IGNORECASE)
        if before is None:
            return False
        after = self.doc.char_span(q_end, min(len(self.text), q_end + 80), alignment_mode="expand")
        toks = [t for t in after if not t.is_space][1:7] if after is not None else []  # past the closing mark
        if not toks or not attribution.participle(toks[0]):
            return False
        return any(_low(t) == "par" for t in toks[1:] if not t.is_punct) and not any(
            t.is_punct for t in toks[1 : next((k for k, t in enumerate(toks) if _low(t) == "par"), 0)]
        )

    def owner(self, frames: list[Frame], q_start: int, q_end: int) -> Frame | None:
        """The innermost verb of saying whose content holds this quotation."""
        best = None
        for frame in frames:
            if frame.start <= q_start - 1 and q_end <= frame.end + 1 and (
                best is None or frame.end - frame.start < best.end - best.start
            ):
                best = frame
        return best

    def selon(self, unit: Unit, q_start: int) -> str | None:
        """A quoted phrase in a sentence that says "selon X" is X's wording."""
        lo, hi = self.tokens(unit)
        doc = self.doc
        for k in range(lo, hi - 1):
            low = _low(doc[k])
            if (low == "selon" or (low in ("d'après",) or (low in DE and _low(doc[k + 1]) == "après"))) and not (
                self.in_quote(doc[k].idx)
            ):
                if (closing := attribution.closed_aside(doc, k, lo, hi)) is not None and doc[closing].idx < q_start:
                    continue  # "Pour elle, le taux, proche de 30 % selon les syndicats, montre que « … »": X gives the
                    # rate inside the aside, the words quoted after it are hers
                r = k + 1 if low == "selon" else k + 2
                if r < hi and _low(doc[r]) in ("lui", "elle", "eux"):
                    return self.resolve({"lui": "il", "eux": "ils"}.get(_low(doc[r]), "elle"), doc[r].idx)
                if r < hi and _low(doc[r]).startswith(("lequel", "laquelle", "lesquel")):
                    continue
                toks = chunk_right(doc, r, hi)
                if toks and not self.generic(toks):
                    return self.name(toks)
        lead = self.pour(lo, hi)
        if lead is not None and lead[1] < q_start:
            return self.name(lead[0])
        k = lo + 1 if lo < hi and _low(doc[lo]) in COORDINATORS | {"or"} else lo
        k += 1 if k > lo and k < hi and doc[k].text == "," else 0
        if k + 2 < hi and _low(doc[k]) == "pour" and _low(doc[k + 1]) in ("lui", "elle") and doc[k + 2].text == ",":
            return self.resolve("il" if _low(doc[k + 1]) == "lui" else "elle", doc[k + 1].idx)  # "Pour elle, … « … »"
        return None

    def colon_speaker(self, unit: Unit, q_start: int, q_end: int) -> str | None:
        """A headline or subheading "Zelensky : « … »": the person named before the colon said the words."""
        lead = self.text[unit.start : q_start - 1]
        match = COLON_LEAD.fullmatch(lead)
        if match is None or self.text[q_end + 1 : unit.end].strip(SPACES + ".\n"):
            return None
        span = self.doc.char_span(unit.start + match.start(1), unit.start + match.end(1), alignment_mode="expand")
        if span is None or not len(span) or not all(t.ent_type_ == "PER" or t.text == "." for t in span):
            return None  # "Corée du Nord : « … »" is a topic, not a speaker
        return entities.expand_surname(span.text, self.people, span[0].idx)

    def relative_speaker(self, unit: Unit, q_start: int) -> str | None:
        """ "le général X, pour qui « … »": the words are the view of the person the relative pronoun stands for."""
        lead = re.search(r",\s*pour\s+(?:qui|lequel|laquelle)\s*$", self.text[unit.start : q_start - 1])
        if lead is None:
            return None
        lo, _ = self.tokens(unit)
        comma = self.doc.char_span(unit.start + lead.start(), unit.start + lead.start() + 1, alignment_mode="expand")
        if comma is None or comma.start <= lo:
            return None
        toks = chunk_left(self.doc, comma.start - 1, lo)
        if not toks or not self.person(toks):
            return None
        return self.speaker_from(toks, toks[0].idx)

    def lead_speaker(self, unit: Unit, q_start: int, q_end: int) -> str | None:
        """ "La ministre a été plus précise : « … »": a person's clause before a colon, the quotation closing the
        sentence; the person is the subject of that clause (a verb with an object of its own is not one)."""
        lead = self.text[unit.start : q_start - 1]
        colon = re.search(r"\s*:\s*$", lead)
        rest = self.text[q_end + 1 : unit.end].strip(SPACES + ".!?…\n")
        closed = self.text[max(q_start, q_end - 4) : q_end].rstrip(SPACES)[-1:] in {".", "!", "?", "…"}
        if colon is None or (rest and not (closed and rest[:1].isupper())):
            return None  # words after the quotation, unless a new sentence the parser left in the same unit
        span = self.doc.char_span(unit.start, unit.start + colon.start(), alignment_mode="contract")
        if span is None or not len(span):
            return None
        roots = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
        if len(roots) != 1:
            return None
        root = roots[0]
        verbal = root.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop", "aux", "aux:tense") for c in root.children)
        if not verbal or any(_low(t) in QUE or _low(t) in RELATIVES for t in span):
            return None
        if any(c.dep_ in ("obj", "ccomp", "xcomp") and c.pos_ in ("NOUN", "PROPN", "VERB") and c.i < span.end
               for c in root.children):
            return None  # "Il a reçu une lettre : « … »": the words may be the letter's (the quotation's own verb,
            # which the parser may hang on the lead's, is none)
        group = min([root.i] + [c.i for c in root.children if c.dep_ in ("cop", "aux", "aux:tense", "aux:pass",
                                                                          "expl:comp")
                                  or _low(c) in OBJECT_CLITICS])
        toks = subject_left(self.doc, group - 1, span.start)
        if len(toks) == 1 and _low(toks[0]) in ("il", "elle"):
            return self.resolve(_low(toks[0]), toks[0].idx)
        if not toks or not (self.person(toks) or self.person(list(self.doc[span.start : toks[0].i]))):
            return None  # "La ministre des Sports, Léa Garnier, a été plus précise": the post names a person
        return self.speaker_from(toks, toks[0].idx)

    def signed(self, unit: Unit, q_start: int, q_end: int) -> str | None:
        """ "« … », Mark Rutte, secrétaire général de l'Otan, lundi à Bruxelles.": a quotation opening its sentence
        and signed by a person's name, the rest of the sentence without a verb (a quote of the day, a caption)."""
        if self.text[unit.start : q_start - 1].strip(SPACES + "\n—–-"):
            return None
        gap = SIGNATURE_GAP.match(self.text, q_end + 1, unit.end)
        span = self.doc.char_span(gap.end(), unit.end, alignment_mode="contract") if gap is not None else None
        if span is None or not len(span) or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in span):
            return None
        starts, _ = self.people_at
        if gap.end() in starts:
            after = self.text[gap.end() + len(starts[gap.end()]) : unit.end].lstrip(SPACES)
            return starts[gap.end()] if not after or after[0] in ",.;)" else None  # not "X et Y"
        name = list(itertools.takewhile(lambda t: t.pos_ == "PROPN" and t.text[:1].isupper(), span))
        rest = span[len(name) :]
        titled = len(rest) >= 2 and rest[0].text == "," and _low(rest[1]) in entities.names().roles
        return self.name(name) if len(name) >= 2 and titled and self.person(name) else None

    def person(self, toks: list[Token]) -> bool:
        """A phrase naming a person or a post ("la ministre", "Kim Yo-jong"), not a thing ("le bilan")."""
        if any(t.ent_type_ == "PER" for t in toks):
            return True
        if len(toks) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in toks):
            return True  # "Léa Garnier", whatever entity type the tagger gives it
        roles = entities.names().roles
        return any(_low(t) in roles for t in toks) and not self.generic(toks)

    def pour(self, lo: int, hi: int, quoted_only: bool = True) -> tuple[list[Token], int, list[Token]] | None:
        """A sentence opening "(Mais,) pour le général X, …": X's view, and the comma's offset (by default only
        when the sentence quotes X)."""
        doc = self.doc
        k = lo + 1 if lo < hi and _low(doc[lo]) in COORDINATORS | {"or"} else lo
        if k > lo and k + 1 < hi and doc[k].text == ",":
            k += 1
        if k + 1 >= hi or _low(doc[k]) != "pour":
            return None
        after = k + 1
        while after < hi and after - k <= MAX_SUBJECT_TOKENS and (_np_token(doc[after]) or _low(doc[after]) in A):
            after += 1
        whole = _trim(list(doc[k + 1 : after]))
        toks = whole[_name_start(whole) :]
        named = any(t.pos_ == "PROPN" or t.text[:1].isupper() for t in toks)
        if not named or after >= hi or doc[after].text != "," or self.generic(toks):
            return None
        quoted = any(doc[after].idx < q_start < self.doc[hi - 1].idx + 1 for q_start, _ in self.quotes)
        return (toks, doc[after].idx, whole) if quoted or not quoted_only else None

    def alone(self, unit: Unit, q_start: int, q_end: int) -> bool:
        """The quotation is the whole sentence (a further sentence of the same speaker's words)."""
        before = self.text[unit.start : q_start - 1].strip(SPACES)
        after = self.text[q_end + 1 : unit.end].strip(SPACES + ".")
        return not before and not after and (q_end - q_start) > 20

    def claim(self, unit: Unit, start: int, end: int, speaker: str, direct: bool, verb: str | None,
              hedged: bool = False) -> Claim:
        """A quote claim whose sentence is spaCy's, as for every claim (joined when the quote spans several)."""
        text = self.text[start:end]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            s_start, s_end = span[0].sent.start_char, span[-1].sent.end_char
        else:
            s_start, s_end = unit.start, unit.end
        raw = self.text[s_start:s_end]
        sentence = raw.strip()
        sentence_start = s_start + (len(raw) - len(raw.lstrip()))
        return Claim(id="", article_id=self.ctx.article_id, kind="quote", sentence=sentence, text=text,
                     start=start, end=end, sentence_start=sentence_start, quote=text, speaker=speaker,
                     direct=direct, verb=verb, hedged=hedged)


def norm_label(label: str) -> str:
    """A transcript line's label as compared: lower case, no final dot."""
    return label.strip().rstrip(".").lower()


def _title_key(text: str) -> str:
    """Comparison key for a job title: lower case, one apostrophe, single spaces."""
    return re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip()


def _key(text: str) -> str:
    """Comparison key for repeated quotations (headline vs body): words only, lower case."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def extract(doc: Doc, ctx: ArticleContext) -> list[Claim]:
    """Direct and indirect quotes of one article, each with its speaker and reporting verb."""
    seen: set[tuple[int, int, bool | None, str | None]] = set()
    claims = []
    for claim in _Article(doc, ctx).claims():  # one claim per words and speaker, whatever verbs led to them
        key = (claim.start, claim.end, claim.direct, claim.speaker)
        if key not in seen:
            seen.add(key)
            claims.append(claim)
    log.debug("%s: %d quotes", ctx.article_id, len(claims))
    return sorted(claims, key=lambda c: (c.start, c.end, c.direct is True, c.text))
