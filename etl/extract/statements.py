"""Attributed statements: who said what, found by rules over normalized tokens.

Three constructions make a statement in Arabic news:

* a reporting verb (قال، أضاف، مشيراً ...) with its speaker after it (VSO: ``قال الوزير X إن``),
  before it (SVO: ``X يقول إن``, ``أما مندوب Y فدعا``) or carried over from the previous clause
  (``وأضاف``، ``مضيفاً``);
* a colon headline at the start of a line (``قنونو: ...``, ``الناطق باسم الجيش للميادين: ...``);
* an attribution phrase (``بحسب X``، ``وفقاً لـ X``، ``نقلاً عن X``) around a clause.

Verbs come from ``resources/reporting_verbs.txt`` as lemmas; their surface forms (tense, person,
number, clitics) are generated here. All matching runs on ``NormalizedText.text``; every stored offset
is mapped back to the original body, and ``content`` is always ``body[content_start:content_end]``.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from etl.extract.countries import find_countries
from etl.extract.lexicons import load_labeled, load_lexicon, read_rows
from etl.normalize import NormalizedText, normalize, normalize_key, normalize_token
from etl.records import Entity, EntityKind, Mention, SpeakerKind, Statement

__all__ = ["CueForm", "cue_forms", "extract_statements"]

logger = logging.getLogger(__name__)

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_NEWLINE_RE = re.compile(r"[\n\r\u2028\u2029]")

_SENT_END = frozenset(".!?؟…")
_QUOTE_OPEN = frozenset("«")
_QUOTE_CLOSE = frozenset("»")
_QUOTE_TOGGLE = frozenset('"“”„‟″')
_QUOTES = _QUOTE_OPEN | _QUOTE_CLOSE | _QUOTE_TOGGLE
_COMMA = frozenset("،,؛;")
_COLON = frozenset(":")
_DASH = frozenset("-–—")
#: what a full stop inside a sentence (a decimal point, initials) reads as
_INNER_DOT = "\u2027"


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_token(w) for w in words.split())


#: complementizers that open the reported clause (with the pronoun suffixes news uses)
_COMP = _n(
    "أن إن أنه إنه أنها إنها أنهم إنهم أنهما إنهما أنهن أننا إننا أنني إنني أني إني أنك "
    "بأن بأنه بأنها بأنهم بأنهما بأننا بأني وأن وإن"
)
#: a complementizer after one of these is a subordinator (بعد أن، يمكن أن), not a reported clause
_NOT_COMP_AFTER = _n(
    "رغم برغم بالرغم مع بعد قبل منذ دون بدون يمكن يجب ينبغي لابد بمجرد عسى حتى يمكنه يمكنها ريثما "
    "علما خاصة خصوصا إلا غير سيما"
)
#: prepositions a verb may take before its complement (أشار إلى أن، حذر من أن، دعا إلى ...)
_PREP = _n("إلى الى على عن من في ب ل")
#: tokens directly before a cue that negate it or make it hypothetical
_NEG = _n("لم لن لا ليس غير ولم ولن ولا فلم فلا لما")
_MODAL = _n("أن لكي كي سوف حتى قد وقد")
_RELATIVE_MA = _n("ما وما مما بما")
#: before "ما": the verb attributes the preceding clause (بحسب ما ذكرت ...)
_ATTRIB_MA = _n("بحسب حسب وفق وفقا طبقا كما مثلما على وبحسب وحسب ووفق")
#: the same with ما written glued to the particle ("حسبما أفاد ناشطون")
_ATTRIB_MA_GLUED = _n("حسبما بحسبما وحسبما وبحسبما")
#: time words and discourse fillers skipped between a verb and its subject or content
_FILLER = _n(
    "اليوم أمس الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت مساء صباح ليل ليلة "
    "الماضي الماضية المقبل أيضا أيضاً كذلك بدوره بدورها بدورهم بالقول قائلا ذلك بدوره مجددا "
    "مؤخرا سابقا صباحا مساء ظهر فجر الليلة آنذاك حينها حينذاك وقتها لاحقا لاحقاً أخيرا "
    "بشدة بقوة بحزم"
)
#: words that end a subject phrase (prepositions, conjunctions, pronouns, subordinators)
_STOP = _n(
    "في من إلى الى على عن مع خلال بعد قبل أمام لدى عند منذ حتى ضد نحو بين دون بشأن حول عبر "
    "الذي التي الذين اللذين اللتين اللواتي ما لا لم لن قد لقد كما أيضا هو هي هم هما ثم أو أم بل "
    "لكن حيث إذ إذا عندما بينما فيما وهو وهي و ف فيه فيها فيهم منه منها عنه عنها له لها لهم عليه "
    "عليها إليه إليها معه معها به بها الآن ذلك هذا هذه تلك هناك هنا إن أن كان كانت وكان وكانت "
    # adverbs that sit between a cue and its content ("وقال حينئذ:"، "وقال بدوره إن"): never a speaker
    "حينئذ حينها آنذاك وقتها وقتذاك يومها لاحقا سابقا مجددا مرارا كذلك بدوره بدورها بدورهم أمس "
    # manner: "نفى بشكل قاطع أن ..."
    "بشكل بصورة بطريقة بشدة بقوة بحزم"
)
#: words after which a cue starts a new clause of its own
_CLAUSE_OPENERS = _n(
    "و ف ثم كما وكما بينما فيما حيث حين إذ عندما بعدما لكن ولكن بل أما وأما فقد وقد قد لقد ولقد"
)
#: nouns of a statement setting skipped before an object-content (في بيان، في تصريح ...)
_SETTING = _n(
    "بيان بيانا بيانه بيانها تصريح تصريحات تصريحه تصريحاته مؤتمر حديث حديثه مقابلة كلمة كلمته "
    "تغريدة تغريدات رسالة لقاء اتصال مقال تقرير خطاب خطابه سلسلة"
)
#: "على حد قوله" and friends end a content
_ALA_HADD = _n("حد")
#: documents that speak for whoever issued them (بيان أصدرته الوزارة، التقرير الصادر عن ...), bare
_DOCUMENTS = _n("بيان تقرير دراسة مسودة بيانات إحصائيات إحصاءات مذكرة وثيقة وثائق معلومات")
_ISSUED = _n(
    "أصدره أصدرته أصدرها أصدرتها أصدروه الصادر الصادرة صادر صادرة نشره نشرته نشرتها أعده أعدته أعدها أعدتها"
)
_ISSUED_PREP = _n("عن من")
#: what a body posts or issues: a glued ل after it is "of", not an addressee (تغريدة للسفارة)
_POSTED = _DOCUMENTS | _n("تغريده تغريدات منشور صفحه حساب موقع رساله")
_DOCUMENT_FORMS = frozenset(p + d for d in _DOCUMENTS for p in ("", "ال", "و", "وال", "ف", "فال"))
#: nouns of saying between an attribution word and its source (حسب قول X، بحسب تصريحات X)
_SAYING = _n("قول رواية تصريح تصريحات كلام")
#: "نقل عن الوزير قوله ...": "his saying", right before what he said
_QAWL = _n("قوله قولها قولهم قولهما")
#: "على حد قوله / تعبيره / وصفه": a quotation's attribution tail
_HADD_TAIL = _QAWL | _n("تعبيره تعبيرها وصفه وصفها تعبيرهم")
#: "دعا فيه إلى": a preposition with a pronoun, between the verb and its content
_PRON_PREP = _n(
    "فيه فيها فيهم فيهما له لها لهم عليه عليها عنه عنها منه منها معه معها خلاله خلالها عبره عبرها"
)
#: "وقال له الرئيس"، "ذكر لنا أن": the one spoken to, between a verb and its subject (or its content)
_ADDRESSEE_PRONOUNS = _n("له لها لهم لهما لنا لي لك لكم إليه إليها إليهم إلينا")
#: "وقال مخاطباً ترامب": participles of addressing, followed by the one spoken to
_ADDRESSING = _n("مخاطبا مخاطبة مخاطبين مخاطبتين مخاطباً مخاطبةً")
#: "نهاية الشهر الماضي"، "مطلع العام الجاري": time phrases between a verb and its subject
_TIME_HEAD = _n(
    "نهاية بداية مطلع أواخر أوائل منتصف مساء صباح ظهر ليل فجر يوم الأسبوع الشهر العام السنة وقت الآونة"
)
_TIME_TAIL = _n(
    "الشهر العام الأسبوع الماضي الماضية الجاري الجارية الحالي المقبل المقبلة الحالية أمس اليوم "
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت سابق لاحق الأخيرة "
    "يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الثاني الأول"
)
_FA_INNA = _n("فإن فإنه فإنها فإنهم")
#: "وبحسب البيان فقد أدى ...": after an attribution phrase, فقد opens the clause as فإن does
_FA_QAD = _n("فقد")
_FA_CLAUSE = _FA_INNA | _FA_QAD
#: a sentence opening with "but he / she / they": its verb continues the last speaker; before a
#: reporting verb inside a content ("، لكنه أكد") it starts a second claim of the same speaker
_BUT_HE = _n("لكنه لكنها ولكنه ولكنها لكنهم ولكنهم")
#: a clause opening with "and this one / he / she" before its verb (وهذه الأخيرة صرحت)
_AND_THIS = _n("وهذه وهذا وهو وهي")
#: after a comma, "but" / "while" that close an object content (أكد ترمب مشروع القمة، لكن كوريا
#: الشمالية لم ...): the writer's own clause; a reported clause (أن ...) may go on past them
_CONTRAST = _n("لكن ولكن بينما فيما")
#: "that" as a verbal noun (أشار إلى كونها ...): a clause follows, as after أنّ
_KAWN = _n("كون كونه كونها كونهم كونهما")
#: "but" and أنّ with the pronoun before a second reporting verb of the same speaker ("، بيد أنه أشار
#: إلى أن"، "، إلا أنه أكد"), as _BUT_HE in one word
_BUT = _n("بيد إلا غير")
_THAT_HE = _n("أنه أنها أنهم")
_LATTER = _n("الأخيرة الأخير")
#: after a comma, the writer's own clause that ends a reported content (وذلك بعد أن ...)
_NARRATION = _n("وذلك")
_NARRATION_AFTER_FI = _n("حين الوقت إشارة")
_FIMA = _n("فيما وفيما")
_YALI = _n("يلي")
_ALIMAN = _n("علما علماً")
_AMMA = _n("أما وأما")
#: "، وهي محامية ..." describes the subject; it does not open a clause of its own
_APPOSITIVE_PRONOUNS = _n("وهو وهي وهم وهما")
_KIN = _n("شقيق أخ أخت ابن نجل زوج والد أب أم عائلة أسرة أقارب")
_OFFICE_OF = _n("محامي مكتب أنصار مؤيدو")
#: nouns that, bare before a name, make it a genitive: "شقيق X" is X's brother, not X
_RELATIONAL = _KIN | _OFFICE_OF | _n("صديق مستشار مساعد متحدث ناطق مدير حارس سائق خطيب")
#: relations whose titled genitive names the other person (مكتب الرئيس ميشال عون، نجل الزعيم عادل إمام,
#: and the feminine kin: زوجة الرئيس السوري بشار الأسد); after an occupation the name is the holder's
#: own (مستشار وزيرة الاستثمار مالك فواز)
_KIN_OR_OFFICE = _KIN | _OFFICE_OF | _n("شقيقة ابنة نجلة زوجة أرملة والدة")
_MASCULINE_COUNTRIES = _n("لبنان")
_RELATIVE = _n("الذي التي الذين اللذين اللتين والذي والتي والذين")
_BISM = _n("باسم")
#: verbs whose object comes with a بـ-phrase (اتهمه بـ، وصفه بأنه): a lone name before it is the object
_ACCUSE = frozenset({"اتهم", "وصف"})
#: prepositions a role phrase written before a name may hold (سفير الصين لدى الأمم المتحدة، X)
_ROLE_PREPS = _n("في لدى")
_SOURCE_PREP = _n("في من داخل لدى")
#: verbs whose object comes before their preposition and belongs to what was said (دعا الدول إلى ...،
#: حذر المواطنين من ...، طالب الحكومة بـ ...)
_OBJECT_FIRST = frozenset({"دعا", "حذر", "طالب", "هدد", "أوصى"})
#: verbs whose governed preposition right after an unknown noun phrase makes that phrase the subject
#: (وأعرب قبطان السفينة عن سعادته، وتشير الأرقام إلى); not أكد على، أعلن عن, where it more often
#: follows the object (أكدت القبض على، أعلن توقفه عن)
_GOVERNED_SUBJECT = frozenset({"أشار", "لفت", "نوه", "أعرب", "شدد"})
#: quantities that speak for the people they count in a survey (أكثر من نصف المستطلعين قالوا)
_SHARES = _n("أكثر أقل نصف ثلث ربع خمس ثلثا ثلاثة أرباع غالبية معظم أغلبية أغلب")
_ABOUT = _n("حوالي نحو قرابة")
_PERCENT = _n("بالمئة بالمائة المئة المائة في")
_PERCENT_SIGNS = _PERCENT | {"%"}
_WHO = _n("الذين الذي اللذين ممن")
#: "المصدر نفسه": "itself", not a possessed noun
_SELF = _n("نفسه نفسها نفسهم ذاته ذاتها")
_QUANTIFIERS = _n("جميع كل كافة بعض معظم غالبية أغلب")
_MIN = _n("من")
_QAD = _n("قد")
_KANA = _n("كان كانت وكان وكانت فكان فكانت")
#: outlet nouns after a glued لـ: "قال لتلفزيون ..." names who he spoke to, not who spoke
_OUTLETS = _n("وكالة صحيفة قناة تلفزيون التلفزيون إذاعة راديو موقع شبكة مجلة جريدة صحفيين صحافيين")
_WE = _n("نحن ونحن إننا أننا لدينا")
#: "يُذكر أن" (it is worth noting) is spelled like "يَذكر" (he mentions): with no subject, not speech
_IMPERSONAL = _n("يذكر ويذكر")
#: "اقرأ أيضاً:" lines link to other articles
_READ_ALSO = _n("اقرأ إقرأ واقرأ طالع للمزيد")
#: a sentence opening with one of these and ending in "؟" is a question, not a report
_QUESTION = _n("هل وهل فهل لماذا ولماذا فلماذا كيف وكيف متى ماذا وماذا أين أي")
#: second words of discourse fillers: "من جهته"، "في هذا الصدد"، "بهذا الخصوص"
_FILLER_TAIL = _n("الصدد السياق الشأن الخصوص جهته جهتها جهتهم جانبه جانبها جانبهم ناحيته ناحيتها")
_FILLER_HEAD = _n("من في بهذا وفي ومن هذا")
#: adjective-like endings that let an unnamed source phrase go on (مسؤول أمريكي، مصادر مطلعة)
_ADJ_ENDINGS = ("ي", "يه", "ون", "ين", "ه")
#: adjectives of rank an unnamed source takes that have none of those endings (مسؤول أمريكي كبير)
_RANK_ADJ = _n("كبير كبار رفيع بارز سابق مطلع")
#: relational adjectives only (اليساري، الأوروبية): what may follow a name the tagger cut short
_NISBA = ("ي", "يه", "يون", "يين")

_MAX_SUBJECT = 14
_MAX_COMP_SEARCH = 40
_MAX_UNKNOWN_SUBJECT = 4
_MAX_PREP_SEARCH = 7
_MAX_HEADLINE_SPEAKER = 8
_MAX_ROLE_BEFORE_NAME = 6
_MAX_APPOSITIVE_NAME = 4
_SPEAKER_KINDS: frozenset[str] = frozenset({"person", "organization", "country"})
_ENTITY_SPEAKER: dict[str, SpeakerKind] = {"person": "person", "organization": "organization", "country": "country"}


@dataclass(frozen=True, slots=True)
class CueForm:
    """What a surface token tells about a reporting verb."""

    lemma: str
    frame: str  # "say": needs a complement clause; "np": may take a noun phrase
    tense: str  # "past" | "pres" | "part"
    prefixed: bool  # carries the conjunction و/ف
    feminine: bool = False  # 3rd fem. sing. or dual: a country subject needs it (أعلنت روسيا)
    prep: str = ""  # normalized preposition the verb governs (دعا إلى), "" when none


#: generated verb forms that news mostly writes as other words: نصر (victory, the name Nasr) is
#: also "we insist", أدين (was convicted) also "I condemn", the name Nadine also "we condemn", نصف
#: (half) also "we describe", متابعة (follow-up) and متابعين (followers) also "continuing", the name
#: Naguib also "we answer"
_HOMOGRAPHS = frozenset(
    normalize_token(w) for w in ("نصر", "أدين", "ندين", "نصف", "متابعة", "متابعين", "نجيب")
)


def _past_forms(p: str) -> dict[str, bool]:
    """Past forms -> whether the form is feminine (or dual, which countries also take)."""
    if p[-1] in "اي":  # defective: دعا -> دعت دعوا ; نفى -> نفت نفوا نفيا
        stem = p[:-1]
        forms = {p: False, stem + "ت": True, stem + "وا": False, stem + "تا": True}
        return forms
    # no masculine dual (قالا): rare in news, and spelled like other words (أقرا ~ اقرأ)
    return {p: False, p + "ت": True, p + "وا": False, p + "تا": True}


def _present_forms(y: str) -> dict[str, bool]:
    body = y[1:] if y[:1] in "يت" else y
    forms: dict[str, bool] = {}
    for pre in "يتنا":
        forms[pre + body] = pre == "ت"
    for pre in "يت":
        forms[pre + body + "ان"] = True
        forms[pre + (body[:-1] if body[-1] in "وي" else body) + "ون"] = False
    return forms


def _participle_forms(a: str) -> dict[str, bool]:
    """Adverbial participles: masculine, feminine and plural accusative (مضيفاً، مضيفةً، مضيفين)."""
    return {a + "ا": False, a + "ه": True, (a[:-1] if a[-1] == "ي" else a) + "ين": False}


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, CueForm]:
    """Every surface form of the reporting verbs, normalized, to what it is."""
    out: dict[str, CueForm] = {}
    for row in read_rows("reporting_verbs.txt"):
        if len(row) < 4:
            continue
        lemma, present, participle, frame = row[:4]
        prep = normalize_token(row[4]) if len(row) > 4 and row[4] != "-" else ""
        by_tense: list[tuple[str, dict[str, bool]]] = [("past", _past_forms(normalize_token(lemma)))]
        if present != "-":
            by_tense.append(("pres", _present_forms(normalize_token(present))))
        if participle != "-":
            by_tense.append(("part", _participle_forms(normalize_token(participle))))
        for tense, forms in by_tense:
            for form, fem in forms.items():
                # feminine and plural participles of noun-phrase verbs are mostly nouns and
                # adjectives (مطالبة، مؤكدة): as cues they need a complement clause
                form_frame = "say" if tense == "part" and not form.endswith("ا") else frame
                if form in _HOMOGRAPHS:
                    continue
                for clitic in ("", "و", "ف"):
                    surface = clitic + form
                    # the first reading wins (a past form over a participle spelled alike)
                    out.setdefault(surface, CueForm(lemma, form_frame, tense, bool(clitic), fem, prep))
    # "وتوجه إلى الحشود بالقول ..."، "كذب X بقوله إنه ...": "by saying" after a verb of another kind
    # reports like a participle (its speaker is the sentence's subject)
    for form in _BY_SAYING:
        out.setdefault(form, CueForm("قال", "say", "part", False, form.endswith("ها")))
    return out


_NO_FORM = CueForm("", "", "", False)
#: subordinators that open a time clause before the main clause (وحين ...، كذب X)
_WHEN = _n("حين حينما عندما لما بعدما بينما فيما إذ")
#: "by saying": بالقول (said of anyone), بقوله / بقولها / بقولهم
_BY_SAYING = _n("بالقول بقوله بقولها بقولهم")
_BY_SAYING_ANY = normalize_token("بالقول")


@lru_cache(maxsize=1)
def _split_cues() -> tuple[dict[str, CueForm], dict[str, CueForm]]:
    """The cue forms that are verbs of their own, and those of "وجاء في", which are a cue only
    before their preposition and never a verb that ends another content."""
    forms = cue_forms()
    return {w: f for w, f in forms.items() if f.frame != "in"}, {w: f for w, f in forms.items() if f.frame == "in"}


def _with_article(words: Sequence[str]) -> frozenset[str]:
    out: set[str] = set()
    for w in words:
        k = normalize_key(w)
        out.add(k)
        if not k.startswith("ال"):
            out.add("ال" + k)
    return frozenset(out)


@lru_cache(maxsize=1)
def _anonymous() -> frozenset[str]:
    return _with_article([r[0] for r in read_rows("anonymous_sources.txt") if r])


@lru_cache(maxsize=1)
def _institutions() -> frozenset[str]:
    return _with_article([r[0] for r in read_rows("institution_nouns.txt") if r])


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    return _with_article([r[0] for r in read_rows("speaker_roles.txt") if r])


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """First words of every title (الرئيس، الفنان، البابا): a phrase they head names a person."""
    return _with_article([k.split()[0] for k in load_lexicon("titles")])


@lru_cache(maxsize=1)
def _person_heads() -> frozenset[str]:
    """Role and title heads without the article (رئيس، مبعوث، نجم): a phrase they head is a person."""
    return frozenset(_bare(w) for w in _roles() | _title_words())


@lru_cache(maxsize=1)
def _role_heads() -> frozenset[str]:
    """Office heads without the article: phrases ``link_role`` resolves by their words."""
    return frozenset(_bare(w) for w in _roles())


@lru_cache(maxsize=1)
def _others() -> frozenset[str]:
    """Titles that name someone by their relation to another (محامية الشابة، مراسل العربية): never the
    one person an article is about."""
    return frozenset(_bare(w) for w in _with_article([*_relations(), "مراسل", "مراسلة"]))


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """First names: an untagged "الشيخ محمد الصباح" is a title and a name, not a title and an object."""
    return load_lexicon("given_names")


@lru_cache(maxsize=1)
def _relations() -> frozenset[str]:
    """Construct nouns that relate a speaker to the person after them (محامي ترمب، زوجة المشري)."""
    return load_lexicon("relation_nouns")


def _honorific_titles() -> list[str]:
    return [k for k, v in load_labeled("titles").items() if v == "honorific"]


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    """First words of the titles of address and rank (الدكتور، اللواء، الشيخ): a phrase they head is
    a person."""
    return _with_article([k.split()[0] for k in _honorific_titles()])


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    """Titles of address and rank (الدكتور، اللواء، المهندس) that stand before a name."""
    return _with_article(_honorific_titles())


@lru_cache(maxsize=1)
def _attribution() -> dict[str, tuple[str, str]]:
    """Attribution particle -> (the preposition glued to or following it or "", the lemma)."""
    out: dict[str, tuple[str, str]] = {}
    for row in read_rows("attribution_phrases.txt"):
        if row and row[0]:
            tail = normalize_token(row[1]) if len(row) > 1 and row[1] != "-" else ""
            key = normalize_key(row[0])
            out[key] = (tail, row[0])
            out["و" + key] = (tail, row[0])
    return out


# ---------------------------------------------------------------------------------------------
# per-article analysis


@dataclass(slots=True)
class _Speaker:
    kind: SpeakerKind
    text: str
    entity: tuple[EntityKind, str] | None
    start: int  # original offsets of the phrase in this sentence (-1 when carried over)
    end: int
    linked: bool = False  # a role phrase resolved to a person through stated or written roles


@dataclass(slots=True)
class _Found:
    cue_tok: int
    cue: str
    lemma: str
    speaker: _Speaker
    content_tok: int  # first content token
    quoted: bool  # content opens with a quotation mark
    limit_tok: int  # content may not run past this token (exclusive)
    start: int  # original offset of the statement start
    colon: bool = False  # a colon introduced the content: direct speech even without marks


class _Ends:
    """Original end offset of each token, computed on demand (few are ever needed)."""

    __slots__ = ("_doc", "_nend", "_nstart")

    def __init__(self, doc: NormalizedText, nstart: list[int], nend: list[int]) -> None:
        self._doc, self._nstart, self._nend = doc, nstart, nend

    def __getitem__(self, i: int) -> int:
        return self._doc.span_to_original(self._nstart[i], self._nend[i])[1]


class _Article:
    """Tokens, sentences, quotations and mention index of one article.

    Built with list comprehensions and C-level helpers: this runs on every article, so no Python
    loop here visits every token more than once.
    """

    def __init__(self, doc: NormalizedText, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        text = doc.text
        spans = [tm.span() for tm in _TOKEN_RE.finditer(text)]
        self.words: list[str] = [text[s:e] for s, e in spans]
        self.nstart: list[int] = [s for s, _ in spans]
        self.nend: list[int] = [e for _, e in spans]
        n = len(spans)
        newlines = [m.start() for m in _NEWLINE_RE.finditer(text)]
        #: paragraph number of each token (equal numbers: no line break in between)
        self.para: list[int] = list(map(partial(bisect_right, newlines), self.nstart)) if newlines else [0] * n
        origin = doc.origin
        self.ostart: list[int] = self.nstart if origin is None else list(map(origin.__getitem__, self.nstart))
        self.oend: _Ends | list[int] = self.nend if origin is None else _Ends(doc, self.nstart, self.nend)
        self._heads: dict[tuple[int, int], int | None] = {}  # head_skip memo
        # mentions: token of each mention start -> mention; coverage token -> mention
        self.mention_at: dict[int, tuple[Mention, int]] = {}
        self.cover: list[Mention | None] = [None] * n
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.mention_starts = [m.start for m in self.mentions]
        for m in self.mentions:
            if n == 0:
                break
            ts = max(0, bisect_right(self.ostart, m.start) - 1)
            te = max(ts + 1, bisect_left(self.ostart, m.end))
            if ts >= n or self.oend[ts] <= m.start:
                continue
            if ts not in self.mention_at:
                self.mention_at[ts] = (m, te)
            for t in range(ts, min(te, n)):
                if self.cover[t] is None:
                    self.cover[t] = m
        self._quotes()
        self.closers = set(self.quote_close.values())
        self._sentences()

    def _quotes(self) -> None:
        """Pair quotation marks inside each paragraph; ``inq[i]`` is the opening token or -1."""
        words, para = self.words, self.para
        self.inq = [-1] * len(words)
        self.quote_close: dict[int, int] = {}  # opening token -> closing token
        open_at = -1
        for i in [i for i, w in enumerate(words) if w in _QUOTES]:
            w = words[i]
            if open_at >= 0 and para[i] != para[open_at]:
                open_at = -1
            if w in _QUOTE_OPEN or (w in _QUOTE_TOGGLE and open_at < 0):
                open_at = i
                continue
            if open_at >= 0:
                self.quote_close[open_at] = i
                self.inq[open_at + 1 : i] = [open_at] * (i - open_at - 1)
                open_at = -1

    def _sentences(self) -> None:
        """Sentences end at . ! ? ؟ outside quotations and at line ends; ``sid`` maps tokens to them."""
        words, para, text = self.words, self.para, self.doc.text
        n = len(words)
        breaks = [i for i in range(1, n) if para[i] != para[i - 1]] if n and para[-1] != para[0] else []
        self.line_starts = [0, *breaks] if n else []
        ends = {b - 1 for b in breaks}
        for i in [i for i, w in enumerate(words) if w in _SENT_END]:
            if words[i] == ".":
                s = self.nstart[i]
                decimal = 0 < s < len(text) - 1 and text[s - 1].isdigit() and text[s + 1].isdigit()  # 20.9
                initials = i > 0 and (  # د.ب.أ ، إي.إس.بي.إن ، د.
                    (len(words[i - 1]) <= 3 and s + 1 < len(text) and text[s + 1].isalpha())
                    or (len(words[i - 1]) == 1 and words[i - 1].isalpha())
                )
                named = 0 < i < n - 1 and self.cover[i] is not None and self.cover[i - 1] is self.cover[i]
                if decimal or initials or named:  # named: a stop inside a name (العربية.نت)
                    # "جامعة إم.آي.تي، إن ...", شبكة "إي.إس.بي.إن": no stop for any rule either, quoted or not
                    words[i] = _INNER_DOT
                    continue
            if self.inq[i] < 0:
                ends.add(i)
        self.sent_bounds: list[tuple[int, int]] = []
        self.sid: list[int] = []
        start = 0
        for i in sorted(ends):
            if i + 1 < n and para[i + 1] == para[i]:
                if words[i + 1] in _SENT_END:
                    continue  # ".." and "?!" end once, at their last mark
                if i + 1 in self.closers:
                    continue  # a closing mark right after the stop belongs to this sentence
            self.sid.extend([len(self.sent_bounds)] * (i + 1 - start))
            self.sent_bounds.append((start, i + 1))
            start = i + 1
        if start < n:
            self.sid.extend([len(self.sent_bounds)] * (n - start))
            self.sent_bounds.append((start, n))

    # -- small predicates ---------------------------------------------------------------------

    def is_comp(self, i: int) -> bool:
        w = self.words[i]
        if w not in _COMP or self.cover[i] is not None:
            return False  # not a name: "آن هيدالغو" (Anne) normalizes like أن
        if (i and self.words[i - 1] == _INNER_DOT) or (i + 1 < len(self.words) and self.words[i + 1] == _INNER_DOT):
            return False  # "سي.إن.بي.سي": a letter of initials
        if i + 1 < len(self.words) and (self.words[i + 1] in _COMP or self.words[i + 1] == ")"):
            return False  # "(سي إن إن)" is CNN, not two complementizers
        return not (i and self.words[i - 1] in _NOT_COMP_AFTER)

    def after_the_latter(self, i: int) -> bool:
        """Token ``i`` follows "وهذه الأخيرة" / "وهذا الأخير" (and the latter): its subject is the one
        named last."""
        return i >= 2 and self.words[i - 1] in _LATTER and self.words[i - 2] in _AND_THIS

    def speaker_mention(self, i: int) -> tuple[Mention, int] | None:
        """A mention starting at token ``i`` that can be a speaker (not a demonym, not a place)."""
        hit = self.mention_at.get(i)
        if hit is None:
            return None
        m, _ = hit
        if m.kind not in _SPEAKER_KINDS or m.method == "demonym":
            return None
        return hit

    def strip_clitic(self, w: str) -> str:
        return w[1:] if len(w) > 3 and w[0] in "وف" else w

    def in_lexicon(self, w: str, lexicon: frozenset[str]) -> bool:
        """``w`` or ``w`` without a leading و / ف is an entry: words that start with و themselves
        (وكالة، والدة، وثيقة) are entries as written."""
        return w in lexicon or self.strip_clitic(w) in lexicon

    def head_skip(self, i: int, lexicon: frozenset[str]) -> int | None:
        """Characters of a clitic (و/ف, a glued لـ) before an entry of ``lexicon`` starting at token
        ``i``; None when no entry starts there."""
        key = (i, id(lexicon))
        if key in self._heads:
            return self._heads[key]
        found = self._head_skip(i, lexicon)
        self._heads[key] = found
        return found

    def _head_skip(self, i: int, lexicon: frozenset[str]) -> int | None:
        w = self.words[i]
        if not w[:1].isalpha():
            return None
        forms = [(w, 0)]
        if len(w) > 3 and w[0] in "وف":
            forms.append((w[1:], 1))
        if w.startswith("لل") and len(w) > 4:
            forms.append(("ال" + w[2:], 2))  # the article's alef is elided after لـ
        elif w.startswith("ل") and len(w) > 3:
            forms.append((w[1:], 1))
        nxt = self.words[i + 1] if i + 1 < len(self.words) else ""
        for f, skip in forms:
            if f in lexicon or (nxt and f"{f} {nxt}" in lexicon):
                return skip
        return None

    def head_start(self, i: int, lexicon: frozenset[str]) -> int:
        """Original offset where the lexicon entry at token ``i`` begins (after its clitic)."""
        skip = self.head_skip(i, lexicon) or 0
        if skip == 0:
            return self.ostart[i]
        return self.doc.span_to_original(self.nstart[i] + skip, self.nend[i])[0]

    def is_role_head(self, i: int) -> bool:
        return self.head_skip(i, _roles()) is not None

    def is_anonymous_head(self, i: int) -> bool:
        return self.head_skip(i, _anonymous()) is not None

    def addressee_len(self, i: int) -> int:
        """Tokens of an addressee phrase (للميادين، لوكالة رويترز، لـ"X") starting at ``i``."""
        w = self.words[i]
        hit = self.mention_at.get(i)
        if w == "ل" and i + 1 < len(self.words):
            j = i + 1
            if self.words[j] in _QUOTES:
                j += 1
            hit2 = self.mention_at.get(j)
            return (hit2[1] - i) if hit2 else 2
        if not w.startswith("ل") or w.startswith("ال") or len(w) < 3:
            return 0
        if w[1].isascii():
            return 1  # لـCNN
        if hit is not None and not normalize_key(hit[0].surface).startswith("ل"):
            return hit[1] - i
        rest = _after_li(w)
        if rest in _roles() or rest in _SETTING or w.startswith("لل") or rest in _OUTLETS:
            nxt = self.mention_at.get(i + 1)
            return (nxt[1] - i) if nxt else 1
        return 0


#: adjectives that do not make a title another office (المدعية العامة، الأمين العام السابق)
_ROLE_ADJECTIVES = _n("عام عامه اعلي اول سابق جديد حالي أممي أممية")


def _derived_masdar(s: str) -> bool:
    """A normalized stem in a verbal-noun pattern of the derived verb forms: تفعيل (تمثيل), تفاعل
    (تعاون), افتعال (اعتداء), انفعال (انسحاب), استفعال (استخدام)."""
    n = len(s)
    return (
        (n == 5 and s[0] == "ت" and s[3] == "ي")
        or (n == 5 and s[0] == "ت" and s[2] == "ا")
        or (n == 6 and s[0] == "ا" and s[2] == "ت" and s[4] == "ا")
        or (n == 6 and s.startswith("ان") and s[4] == "ا")
        or (n == 7 and s.startswith("است") and s[5] == "ا")
    )


def _after_li(w: str) -> str:
    """A word with a glued لـ, without it: للإقبال -> الإقبال (the article's alef is elided after لـ),
    لوكالة -> وكالة."""
    return "ال" + w[2:] if w.startswith("لل") else w[1:]


#: title words news uses for one office: "وتابع الناطق" after "المتحدث باسم الوزارة صادق الخضور",
#: "العاهل السعودي" after "الملك سلمان"
_SAME_OFFICE = {"ناطق": "متحدث", "ناطقه": "متحدثه", "عاهل": "ملك"}


def _bare(w: str) -> str:
    """A role word without its article, أميركي spelled أمريكي, a synonym as its usual word: how role
    phrases are compared."""
    w = w.replace("اميرك", "امريك")
    w = w[2:] if w.startswith("ال") and len(w) > 4 else w
    return _SAME_OFFICE.get(w, w)


@lru_cache(maxsize=4096)
def _office_words(rest: str) -> tuple[str, ...]:
    """The words after a title that are neither a country's name or adjective nor a role adjective
    (السابق، الأممي): what makes "رئيس الحكومة" another office than "الرئيس"."""
    doc = normalize(rest)
    covered = [(m.start, m.end) for m in find_countries(doc)]
    out = []
    pos = 0
    for w in rest.split():
        start = rest.index(w, pos)
        pos = start + len(w)
        if any(a <= start < b for a, b in covered) or _bare(w) in _ROLE_ADJECTIVES:
            continue
        out.append(w)
    return tuple(out)


@lru_cache(maxsize=4096)
def _role_countries(role_key: str) -> frozenset[str]:
    """ISO codes of the countries a normalized role phrase names (سفير الصين -> CN)."""
    return frozenset(m.entity_key for m in find_countries(normalize(role_key)))


def _agrees(form: CueForm, speaker: _Speaker) -> bool:
    """Most countries take feminine verbs: "واتهم الإمارات" has the UAE as object, not subject;
    names with the article and no feminine ending (العراق، الأردن، السودان) and لبنان are
    masculine."""
    if speaker.kind != "country" or form.feminine or form.tense == "part":
        return True
    name = normalize_key(speaker.text)
    return name in _MASCULINE_COUNTRIES or (
        name.startswith("ال") and " " not in name and not name.endswith(("ه", "ات"))
    )


def _orig(art: _Article, a: int, b: int) -> tuple[int, int]:
    """Original offsets covering tokens [a, b)."""
    return art.ostart[a], art.oend[b - 1]


class _Extractor:
    def __init__(
        self, doc: NormalizedText, entities: Sequence[Entity], mentions: Sequence[Mention]
    ) -> None:
        self.doc = doc
        self.art = _Article(doc, mentions)
        #: (role tokens, person, whether entity resolution stated it): who holds which role
        self.role_index: list[tuple[list[str], tuple[EntityKind, str], bool]] = []
        #: roles written after a name, in apposition; they may describe the body the person serves
        #: (مدرب نيوكاسل يونايتد الإنجليزي), so they name holders but give no nationality
        self.after_roles: list[tuple[list[str], tuple[EntityKind, str], bool]] = []
        for e in entities:
            if e.kind != "person":
                continue
            for r in e.roles:
                toks = normalize_key(r).split()
                if toks:
                    self.role_index.append((toks, (e.kind, e.key), True))
        self.cues, self.came_in = _split_cues()
        self._index_written_roles()
        self.issuers = self._index_issuers()
        self.last_tok = -1  # cue token of the latest statement
        self.blocks_continuation = False  # set when a rejected verb also silences "كما تدعو" after it

    def _index_written_roles(self) -> None:
        """Roles the article itself writes before a name ("الرئيس التركي رجب طيب أردوغان") or after it
        as an apposition, so that a later "وقال الرئيس التركي" finds him even when entity resolution
        gave no roles."""
        art = self.art
        for ts, (m, _) in art.mention_at.items():
            if m.kind != "person" or m.method in ("demonym", "role"):
                continue
            end = ts - 1 if ts and art.words[ts - 1] in _COMMA else ts
            crossed = False  # a preposition inside the phrase: قاضي المحكمة الجزئية في بروكلين
            for t in range(end - 1, max(-1, end - _MAX_ROLE_BEFORE_NAME), -1):
                w = art.words[t]
                if w in _ROLE_PREPS and t < end - 1 and art.cover[t] is None:
                    crossed = True
                    continue
                if not w.isalnum() or (w in _STOP and art.cover[t] is None) or art.para[t] != art.para[ts]:
                    break
                skip = art.head_skip(t, _roles())
                if skip is not None:
                    if crossed and w.startswith("ال"):
                        break  # "زار الرئيس في القاهرة، X": a definite title before في is another person
                    toks = art.words[t:end]
                    toks[0] = "ال" + toks[0][2:] if skip == 2 else toks[0][skip:]
                    self.role_index.append((toks, (m.kind, m.entity_key), False))
                    break
            after = self._role_after(art.mention_at[ts][1])
            if after:
                self.after_roles.append((after, (m.kind, m.entity_key), False))

    def _role_after(self, k: int) -> list[str]:
        """A role written right after a name and closed like an apposition ("رافائيل بنيتز، مدرب نيوكاسل
        يونايتد الإنجليزي، إن"): its tokens, or none when another name follows it (then it is that
        name's role: "التقى X وزير الخارجية Y")."""
        art = self.art
        n = len(art.words)
        if k < n and art.words[k] in _COMMA:
            k += 1
        if k >= n or art.head_skip(k, _roles()) != 0 or art.cover[k] is not None:
            return []
        e = k + 1
        while e < n and e - k < _MAX_ROLE_BEFORE_NAME and art.para[e] == art.para[k]:
            w = art.words[e]
            cm = art.cover[e]
            if cm is not None and cm.kind == "person" and cm.method != "demonym":
                return []
            if not w.isalnum() or w in _STOP or art.is_comp(e) or w in self.cues:
                break
            e += 1
        closed = e < n and (
            art.words[e] in _COMMA
            or art.is_comp(e)
            or art.words[e] in _SENT_END
            or art.words[e] in _COLON
            or (art.words[e] in _QUOTES and e in art.quote_close)  # X المتحدث باسم الشرطة "..."
        )
        return list(art.words[k:e]) if closed else []

    # -- speakers ---------------------------------------------------------------------------

    def entity_speaker(self, m: Mention, start: int, end: int) -> _Speaker:
        kind = _ENTITY_SPEAKER.get(m.kind, "role")
        return _Speaker(kind, self.doc.original[start:end], (m.kind, m.entity_key), start, end)

    def link_role(self, phrase: list[str], before: int, at: int = -1) -> tuple[EntityKind, str] | None:
        """The person whose role the phrase names: the latest one named before ``before``, else
        (a headline naming the role before the text names the person) one whose resolved entity
        carries that role. ``at``: the phrase's first token, to read it for ``_sole_referent``."""
        if not phrase:
            return None
        head = _bare(phrase[0])
        rest = {_bare(w) for w in phrase[1:]}
        found: list[tuple[EntityKind, str]] = []
        stated: list[tuple[EntityKind, str]] = []
        for toks, ent, from_entity in [*self.role_index, *self.after_roles]:
            rt = {_bare(w) for w in toks}
            if _bare(toks[0]) == head and rest <= rt and ent not in found:
                found.append(ent)
                if from_entity:
                    stated.append(ent)
        if not found:
            return self._sole_referent(head, at, len(phrase), before) if at >= 0 else None
        best, best_pos = None, -1
        for m in self.art.mentions:
            if m.start >= before:
                break
            if (m.kind, m.entity_key) in found and m.start > best_pos:
                best, best_pos = (m.kind, m.entity_key), m.start
        if best is not None:
            return best
        if len(stated) == 1:
            return stated[0]
        # "مدرب نيوكاسل: ..." in a headline, "رافائيل بنيتز، مدرب نيوكاسل" in the text: the one holder;
        # so too a lead that names the office before the body names the person (وحذر المتحدث باسم
        # الشرطة ... وقال حشمت ستانكزاي المتحدث باسم الشرطة)
        return found[0] if len(found) == 1 and at >= 0 else None

    def _sole_referent(self, head: str, at: int, n: int, before: int) -> tuple[EntityKind, str] | None:
        """The person a title used alone stands for when no stated role has its very words: the one
        person named before whose role has its head and its country (السفير الصيني for سفير الصين
        وانغ دي), or, when no role has that head, the only person the article has named so far, if
        no role of theirs is known (الممثلة after سلمى حايك). Only nationality adjectives and a few
        others may follow the head: a noun names another office (وزير الخارجية is not وزير الداخلية,
        and الخارجية looks like an adjective)."""
        art = self.art
        codes: set[str] = set()
        for t in range(at + 1, at + n):
            m = art.cover[t]
            if m is not None and (m.method == "demonym" or m.kind == "country"):
                codes.add(m.entity_key)  # الرئيس الإريتري, or رئيس إريتريا
            elif _bare(art.words[t]) not in _ROLE_ADJECTIVES:
                return None
        named: list[tuple[EntityKind, str]] = []
        for m in art.mentions:
            if m.start >= before:
                break
            ent = (m.kind, m.entity_key)
            if m.kind == "person" and m.method not in ("demonym", "role") and ent not in named:
                named.append(ent)
        holders: dict[tuple[EntityKind, str], list[list[str]]] = {}
        for toks, ent, _ in self.role_index:
            if _bare(toks[0]) == head:
                holders.setdefault(ent, []).append(toks)
        if len(holders) > 1:
            # "رئيس إريتريا" beside "الرئيس إيسايس أفورقي" and "رئيس الحكومة الإثيوبي آبي أحمد": the
            # bare title's holder; another noun after the title makes another office
            holders = {e: r for e, r in holders.items() if any(not _office_words(" ".join(t[1:])) for t in r)}
        if holders:
            if len(holders) > 1:
                return None
            ((ent, roles),) = holders.items()
            fits = any(codes <= _role_countries(" ".join(toks)) for toks in roles)
            if not fits and codes and not any(_role_countries(" ".join(toks)) for toks in roles):
                # "الرئيس رجب طيب أردوغان" then "الرئيس التركي": the title names no country, the
                # sentences that name him name Turkey most
                fits = self._country_of(ent) in codes
            return ent if fits and ent in named else None
        if len(named) == 1 and all(ent != named[0] for _, ent, _ in self.role_index):
            return named[0]
        return None

    def _country_of(self, ent: tuple[EntityKind, str]) -> str | None:
        """The country named (or meant by a nationality adjective) in most of the sentences that
        name the person, when one leads: the nationality a bare title leaves unsaid."""
        art = self.art
        sentences = {art.sid[t] for t, m in enumerate(art.cover) if m is not None and (m.kind, m.entity_key) == ent}
        seen: dict[str, set[int]] = {}
        for t, m in enumerate(art.cover):
            if m is not None and m.kind == "country" and art.sid[t] in sentences:
                seen.setdefault(m.entity_key, set()).add(art.sid[t])
        ranked = sorted((len(v), k) for k, v in seen.items())
        if not ranked or (len(ranked) > 1 and ranked[-1][0] == ranked[-2][0]):
            return None
        return ranked[-1][1]

    def _relation_before(self, p: int) -> bool:
        """Token p - 1 is a relation noun in construct with the name at p (محامي ترمب), not one with
        a pronoun (محاميه سيفاراسا: his lawyer, who is named) that normalizes like a feminine noun."""
        art = self.art
        w = art.words[p - 1]
        if art.cover[p - 1] is not None or not art.in_lexicon(w, _relations()):
            return False
        return not self._possessed(p - 1)

    def phrase_speaker(self, a: int, b: int, subject_first: bool, headline: bool = False) -> _Speaker | None:
        """The speaker named by tokens [a, b) (a subject or headline phrase), if any. A headline's
        institution noun may stand for a body the text names only after it."""
        art = self.art
        if a >= b:
            return None
        while a < b and (art.words[a] in _QUOTES or art.words[a] in _AMMA):
            a += 1
        if a >= b:
            return None
        doc_speaker = self.document_speaker(a, b)
        if doc_speaker is not None:
            return doc_speaker
        persons: list[tuple[Mention, int, int]] = []
        first = None
        i = a
        while i < b:
            hit = art.speaker_mention(i)
            if hit is not None:
                m, te = hit
                if first is None:
                    first = (m, i, min(te, b))
                if m.kind == "person" and not (i > a and art.words[i - 1] in _BISM and persons):
                    persons.append((m, i, min(te, b)))  # not "X المتحدثة باسم Y": Y is X's role
                i = max(te, i + 1)
            else:
                i += 1
        if (
            first is not None
            and first[0].kind == "organization"
            and a + 1 < first[1] <= a + 5
            and art.in_lexicon(art.words[a], _OUTLETS)
            and all(self._describes_outlet(t) for t in range(a + 1, first[1]))
            and any(art.words[t].isalpha() for t in range(a + 1, first[1]))  # صحيفة "X" is read elsewhere
        ):
            # "شبكة التلفزيون الأميركية "أن بي سي""، "وكالة الأنباء الرسمية "سانا"": the outlet by its name
            m0, i0, t0 = first
            return self.entity_speaker(m0, *_orig(art, i0, t0))
        role_head = art.is_role_head(a)
        if persons and not role_head and art.is_anonymous_head(a):
            # "مصدر مقرب من الرئيس X": the person is not the source; "الناشط X" names him
            p0 = persons[0][1]
            if any(art.words[t] in _STOP or art.words[t] in _COMMA for t in range(a, p0)) or (
                art.words[p0] in _BISM or (p0 > a and art.words[p0 - 1] in _BISM)
            ):
                persons = []
                first = None
        if persons:
            m, p, te = persons[0] if subject_first else persons[-1]
            s, e = _orig(art, a, te)
            titled_relation = (
                p > a + 1
                and art.words[a] in _KIN_OR_OFFICE
                and art.is_role_head(a + 1)
                and art.cover[a] is None
                and not self._possessed(a)
            )  # مكتب الرئيس ميشال عون
            if p > a and (self._relation_before(p) or titled_relation):
                return _Speaker("role", self.doc.original[s:e], None, s, e)  # محامي ترمب: the lawyer speaks
            if not role_head and first is not None and first[0].kind != "person" and first[1] == a:
                # "البيت الأبيض ... ترامب": an organization opening the phrase is the subject
                m0, i0, t0 = first
                return self.entity_speaker(m0, *_orig(art, i0, t0))
            return self.entity_speaker(m, s, e)
        if role_head:
            end = b
            while end > a + 1 and (art.words[end - 1] in _STOP or not art.words[end - 1].isalnum()):
                end -= 1
            s, e = art.head_start(a, _roles()), art.oend[end - 1]
            ent = self.link_role(art.words[a:end], s, a)
            if ent is None:
                # a mention inside the phrase that stands for a person ("role" mentions)
                for t in range(a, end):
                    cm = art.cover[t]
                    if cm is not None and cm.kind == "person":
                        ent = (cm.kind, cm.entity_key)
                        break
            text = self.doc.original[s:e]
            if ent is not None:
                return _Speaker("person", text, ent, s, e, linked=True)
            commas = [t for t in range(a + 1, end) if art.words[t] in _COMMA]
            if commas and 0 < end - commas[-1] - 1 <= _MAX_APPOSITIVE_NAME and all(
                art.words[t].isalpha() and art.words[t] not in _STOP for t in range(commas[-1] + 1, end)
            ):
                # "المتحدث باسم الخارجية، بهرام قاسمي": the name in apposition is the speaker
                ns, ne = _orig(art, commas[-1] + 1, end)
                return _Speaker("person", self.doc.original[ns:ne], None, ns, ne)
            return _Speaker("role", text, None, s, e)
        if first is not None and first[1] == a:
            m0, i0, t0 = first
            return self.entity_speaker(m0, *_orig(art, i0, t0))
        if (
            first is not None
            and first[1] == a + 1
            and first[0].kind == "organization"
            and self._construct_head(a)
        ):
            # "منظمة أطباء بلا حدود"، "حركة حماس": a head noun before the body's own name
            m0, _, t0 = first
            return self.entity_speaker(m0, *_orig(art, a, t0))
        if art.is_anonymous_head(a):
            end = self.anonymous_end(a, b)
            s, e = art.head_start(a, _anonymous()), art.oend[end - 1]
            return _Speaker("anonymous", self.doc.original[s:e], None, s, e)
        cm = art.cover[a]
        if b == a + 1 and cm is not None and cm.method == "demonym" and art.words[a].endswith(("ون", "يين")):
            s, e = _orig(art, a, b)
            return _Speaker("anonymous", self.doc.original[s:e], None, s, e)  # "يقول فلسطينيون إن": people
        ref = self._institution_referent(a, headline) if b == a + 1 and art.words[a].startswith("ال") else None
        if ref is not None:
            # "وذكر المرصد" after "المرصد السوري لحقوق الإنسان": the body named before speaks
            s, e = _orig(art, a, b)
            return _Speaker("organization", self.doc.original[s:e], ref, s, e, linked=True)
        if art.words[a].startswith("ال") and art.words[a] in _institutions():
            return self._unnamed_phrase(a, b)  # "وأكد البيان"، "قالت الشرطة"
        return None

    def _describes_outlet(self, t: int) -> bool:
        """Token t may stand between an outlet noun and its name: a quotation mark, a word no mention
        covers (التلفزيون، الرسمية) or a nationality (الأميركية)."""
        art = self.art
        w, m = art.words[t], art.cover[t]
        return w in _QUOTES or (w.isalpha() and w not in _STOP and (m is None or m.method == "demonym"))

    def anonymous_end(self, a: int, limit: int) -> int:
        """End of an unnamed-source phrase at ``a``: the head, its adjectives (مصادر أمنية مطلعة),
        "باسم ..." (متحدث باسم الوزارة) and where the source sits (مصدر في القنصلية، مسؤول بالإدارة
        الأمريكية): "a source in the Syrian army" tells the reader whose source it is."""
        art = self.art
        end = a + 1
        w0 = art.words[a]
        # the two-word heads behind a clitic too: "وفقا لوسائل إعلام رسمية"
        firsts = (w0, art.strip_clitic(w0), _after_li(w0) if w0.startswith("ل") else w0)
        if end < limit and any(f"{f} {art.words[end]}" in _anonymous() for f in firsts):
            end += 1
        cap = end + 3  # adjectives after a head of one or two words: وسائل إعلام حكومية تركية، مسؤول كوري جنوبي كبير
        while end < min(limit, cap):
            w = art.words[end]
            definite = art.words[a].startswith("ال") and w.startswith("ال")
            if (
                w in _STOP
                or not w.isalpha()
                or len(w) < 3
                or w in self.cues
                or art.is_comp(end)
                or art.addressee_len(end)
                or (w[0] == "ب" and getattr(art.cover[end], "method", "") != "demonym")
                or not (definite or w.endswith(_ADJ_ENDINGS) or w in _RANK_ADJ)
                or (art.cover[end] is not None and art.cover[end].method != "demonym")  # type: ignore[union-attr]
                or (self._possessed(end) and w not in _SELF)
            ):
                break  # "محلل ديلي ميل": a name is no adjective; "المسؤول تصريحاته": nor a possessed noun
            end += 1
        place = self._source_place(end, limit)
        if place is not None:
            return place
        if end + 1 < limit and art.words[end] in _BISM:
            hit = art.mention_at.get(end + 1)
            if hit is not None and hit[0].kind != "person":
                return min(hit[1], limit)
            stop = end + 1
            while stop < min(limit, end + 4):
                w = art.words[stop]
                if not w.isalpha() or w in _STOP or art.is_comp(stop) or w in self.cues or art.mention_at.get(stop):
                    break
                if (
                    stop > end + 1
                    and art.words[stop - 1].startswith("ال")
                    and not w.endswith(_ADJ_ENDINGS)
                    and not w.startswith("لل")  # باسم القيادة العامة للجيش: a ل-complement goes on
                ):
                    break  # "وصف متحدث باسم الشرطة التحقيقات بأنها": a definite noun after a definite one is the object
                stop += 1
            if stop > end + 1:
                return stop
        return end

    def _source_place(self, end: int, limit: int) -> int | None:
        """End of "في X" / "من X" / "لدى X" / a glued "بالX" after an unnamed source's head, if one is
        there: a body or place named there, or a definite noun and its adjectives the tagger left out."""
        art = self.art
        w = art.words[end] if end < limit else ""
        if w in _SOURCE_PREP and end + 1 < limit:
            at = end + 1
        elif w.startswith("بال") and len(w) > 4 and w.isalpha():
            at = end  # "مصدر بالجيش السوري": the preposition is glued to the place
        else:
            return None
        # "من" and "بـ" also start a verb's complement (وحذر الخبير من الغضب، تصريحاته بالتشديد): after
        # them only a body, a place or an institution noun is where the source sits
        strict = at == end or w in _MIN
        quoted = at + 1 < limit and art.words[at] in _QUOTES
        hit = art.mention_at.get(at + 1 if quoted else at)
        if hit is not None and hit[0].kind != "person":
            stop = min(hit[1], limit)
            if quoted and stop < limit and art.words[stop] in _QUOTES:
                stop += 1  # مصدر في "ألوية العمالقة"
            return stop
        if quoted:
            close = next((t for t in range(at + 2, min(limit, at + 7)) if art.words[t] in _QUOTES), None)
            return close + 1 if close is not None else None  # a quoted name the tagger left out
        first = art.words[at]
        if at == end:
            first = first[1:]
        if strict and first not in _institutions():
            return None
        if first.startswith("ال") and first.isalpha():
            stop = at + 1  # a place the tagger left out: the noun and its adjectives
            while stop < min(limit, at + 3) and art.words[stop].startswith("ال") and (
                art.words[stop].endswith(_ADJ_ENDINGS) or art.mention_at.get(stop)
            ):
                stop += 1
            return stop
        return None

    def appositive_name(self, b: int, sent_end: int) -> tuple[_Speaker, int] | None:
        """"قال الجنرال البارز في سلاح الجو، تومر بار، إن": a name between commas after a role
        phrase names the speaker even when no tagger found it. Returns the speaker and the token
        after the name."""
        art = self.art
        t = b
        while t < sent_end and t - b < 8 and art.words[t] not in _COMMA:
            w = art.words[t]
            hit = art.mention_at.get(t)
            if w == "#":
                t += 1  # "في #مجلس_النواب_المصري، ياسر عمر،": a hashtag inside the role phrase
                continue
            if not w.isalnum() or art.is_comp(t) or w in self.cues or (hit is not None and hit[0].kind == "person"):
                return None
            t += 1
        if t >= sent_end or art.words[t] not in _COMMA:
            return None
        first = t + 1
        while first < sent_end and first - t <= 2 and (art.is_role_head(first) or art.words[first] in _honorifics()):
            first += 1  # "، الرائد آدريان رانكين،"، "، الدكتور علي عبد العال،": a rank before the name
        w0 = art.words[first] if first < sent_end else ""
        if len(w0) == 1 and w0.isalpha() and first + 1 < sent_end and art.words[first + 1] == _INNER_DOT:
            first += 2  # "، د. نبيل بن محمد العامودي،": an abbreviated title
        elif w0 == _INNER_DOT and first > t + 1:
            first += 1  # the same, where the letter is read as an honorific
        hit = art.speaker_mention(first)
        if hit is not None and hit[0].kind == "person":
            m, end = hit  # a resolved name: its entity is the speaker
            # "، لورين ريدر في بيان:": where it was said may follow the name
            k = end + 2 if end + 2 < sent_end and art.words[end] == "في" and art.words[end + 1] in _SETTING else end
            if k < sent_end and (
                art.words[k] in _COMMA or art.is_comp(k) or art.words[k] in _COLON or art.addressee_len(k)
            ):  # "والدة خافيير، غابرييلا ميلر لصحيفة ... إنها": who she spoke to may follow the name
                return self.entity_speaker(m, m.start, m.end), end
        end = first
        while end < sent_end and end - first <= _MAX_APPOSITIVE_NAME:
            w = art.words[end]
            if w in _COMMA or art.is_comp(end) or w in _COLON or (end > first and art.addressee_len(end)):
                break
            if end > first and w in _FILLER and end + 1 < sent_end and art.words[end + 1] in _COMMA:
                break  # "، عبدالرقيب فتح بشدة،": an adverb of the verb before the closing comma
            if (
                not w.isalpha()
                or w in _STOP
                or w in _FILLER
                or w in _TIME_HEAD
                or w in self.cues
                or art.is_role_head(end)
                or art.is_anonymous_head(end)
                or w in _institutions()
                or (end == first and w.startswith("ال") and not self._name_pair(end, sent_end))
            ):
                return None
            end += 1
        if end == first or end - first > _MAX_APPOSITIVE_NAME or end >= sent_end:
            return None
        if not (
            art.words[end] in _COMMA
            or art.is_comp(end)
            or art.words[end] in _COLON
            or art.addressee_len(end)
            or art.words[end] in _FILLER
        ):
            return None
        s, e = _orig(art, first, end)
        return _Speaker("person", self.doc.original[s:e], None, s, e), end

    def _name_pair(self, i: int, sent_end: int) -> bool:
        """"الشافعي أبتدون": a family name with the article followed by a bare word, then a stop."""
        art = self.art
        return (
            i + 2 < sent_end
            and art.words[i + 1].isalpha()
            and not art.words[i + 1].startswith("ال")
            and art.words[i + 1] not in _STOP
            and (art.words[i + 2] in _COMMA or art.is_comp(i + 2))
        )

    def filler_len(self, i: int, sent_end: int) -> int:
        """Tokens of a discourse filler (من جهته، في هذا الصدد) starting at ``i``."""
        art = self.art
        if art.words[i] == "في" and i + 1 < sent_end and art.words[i + 1] in _TIME_HEAD:
            k = self.filler_len(i + 1, sent_end)
            return k + 1 if k else 0  # "في وقت سابق"، "في أواخر أبريل الماضي"
        if art.words[i] in _TIME_HEAD:
            t = i + 1
            while t < sent_end and art.words[t] in _TIME_TAIL:
                t += 1
            return t - i if t > i + 1 else 0
        if art.words[i] not in _FILLER_HEAD:
            return 0
        for t in range(i + 1, min(sent_end, i + 3)):
            if art.words[t] in _FILLER_TAIL:
                return t + 1 - i
        return 0

    def subject_after(self, cue: int, sent_end: int) -> tuple[int, int]:
        """Token span [a, b) of the subject phrase right after a verb (may be empty)."""
        art = self.art
        cue_form = self.cues.get(art.words[cue])
        object_verb = cue_form is not None and cue_form.frame == "np"
        i = cue + 1
        while i < sent_end:
            w = art.words[i]
            if w in _FILLER or w in _COMMA or (w in _ADDRESSEE_PRONOUNS and art.speaker_mention(i) is None):
                i += 1  # not the name لي (لي كه تشيانغ), which is a mention
                continue
            k = self.filler_len(i, sent_end)
            if k:
                i += k
                continue
            k = art.addressee_len(i)
            if k:
                i += k
                continue
            if len(w) == 1 and w.isalpha() and i + 1 < sent_end and art.words[i + 1] == _INNER_DOT:
                i += 2  # "وقال د. أحمد علي": an abbreviated title
                continue
            if w in _ADDRESSING and i + 1 < sent_end:
                # "وقال مخاطبا ترامب": the one addressed follows the participle; the speaker is the
                # subject carried over
                addressed = art.speaker_mention(i + 1)
                one_word = art.words[i + 1].isalpha() and not art.is_comp(i + 1)
                i = addressed[1] if addressed is not None else (i + 2 if one_word else i + 1)
                continue
            break
        a = i
        hit0 = art.speaker_mention(a) if a < sent_end else None
        named = self._outlet_name(a, sent_end) if hit0 is None else None
        if named is not None:
            # "ذكرت صحيفة واشنطن بوست"، "قالت صحيفة "يو إس إيه توداي"": the outlet's name is the speaker
            a, hit0, quoted_end = named
            if quoted_end is not None:
                return a, min(quoted_end, sent_end)
        if hit0 is not None and hit0[0].kind != "person" and not art.is_role_head(a):
            # an organization or country subject: the name, names joined to it with و, and
            # "في <name>" after it (وزارة الداخلية في حكومة الوفاق)
            b = hit0[1]
            while b < sent_end:
                close = art.quote_close.get(b) if art.words[b] in _QUOTES else None
                if close is not None and close - b <= 4:
                    b = close + 1  # وكالة الأنباء السورية "سانا"
                    continue
                nxt = art.mention_at.get(b + 1) if art.words[b] == "في" else None
                if nxt is not None and nxt[0].kind != "person":
                    b = nxt[1]
                    continue
                w = art.words[b]
                if (
                    hit0[0].kind == "organization"
                    and w.startswith("ال")
                    and w.endswith(_NISBA)
                    and b not in art.mention_at
                ):
                    b += 1  # an adjective the name's span left out (الحزب الشعبوي اليساري)
                    continue
                joined = art.speaker_mention(b)
                if joined is not None and art.words[b][0] == "و" and not normalize_key(
                    joined[0].surface
                ).startswith("و"):
                    b = joined[1]
                    continue
                break
            return a, min(b, sent_end)
        if a < sent_end and art.is_anonymous_head(a) and not art.is_role_head(a):
            end = self.anonymous_end(a, sent_end)
            k = end
            while k < min(sent_end, end + 5):
                body = art.mention_at.get(k)
                if body is not None and body[0].kind == "organization":
                    k = body[1]  # "محلل بي بي سي أنتوني زوركر": the body he works for, then the name
                elif art.words[k].startswith("ال") and (
                    art.cover[k] is None or art.cover[k].method == "demonym"  # type: ignore[union-attr]
                ):
                    k += 1  # "محللة الشأن السياسي الأمريكي آن كولتار": a genitive, then the name
                else:
                    break
            hit = art.mention_at.get(k)
            if hit is not None and hit[0].kind == "person" and hit[0].method != "demonym":
                end = hit[1]  # "الناشط السوري X": the unnamed-source noun describes a named person
            return a, min(end, sent_end)
        if (
            a < sent_end
            and art.words[a].isalnum()
            and not art.is_comp(a)
            and art.words[a] not in _STOP
            and art.words[a] not in _PREP
            and art.words[a] not in self.cues
            and not (art.is_role_head(a) or art.is_anonymous_head(a) or art.speaker_mention(a))
        ):
            # a noun phrase we cannot name as a speaker (or a city: أعلنت موسكو): a few words,
            # never running on into a name or a title that may be the object
            place = art.mention_at.get(a)
            if place is not None and place[0].kind == "location":
                return a, min(place[1], sent_end)
            definite = art.words[a].startswith("ال")
            share = self._share_phrase(a, sent_end)
            if share > a:
                return a, share  # "أكثر من ثلاثة أرباع المجيبين": a share of people speaks for them
            b = a + 1
            while b < min(sent_end, a + _MAX_UNKNOWN_SUBJECT):
                w = art.words[b]
                if w in _QUOTES:
                    close = art.quote_close.get(b)
                    if close is not None and close - b <= 4:
                        b = close + 1  # صحيفة "ديلي ميل"
                        continue
                    break
                hit = art.mention_at.get(b)
                if hit is not None and b == a + 1 and hit[0].kind == "organization" and not definite:
                    if self._construct_head(a):
                        b = hit[1]  # "منظمة أطباء بلا حدود": a head noun before the body's own name
                        break
                    after = art.speaker_mention(hit[1]) if hit[1] < sent_end else None
                    if after is not None and after[0].kind == "person":
                        b = after[1]  # "حارس باريس سان جرمان ألفونس أريولا": the man the phrase names
                        break
                if hit is not None and hit[0].kind == "person" and hit[0].method != "demonym":
                    if art.words[a] not in _RELATIONAL:
                        b = hit[1]  # "قال النجم يايا توريه"; but "شقيق الجارحي" is his brother
                    break
                if b == a + 1 and art.words[a] in _KIN_OR_OFFICE and art.is_role_head(b):
                    # "مكتب الرئيس ميشال عون": the relation's genitive is a titled person; the phrase
                    # runs through the name, and the office (not the president) speaks
                    t = b + 1
                    while t < min(sent_end, b + 4) and art.speaker_mention(t) is None and art.words[t].isalpha():
                        t += 1
                    holder = art.speaker_mention(t) if t < sent_end else None
                    if holder is not None and holder[0].kind == "person" and holder[0].method != "demonym":
                        b = holder[1]
                    break
                if hit is not None and hit[0].method == "demonym":
                    b = hit[1]
                    continue
                if (
                    hit is not None
                    and hit[0].kind in ("location", "country")
                    and not art.words[b - 1].startswith("ال")
                    and art.words[b - 1].isalpha()
                ):
                    b = hit[1]  # "ولي عهد أبوظبي": a place in construct ends the phrase
                    break
                if (
                    not w.isalnum()
                    or w in _STOP
                    or w in _PREP
                    or w in _FILLER
                    or w in _attribution()
                    or art.is_comp(b)
                    or w in self.cues
                    or art.is_role_head(b)
                    or hit is not None
                    or art.addressee_len(b)
                    or (definite and not w.startswith("ال"))  # "البيان خطوة ...": the object
                    or (definite and w in _institutions())  # "وحذرت الحكومة الشركة": the object
                ):
                    break
                b += 1
            return a, min(b, sent_end)
        j = i
        saw_person = False
        stray = -1  # first indefinite word that may end the phrase when no name follows
        while j < sent_end and j - a < _MAX_SUBJECT:
            w = art.words[j]
            if art.is_comp(j) or w in _COLON or w in _SENT_END or w in _DASH:
                break
            if w in _QUOTES:
                close = art.quote_close.get(j)
                if close is not None and close - j <= 6 and j - a <= 3 and art.mention_at.get(j + 1):
                    j = close + 1  # a quoted name: شركة "سوني بيكتشرز"
                    continue
                break
            if w in _COMMA:
                k = j + 1
                while (
                    k < min(sent_end, j + 4)
                    and art.speaker_mention(k) is None
                    and (
                        art.is_role_head(k)
                        or (k > j + 1 and art.words[k].startswith("ال") and art.words[k] not in _STOP)
                    )
                ):
                    k += 1  # "، العقيد الركن تركي المالكي،": a rank before the name
                after = art.speaker_mention(k) if k < sent_end else None
                if not saw_person and after is not None and after[0].kind == "person":
                    j = k  # "وزير التجارة الصيني، تشونغ شان،": the name in apposition
                    continue
                break
            hit = art.speaker_mention(j)
            if hit is not None:
                m, te = hit
                j = max(te, j + 1)
                if m.kind == "person":
                    saw_person = True
                    break
                continue
            if (w in self.cues or w in _FILLER or w in _attribution() or art.addressee_len(j)) and j > a:
                break
            if j > a and w in _TIME_HEAD and j + 1 < sent_end and art.words[j + 1] in _TIME_TAIL:
                break  # "الرئيس الشيشاني | يوم الأحد": a time adverbial, not a construct chain
            if w in _STOP or art.strip_clitic(w) in _STOP:
                if j == a or saw_person:
                    break
                nxt_hit = art.mention_at.get(j + 1) if w == "في" else None
                if nxt_hit is not None and j > a and (
                    nxt_hit[0].kind == "organization"
                    or (nxt_hit[0].kind in ("location", "country") and nxt_hit[0].method != "demonym")
                ):
                    j = nxt_hit[1]  # وزارة الداخلية في حكومة الوفاق، المتحدث باسم التحالف في اليمن
                    continue
                # a preposition inside a role phrase: go on only when a person follows shortly
                ahead = False
                for t in range(j + 1, min(sent_end, j + 5)):
                    if art.is_comp(t) or art.words[t] in _COLON or art.words[t] in _QUOTES:
                        break
                    hit2 = art.speaker_mention(t)
                    if hit2 is not None and hit2[0].kind == "person":
                        ahead = True
                        break
                if not ahead:
                    break
            elif j > a and stray < 0 and not w.startswith("ال") and not art.is_role_head(j) and w.isalpha():
                # an indefinite word goes on a role phrase as the head of a construct chain
                # ("رئيس قطاع البحوث") or as part of a name; with no name found it is more likely
                # the object ("وأكد المتحدث موقف بريطانيا")
                following = art.words[j + 1] if j + 1 < sent_end else ""
                # a construct: after an indefinite head, or after باسم (المتحدث باسم قوات تحالف ...)
                construct = not art.words[a].startswith("ال") or any(
                    art.words[t] in _BISM for t in range(a + 1, j)
                )
                # after a definite head an indefinite common noun starts a new phrase, the object
                # ("دعا البابا جميع الدول إلى"، "أعلن الرئيس الفلبيني حظر العمالة"): a definite noun takes no genitive
                # (np verbs only; after a person's title it is more often an untagged name: "الفنان عاصي
                # الحلاني", unless a quantifier or a verb that takes its object first says otherwise)
                new_phrase = (
                    object_verb
                    and not construct
                    and following.startswith("ال")
                    and art.mention_at.get(j) is None
                    and w[0] not in "وبل"  # وال-: a coordinated head; بـ / لـ: a complement (القائد العام لجبهة)
                    and w not in _given_names()
                    and not art.is_anonymous_head(j)
                    and (
                        w in _QUANTIFIERS
                        or (cue_form is not None and cue_form.lemma in _OBJECT_FIRST)
                        or art.strip_clitic(art.words[a]) not in _title_words()
                    )
                )
                if new_phrase or not (
                    following.startswith("ال")
                    or art.mention_at.get(j + 1)
                    or w[:1] in "بل"
                    or (
                        construct
                        and (
                            art.mention_at.get(j) is not None  # ولي عهد أبوظبي
                            or (j == a + 1 and self._possessed(j))
                            or self._chain_to_definite(j, sent_end)
                        )
                    )
                ):
                    # but an indefinite head's complement is its own: "مدير أعمالها"، "مدير تطوير قطاع
                    # التجزئة" (a construct chain runs on to its definite end)
                    stray = j
            j += 1
        if stray >= 0 and not saw_person:
            return a, stray
        return a, min(j, sent_end)

    def _chain_to_definite(self, j: int, sent_end: int) -> bool:
        """Indefinite words from ``j`` run on within three words to a definite one or a name."""
        art = self.art
        for t in range(j + 1, min(sent_end, j + 4)):
            w = art.words[t]
            if w.startswith("ال") or art.mention_at.get(t):
                return True
            if not w.isalpha() or w in _STOP or art.is_comp(t) or w in self.cues:
                return False
        return False

    def _possessed(self, j: int) -> bool:
        """Token ``j`` as written ends in a possessive pronoun (أعمالها، مكتبه; not a teh marbuta)."""
        art = self.art
        word = self.doc.original[art.ostart[j] : art.oend[j]]
        return len(word) > 3 and word.endswith(("ه", "ها", "هم", "هما"))

    def _outlet_name(self, a: int, sent_end: int) -> tuple[int, tuple[Mention, int], int | None] | None:
        """(start, mention, end past a closing quote or None) of an organization named right after an
        outlet noun at ``a`` (صحيفة، موقع، وكالة ...), the name possibly in quotation marks."""
        art = self.art
        if a + 1 >= sent_end or not art.in_lexicon(art.words[a], _OUTLETS):
            return None
        k, close = a + 1, None
        if art.words[k] in _QUOTES:
            close = art.quote_close.get(k)
            if close is None or close - k > 6:
                return None
            k += 1
        hit = art.speaker_mention(k)
        if hit is None or hit[0].kind != "organization" or (close is not None and hit[1] > close):
            return None
        return k, hit, None if close is None else close + 1

    def subject_before(self, cue: int, sent_start: int) -> tuple[int, int]:
        """Token span [a, cue) of a subject phrase right before a verb (SVO); empty if none."""
        art = self.art
        if cue == sent_start:
            return cue, cue
        prev = cue - 1
        w = art.words[prev]
        ok = False
        cm = art.cover[prev]
        if cm is not None and cm.kind in _SPEAKER_KINDS and cm.method != "demonym":
            ok = True
        elif cm is not None and cm.method == "demonym":
            ok = True  # "مسؤول أمريكي يقول"
        elif art.is_anonymous_head(prev) or art.is_role_head(prev) or art.words[prev] in _institutions():
            ok = True
        elif w.isalpha() and w[:1] not in "بل" and prev > sent_start and (
            art.is_anonymous_head(prev - 1) or art.is_role_head(prev - 1)
        ):
            ok = True  # "مسؤول أمريكي يقول"; not "اللاعب لاختبار كشف"
        if not ok:
            return cue, cue
        a = prev
        while a > sent_start and cue - a < 10:
            pw = art.words[a - 1]
            if not pw.isalnum() or pw in _CLAUSE_OPENERS or pw in _AMMA or pw in self.cues:
                break
            if art.is_comp(a - 1) or art.inq[a - 1] >= 0 or pw in _FA_INNA:
                break  # "ووفقا لبيان صادر عن الديوان فإن الملك قال": the subject starts after فإن
            a -= 1
        # the phrase starts at the first mention, role head or anonymous head in the window
        for t in range(a, cue):
            if art.is_role_head(t) or art.is_anonymous_head(t) or art.speaker_mention(t):
                return t, cue
            cm2 = art.cover[t]
            if cm2 is not None and cm2.kind in _SPEAKER_KINDS:
                if cm2.method == "demonym" and t > a and art.words[t - 1] in _institutions():
                    return t - 1, cue  # "لكن السلطات السورية تقول": the institution its adjective describes
                return t, cue
        # "لكن البيان أكد أن": a definite institution noun right before the verb
        t = a
        while t < cue and (art.words[t] in _CLAUSE_OPENERS or art.words[t] in _KANA):
            t += 1  # "وكانت الحكومة قالت": the pluperfect's كان before its subject
        if t < cue and art.words[t] in _institutions() and art.words[t].startswith("ال"):
            return t, cue
        return cue, cue

    # -- content -------------------------------------------------------------------------------

    def content_after(
        self, i: int, sent_end: int, form: CueForm, clause_only: bool = False
    ) -> tuple[int, bool, bool] | None:
        """First content token after ``i``, whether it opens a quotation, whether a colon led in.

        ``clause_only``: only a complement clause, a colon or a quotation will do.
        """
        art = self.art
        if form.lemma == "دعا" and not clause_only and i < sent_end and self._li_purpose(i):
            return i, False, False  # "يدعو للإقبال على التصويت": لـ for إلى, not an addressee
        # "أشار إلى ضرورة ..."، "أكد على أهمية ...": the governed preposition right away, with a
        # noun phrase after it, is the content even when an "أن" comes later in the sentence
        if form.prep and not clause_only:
            t = self._skip_setting(i, sent_end)
            if (
                t + 1 < sent_end
                and art.words[t] == form.prep
                and not art.is_comp(t + 1)
                and art.words[t + 1].isalnum()
            ):
                return t + 1, False, False
        # a complementizer, a colon or a quotation ahead, up to the next reporting clause
        j = i
        while j < sent_end and j - i < _MAX_COMP_SEARCH:
            w = art.words[j]
            if art.is_comp(j) and (form.frame == "say" or w[0] != "ب"):
                return self._after_comp(j + 1, sent_end)
            if w in _QAWL and j + 2 < sent_end:
                # "عن الوزير قوله "نحن ... أن ...: a quotation opened right after "his saying" and never
                # closed is still what he said; a later أن is inside it
                k = j + 2 if art.words[j + 1] in _COLON else j + 1
                if k + 1 < sent_end and art.words[k] in _QUOTES and k not in art.quote_close and k not in art.closers:
                    return k + 1, False, k > j + 1
            if w in _COLON:
                k = j + 1
                return (k, self._opens_quote(k, sent_end), True) if k < sent_end else None
            if (
                w in _QUOTES
                and j in art.quote_close
                and sum(1 for t in range(j + 1, art.quote_close[j]) if art.words[t] != _INNER_DOT) > 3
                and not (j > i and self._outlet_noun(j - 1))  # لشبكة "سي.إن.إن": a name, not what was said
            ):
                if form.frame == "say" or all(
                    art.words[t] in _FILLER or not art.words[t].isalnum() for t in range(i, j)
                ):
                    return j, True, False
            if j > i and w in self.cues and (form.frame == "np" or self._clause_initial(j)):
                break
            if w in _SENT_END:
                break
            if form.frame == "np" and w in _COMMA and j + 1 < sent_end:
                nw = art.words[j + 1]
                if nw in _NOT_COMP_AFTER or (
                    nw[:1] == "و" and len(nw) > 2 and not art.is_comp(j + 1) and nw not in _APPOSITIVE_PRONOUNS
                ):
                    break  # "طالب X بضرورة ...، خاصة أن ...": the clause after the comma is not his
            j += 1
        if clause_only:
            return None
        # the preposition the verb governs (دعا إلى، أكد على، كشف عن) a few words ahead
        if form.prep:
            for t in range(i, min(sent_end, i + _MAX_PREP_SEARCH)):
                w = art.words[t]
                if w in self.cues or w in _SENT_END or art.is_comp(t):
                    break
                if w == form.prep:
                    start = self._skip_setting(i, sent_end)
                    if form.lemma in _OBJECT_FIRST and self._object_np(start, t):
                        return start, self._opens_quote(start, sent_end), False  # دعا البابا [جميع الدول] إلى
                    return self._after_comp(t + 1, sent_end)
                if (
                    form.prep == "ب"
                    and w[0] == "ب"
                    and len(w) > 3
                    # "ثم اعترف بتقطيعها"، "مطالبين بوظائف": no object first; a feminine participle (مطالبة
                    # بالفوز) may be a passive or a noun
                    and (t > i or (form.frame == "say" and (form.tense != "part" or not form.feminine)))
                    and w not in _roles()
                    and art.cover[t] is None
                ):
                    start = self._skip_setting(i, sent_end)
                    if form.lemma in _OBJECT_FIRST and start < t and self._object_np(start, t):
                        return start, False, False  # "مطالبة السلطات التونسية باستقبالهم": whom, then what
                    return t, False, False
        if form.frame != "np":
            return None
        j = self._skip_setting(i, sent_end)
        if j >= sent_end:
            return None
        w = art.words[j]
        if art.is_comp(j):
            return self._after_comp(j + 1, sent_end)
        if w in _COLON or w in _SENT_END or w in self.cues:
            return None
        if w in _PREP and j + 1 < sent_end:
            if art.is_comp(j + 1):
                return self._after_comp(j + 2, sent_end)
            j += 1
        return j, self._opens_quote(j, sent_end), False

    def _outlet_noun(self, t: int) -> bool:
        """Token ``t`` is an outlet noun (صحيفة، لشبكة، وقناة), behind a conjunction or a preposition."""
        w = self.art.words[t]
        if w.endswith("ين") or w.startswith("لل") or w[1:].startswith("ال") or w.startswith("ال"):
            # للصحافيين "..."، في التلفزيون "...": said to journalists or on television; the quotation
            # is what was said. Only an indefinite outlet noun takes the outlet's name after it.
            return False
        return w in _OUTLETS or w[1:] in _OUTLETS

    def _li_purpose(self, i: int) -> bool:
        """Token ``i`` is لـ / للـ + a verbal noun (للإقبال، لوقف): what a call is for, which is not who
        it was said to (للصحفيين، لوكالة رويترز)."""
        art = self.art
        w = art.words[i]
        if not w.startswith("ل") or w.startswith("ال") or len(w) < 4 or not w.isalpha():
            return False
        if art.mention_at.get(i) is not None or art.cover[i] is not None:
            return False
        if w.endswith("ين"):
            return False  # للصحفيين، للمواطنين: people
        rest = _after_li(w)
        bare = rest[2:] if rest.startswith("ال") else rest
        return not any(
            form in lex
            for form in (rest, bare)
            for lex in (_roles(), _OUTLETS, _anonymous(), _institutions(), _SETTING, _title_words())
        )

    def _share_phrase(self, a: int, sent_end: int) -> int:
        """End of "أكثر من نصف المستطلعين"، "حوالي 9 من كل 10 مجيبين"، "غالبية المشاركين" at ``a``: a
        quantity and the people it counts (a survey's respondents speak through it), or ``a``."""
        art = self.art
        t = a
        if art.words[t] in _ABOUT:
            t += 1
        if t >= sent_end or not (art.words[t] in _SHARES or art.words[t].isdigit()):
            return a
        if art.words[t].isdigit() and not (
            (t + 1 < sent_end and art.words[t + 1] in _PERCENT_SIGNS)
            or (t + 2 < sent_end and art.words[t + 1] in _MIN and art.words[t + 2] == "كل")
        ):
            return a  # a number counts people only as a share (27 بالمئة، 4 من كل 10), not as a year or a sum
        t += 1
        while t < min(sent_end, a + 10):
            w = art.words[t]
            if w in _MIN or w in _SHARES or w in _PERCENT_SIGNS or w.isdigit() or w in ("كل", "(", ")"):
                t += 1
                continue
            if art.is_anonymous_head(t):
                return self.anonymous_end(t, sent_end)  # "أكثر من مصدر قريب من الفريق"
            if w in _WHO:
                # "أقل من ربع الذين استطلعت آراؤهم"، "86 بالمئة من الذين شملهم الاستطلاع"
                end = t + 1
                while end < min(sent_end, t + 4) and art.words[end].isalpha() and not art.is_comp(end):
                    end += 1
                return end if end > t + 1 else a
            if w.isalpha() and w.endswith(("ين", "ون")) and w not in _STOP:
                return t + 1  # the people counted: المجيبين، المستطلعين، المشاركين
            break
        return a

    def _object_np(self, a: int, b: int) -> bool:
        """Tokens [a, b) are a short noun phrase (the people called on, warned or threatened), not an
        adverb, a filler or a setting."""
        art = self.art
        return 0 < b - a <= 4 and art.words[a][0] != "و" and all(
            art.words[t].isalpha()
            and art.words[t] not in _STOP
            and art.words[t] not in _FILLER
            and art.words[t] not in _TIME_HEAD
            and art.words[t] not in self.cues
            for t in range(a, b)
        )

    def _skip_setting(self, i: int, sent_end: int) -> int:
        """First token after ``i`` past fillers, addressees and a statement setting (في بيان ...،)."""
        art = self.art
        j = i
        while j < sent_end:
            w = art.words[j]
            if w in _FILLER or w in _COMMA or w in _PRON_PREP:
                j += 1
                continue
            k = self.filler_len(j, sent_end)
            if k:
                j += k
                continue
            k = art.addressee_len(j)
            if k:
                j += k
                continue
            if w == "في" and j + 1 < sent_end and art.words[j + 1] in _SETTING:
                t = j + 2
                while t < sent_end and t - j < 8 and art.words[t] not in _COMMA and not art.is_comp(t):
                    t += 1
                if t < sent_end and (art.words[t] in _COMMA or art.is_comp(t)):
                    j = t
                    continue
                t = self._published_in(j + 2, sent_end)
                if t > j + 2:
                    j = t
                    continue
            break
        return j

    def _published_in(self, t: int, sent_end: int) -> int:
        """After "في رسالة": an adjective, then "نشرتها صحيفة X" (the outlet that carried it); the
        token after the outlet's name, or ``t`` when the setting does not go on so."""
        art = self.art
        k = t
        if k < sent_end and art.words[k].isalpha() and art.cover[k] is None and art.words[k] not in _ISSUED:
            k += 1  # رسالة مفتوحة
        if k >= sent_end or art.words[k] not in _ISSUED:
            return t
        k += 1
        named = self._outlet_name(k, sent_end)
        if named is not None:
            k = named[0]
        while k < sent_end and art.words[k] in _QUOTES:
            k += 1
        hit = art.speaker_mention(k) if k < sent_end else None
        if hit is None or hit[0].kind != "organization":
            return t
        k = hit[1]
        while k < sent_end and art.words[k] in _QUOTES:
            k += 1
        return k

    def _after_comp(self, j: int, sent_end: int) -> tuple[int, bool, bool] | None:
        art = self.art
        if j < sent_end and art.is_comp(j):  # إلى أن after a governed preposition
            j += 1
        if j >= sent_end:
            return None
        return j, self._opens_quote(j, sent_end), False

    def _opens_quote(self, j: int, sent_end: int) -> bool:
        """Token ``j`` opens a quotation that is the whole content: long, or closing the clause
        ("أن "الهام" الذي ..." only quotes one word of a longer content)."""
        art = self.art
        close = art.quote_close.get(j) if art.words[j] in _QUOTES else None
        if close is None:
            return False
        nxt = art.words[close + 1] if close + 1 < sent_end else "."
        if nxt in self.cues and close - j <= _MAX_APPOSITIVE_NAME + 1:
            return False  # أن "رابطة التجارة الدولية الكورية" قالت ...: a quoted name, then its own report
        return close - j > 4 or nxt in _SENT_END or nxt in _COMMA

    # -- main loop -----------------------------------------------------------------------------

    def run(self) -> list[Statement]:
        art = self.art
        found: list[_Found] = []
        last: _Speaker | None = None
        # headlines first: they sit at line starts, before any verb of the line
        headline_at: dict[int, _Found] = {}
        for p_start in art.line_starts:
            hf = self._headline(p_start)
            if hf is not None:
                headline_at[p_start] = hf
        attribution = _attribution()
        cues = self.cues
        candidates = [
            i
            for i, w in enumerate(art.words)
            if w in cues
            or w in attribution
            or (w in self.came_in and i + 1 < len(art.words) and art.words[i + 1] == self.came_in[w].prep)
        ]
        if headline_at:
            candidates = sorted({*candidates, *headline_at})
        covered_until = -1  # token index up to which a previous content runs (nested cues skipped)
        sentence_rejected: set[int] = set()
        pos = 0  # candidates before this token were consumed by an earlier statement
        for i in candidates:
            if i < pos:
                continue
            if i in headline_at:
                head = headline_at[i]
                found.append(head)
                last = head.speaker
                pos = head.content_tok
                continue
            w = art.words[i]
            sid = art.sid[i]
            if self._skipped_sentence(sid):
                pos = art.sent_bounds[sid][1]
                continue
            if art.inq[i] >= 0 or (i < covered_until and (w not in cues or not self._clause_initial(i))):
                continue  # inside a quotation, or a report nested in a statement's content
            s_start, s_end = art.sent_bounds[sid]
            f: _Found | None
            form = cues.get(w) or self.came_in.get(w)
            if form is not None:
                self.blocks_continuation = False
                f = self._verb(i, form, s_start, s_end, last, sid in sentence_rejected)
                if f is None and self.blocks_continuation:
                    sentence_rejected.add(sid)
            else:
                f = self._attribution_phrase(i, attribution[w][0], s_start, s_end)
            if f is None:
                continue
            found.append(f)
            last = f.speaker
            self.last_tok = i
            covered_until = s_end
            pos = max(i + 1, f.content_tok)
        self._sole_person(found)
        return self._finish(found)

    def _sole_person(self, found: list[_Found]) -> None:
        """A descriptive title standing for the speaker, in an article that names one person only, is
        that person (وقال نجم منتخب مصر in an article about محمد صلاح; فنان العرب، المطربة): news refers
        back to its one named person by descriptions. Offices (وزير، سفير، رئيس) are left to
        ``link_role``, which reads their words; and not a phrase that names a body or a country of its
        own, a title whose head none of the person's written roles has (الفنانة after الفنان), or one
        that names someone by a relation (محامية الشابة). Institutions (البيان، المستشفى) are no titles."""
        if not any(f.speaker.kind == "role" and f.speaker.entity is None for f in found):
            return
        art = self.art
        keys = {m.entity_key for m in art.mentions if m.kind == "person" and m.method not in ("demonym", "role")}
        if len(keys) != 1:
            return
        ent: tuple[EntityKind, str] = ("person", next(iter(keys)))
        heads = {_bare(toks[0]) for toks, e, _ in [*self.role_index, *self.after_roles] if e == ent and toks}
        ok: dict[str, bool] = {}  # phrase -> it stands for the person (read where it is written)
        for f in found:
            sp = f.speaker
            if sp.kind != "role" or sp.entity is not None or not sp.text or sp.start < 0:
                continue
            head = _bare(normalize_key(sp.text.split()[0]))
            fits = (
                head in _person_heads()
                and head not in _role_heads()  # an office (وزير، سفير) is linked by its words: link_role decided
                and not (heads and head not in heads)
                and head not in _others()
                and not any(
                    m.start < sp.end and sp.start < m.end and m.kind != "person" and m.method != "demonym"
                    for m in art.mentions
                )
            )
            ok[sp.text] = ok.get(sp.text, True) and fits
        for f in found:
            sp = f.speaker
            if sp.kind == "role" and sp.entity is None and ok.get(sp.text):
                f.speaker = _Speaker("person", sp.text, ent, sp.start, sp.end, linked=True)  # carried ones too

    def _skipped_sentence(self, sid: int) -> bool:
        """"اقرأ أيضاً: ..." links to other articles; a question reports nothing."""
        art = self.art
        a, b = art.sent_bounds[sid]
        first = art.words[a]
        if first in _READ_ALSO:
            return True
        return first in _QUESTION and art.words[b - 1] in ("?", "؟")

    def _clause_initial(self, i: int) -> bool:
        """A cue that starts a new clause (وأضاف، مضيفاً، "، قال") ends the previous content."""
        art = self.art
        form = self.cues.get(art.words[i])
        if form is None:
            return art.words[i] in _attribution() and i > 0 and art.words[i - 1] in _COMMA
        if form.prefixed or form.tense == "part" or self._but_he(i):
            return True
        if i and (art.words[i - 1] in _COMMA or art.words[i - 1] in _CLAUSE_OPENERS or art.words[i - 1] in _AND_THIS):
            return True
        if art.after_the_latter(i):
            return True  # "، وهذه الأخيرة صرحت": a clause of its own
        # "... ، والبيت الأبيض يعلن": a fronted subject opening a new clause
        sa, sb = self.subject_before(i, art.sent_bounds[art.sid[i]][0])
        if sa < sb:
            w0 = art.words[sa]
            return (
                (sa > 0 and art.words[sa - 1] in _COMMA)
                or (w0[0] == "و" and w0[1:] in _roles())
                or w0 in _AND_THIS
            ) or (
                w0[0] == "و" and art.speaker_mention(sa) is not None
                and not normalize_key(art.speaker_mention(sa)[0].surface).startswith("و")  # type: ignore[index]
            )
        return False

    def _verb(
        self,
        i: int,
        form: CueForm,
        s_start: int,
        s_end: int,
        last: _Speaker | None,
        rejected_before: bool,
    ) -> _Found | None:
        """A statement introduced by the reporting verb at token ``i``, if it makes one."""
        art = self.art
        prev = art.words[i - 1] if i > s_start else ""
        if prev in _RELATIVE_MA and i - 2 >= s_start and art.words[i - 2] in _ATTRIB_MA:
            return self._ma_attribution(i, form, s_start, s_end, i - 2)
        if prev in _ATTRIB_MA_GLUED:
            return self._ma_attribution(i, form, s_start, s_end, i - 1)
        if form.frame == "in":
            return self._came_in(i, form, s_end)
        if self._not_a_report(i, form, prev, s_end):
            self.blocks_continuation = True
            return None
        if prev in _RELATIVE:
            return self._relative_clause(i, form, s_start, s_end)
        speaker: _Speaker | None = None
        kana = self._kana_subject(i, s_start) if prev in _QAD else None
        if kana is not None:
            # "وكان المستشفى الذي يعالج فيه X قد قال إن": the subject sits between كان and قد
            speaker = self.phrase_speaker(*kana, subject_first=True) or self._unnamed_phrase(*kana)
        if speaker is None and form.tense != "part" and (
            form.tense == "pres" or not form.prefixed or art.words[i][0] == "ف"
        ):  # SVO: "X يقول"، "أما X فدعا"
            sa, sb = self.subject_before(i, s_start)
            if sa < sb:
                speaker = self.phrase_speaker(sa, sb, subject_first=False)
                if speaker is not None and not _agrees(form, speaker):
                    speaker = None
            plain_prev = i > s_start and not (prev in _CLAUSE_OPENERS or prev in _COMMA or prev in _FILLER)
            masdar = (
                form.tense == "past"
                and prev.isalpha()
                and not prev.startswith("ال")
                and prev not in _TIME_TAIL
                and art.cover[i - 1] is None
                and i + 1 < s_end
                and art.words[i + 1].startswith("ال")
                and len(art.words[i + 1]) > 3
                and i + 1 not in art.mention_at
            )  # "اختبار كشف الكذب": a verbal noun in a construct, not a verb
            if (
                speaker is None
                and not form.prefixed
                and plain_prev
                and (form.tense == "pres" or masdar)
                and not self._named_subject_with_clause(i, form, s_end)
            ):
                # "قرار يدعو"، "التي تدعو": a present verb after a noun we cannot name is not speech
                self.blocks_continuation = True
                return None
        if speaker is None and art.words[i] in _BY_SAYING:
            # "وحين أجرى المحققون تحقيقات معه، كذب X بقوله إنه": the main clause's subject, after a
            # leading time clause
            speaker = self._continuation(i, self._main_clause_start(s_start, i), last, rejected_before)
            if speaker is None:
                return None
        content_from = i + 1
        a, b = (i + 1, i + 1) if form.tense == "part" else self.subject_after(i, s_end)
        if form.lemma == "أبلغ" and b - a >= 2:
            b = self._without_told(a, b)
        if speaker is None and a < b and form.lemma in _ACCUSE and self._object_then_bi(a, b, s_end):
            b = a  # "واتهم ترامب باستخدام ...": one name, then بـ: the accused; the subject is carried over
        if (
            speaker is None
            and a < b
            and form.prep == "ب"
            and form.frame == "say"
            and art.words[a][:1] == "ب"
            and len(art.words[a]) > 3
            and art.cover[a] is None
        ):
            b = a  # "ثم اعترف بتقطيعها": what he admitted, not a subject
        if speaker is None and a < b:
            sp = self.phrase_speaker(a, b, subject_first=True)
            if sp is not None and self._demonym_object(a, b, form):
                sp = None  # "ودعا المصريين إلى": the people called on, in the accusative, are no subject
            if sp is not None and _agrees(form, sp):
                speaker, content_from = sp, b
                named = self.appositive_name(b, s_end) if sp.kind in ("role", "anonymous") or sp.linked else None
                if named is not None:
                    speaker, content_from = named
        # "وأكد X أن ...، ونفى كل الشكوك": a second verb of the same speaker in one sentence takes
        # its object right after it
        carried = (
            speaker is None
            and form.prefixed
            and last is not None
            and self.last_tok >= s_start
            and not rejected_before
            and self.content_after(b, s_end, form, clause_only=True) is None  # "وأكد المشاركون أن": a subject
        )
        if (
            speaker is None
            and a < b
            and form.frame == "np"
            and self._verbal_object(a)
            # "ويكشف التحقيق أن": a verbal noun with the article may still be the subject of a clause;
            # one with a possessive never is (وأبدت ارتياحها لأن ...)
            and (not art.words[a].startswith("ال") or self.content_after(b, s_end, form, clause_only=True) is None)
        ):
            b = a  # "ونفى تورطه"، "نفى التمثيل بجثة الصحفية": what was denied; the subject is carried over
        if speaker is None and not carried and self._unknown_subject(a, b, s_end):
            # a noun phrase we do not know as a speaker: only a clear "say" clause makes a
            # statement; a city standing for its government may also announce (أعلنت موسكو)
            place = art.mention_at.get(a)
            is_place = place is not None and place[0].kind == "location"
            # "وأعرب قبطان السفينة علي حجي عن سعادته": the governed preposition right after the noun
            # phrase marks it as the subject and what follows as the content
            governed = (
                form.lemma in _GOVERNED_SUBJECT
                and b < s_end
                and art.words[b] == form.prep
                and art.words[a][:1] not in ("ب", "ل", "ك")
            )
            if self.content_after(b, s_end, form, clause_only=not (is_place or governed)) is None:
                # "أدان السيناتور الجمهوري، جيف فليك تصريحات ...، مشيراً": a titled subject is a person,
                # who may still speak in the clauses after; another noun phrase silences them
                self.blocks_continuation = art.words[a] not in _person_titles()
                return None
            speaker, content_from = self._unnamed_phrase(a, b), b
            named = self.appositive_name(b, s_end)  # "ويرى الباحث في الشؤون الكنسية، عماد خليل، أن"
            if named is not None:
                speaker, content_from = named
        if speaker is None:
            speaker = self._continuation(i, s_start, last, rejected_before)
            if speaker is None:
                return None
        # "ويعتبر السكيرين أشهر الفنانين"، "وتعتبر الصين الشريك الأول": a present اعتبر with no
        # clause after it is mostly the passive "is considered", which reports nobody's words
        considered = form.lemma == "اعتبر" and form.tense == "pres"
        got = self.content_after(content_from, s_end, form, clause_only=considered)
        if got is None:
            return None
        ctok, quoted, colon = got
        if form.lemma == "نقل":
            speaker = self._quoted_source(i, ctok, speaker)
        start = min(art.ostart[i], speaker.start if speaker.start >= 0 else art.ostart[i])
        return _Found(i, art.words[i], form.lemma, speaker, ctok, quoted, s_end, start, colon)

    def _demonym_object(self, a: int, b: int, form: CueForm) -> bool:
        """Tokens [a, b) are one plural nationality in the accusative (المصريين، الفلسطينيين) after a verb
        that takes its object first: the object, whatever the subject."""
        art = self.art
        cm = art.cover[a]
        return (
            b == a + 1
            and form.lemma in _OBJECT_FIRST | _ACCUSE
            and cm is not None
            and cm.method == "demonym"
            and art.words[a].endswith("ين")
        )

    def _construct_head(self, a: int) -> bool:
        """An indefinite institution noun in construct with the name after it (منظمة أطباء بلا حدود);
        a definite one before a name is the subject and the name its object (وتتهم الحكومة حزب X)."""
        w = self.art.words[a]
        return not self.art.strip_clitic(w).startswith("ال") and self.art.in_lexicon(w, _institutions())

    def _issuer(self, t: int, limit: int) -> tuple[EntityKind, str] | None:
        """The body or person a document noun at ``t`` is said to come from: "بيان أصدرته وزارة
        الخارجية"، "التقرير الصادر عن مركز ..."، "دراسة أعدتها جامعة ..."."""
        art = self.art
        k = t + 1
        while k < min(limit, t + 4):
            w = art.words[k]
            if w in _ISSUED:
                k += 1
                if k < limit and art.words[k] in _ISSUED_PREP:
                    k += 1
                if k + 1 < limit and art.words[k] in _OUTLETS and art.cover[k] is None:
                    k += 1  # "معلومات نشرتها صحيفة "واشنطن بوست"": the outlet's name
                    if art.words[k] in _QUOTES:
                        k += 1
                return self._issuing(k) if k < limit else None
            if not w.isalpha() or w in _STOP or art.cover[k] is not None:
                return None
            k += 1
        return None

    def _index_issuers(self) -> dict[str, list[tuple[int, tuple[EntityKind, str]]]]:
        """Who issued each kind of document the article names, so that a later (or earlier) bare
        "البيان"، "التقرير" speaks for them."""
        art = self.art
        out: dict[str, list[tuple[int, tuple[EntityKind, str]]]] = {}
        for t, w in enumerate(art.words):
            if w not in _DOCUMENT_FORMS and w.endswith("ا") and w[:-1] in _DOCUMENT_FORMS:
                w = w[:-1]  # أصدرت بيانا: the accusative
            elif w not in _DOCUMENT_FORMS and w[:1] == "ب" and w[1:] in _DOCUMENTS:
                w = w[1:]  # وأعلنت الأمم المتحدة ببيان
            if w not in _DOCUMENT_FORMS:
                continue
            head = _bare(w if _bare(w) in _DOCUMENTS else art.strip_clitic(w))
            if head in _DOCUMENTS:
                a, b = art.sent_bounds[art.sid[t]]
                ent = self._issuer(t, b) or self._issuer_before(t, a) or self._issuer_of(t)
                if ent is not None:
                    out.setdefault(head, []).append((t, ent))
        return out

    def _issuer_of(self, t: int) -> tuple[EntityKind, str] | None:
        """بيان للنيابة الإدارية: the body or person after a glued ل, "a statement of"."""
        art = self.art
        if t + 1 >= len(art.words) or art.words[t + 1][:1] != "ل":
            return None
        got = self._issuing(t + 1)
        w = art.words[t + 1]
        if got is None and w.startswith("لل") and art.cover[t + 1] is None and _after_li(w) in _institutions():
            got = self._institution_referent(t + 1, word=_after_li(w))  # بيان للوزارة: the ministry named before
        return got

    def _issuing(self, k: int) -> tuple[EntityKind, str] | None:
        """The body or person whose mention starts at token ``k``: who can issue a document."""
        hit = self.art.speaker_mention(k)
        if hit is None or hit[0].kind not in ("organization", "person"):
            return None
        return hit[0].kind, hit[0].entity_key

    def _issuer_before(self, t: int, sent_start: int) -> tuple[EntityKind, str] | None:
        """The body or person named right before "في بيان" / "ببيان" (وقالت وزارة الخارجية في بيان،
        وأعلن الجيش، في بيان) or between أصدر and the document (أصدرت شركة روتانا بيانا)."""
        art = self.art
        w = art.words[t]
        k = t - 1
        if w[:1] != "ب" or _bare(w[1:]) not in _DOCUMENTS:
            if k < sent_start or art.words[k] != "في":
                return self._issued_by(t, sent_start)
            k -= 1
        while k >= sent_start and (art.words[k] in _COMMA or art.words[k] in _TIME_TAIL):
            k -= 1
        m = art.cover[k] if k >= sent_start else None
        if m is not None and m.kind in ("organization", "person") and m.method != "demonym":
            return m.kind, m.entity_key
        if m is None and k >= sent_start and art.words[k].startswith("ال"):
            # "وقالت الأجهزة في بيان" after "أجهزة الأمن الروسية": the body named before
            ref = self._institution_referent(k)
            if ref is not None:
                return ref
        return self._issued_by(t, sent_start)

    def _issued_by(self, t: int, sent_start: int) -> tuple[EntityKind, str] | None:
        """أصدرت X بيانا: the mention between a form of أصدر (issued) and the document."""
        art = self.art
        for k in range(t - 1, max(sent_start, t - 8) - 1, -1):
            if art.strip_clitic(art.words[k]).startswith("اصدر"):
                return next((e for q in range(k + 1, t) if (e := self._issuing(q)) is not None), None)
        return None

    def document_speaker(self, a: int, b: int) -> _Speaker | None:
        """A document standing for its issuer: "بيان أصدرته X" names X; a bare "البيان" stands for the
        issuer of the last such document before it, or for the one issuer the article gives."""
        art = self.art
        w = art.words[a]
        if _bare(w) not in _DOCUMENTS:
            w = art.strip_clitic(w)
        head = _bare(w)
        if head not in _DOCUMENTS:
            return None
        ent = self._issuer(a, b) or self._issuer_of(a)  # "أفاد بيان للوزارة"
        if ent is None and w.startswith("ال") and b - a <= 2:
            # the document named last before (وقالت الوزارة في بيان ... وأضاف البيان), else the one
            # issuer the article gives that kind of document
            found = self.issuers.get(head, [])
            before = [e for t, e in found if t < a]
            ent = before[-1] if before else (found[0][1] if len({e for _, e in found}) == 1 else None)
        if ent is None:
            return None
        s, e = _orig(art, a, b)
        return _Speaker(_ENTITY_SPEAKER[ent[0]], self.doc.original[s:e], ent, s, e, linked=True)

    def _came_in(self, i: int, form: CueForm, s_end: int) -> _Found | None:
        """"وجاء في البيان أن ..."، "جاء في وكالة الأنباء السورية أن": the source is the object of في,
        and only a complement clause, a colon or a quotation after it makes a statement."""
        art = self.art
        a = i + 1
        if a + 1 >= s_end or art.words[a] != form.prep:
            return None
        a += 1
        b = a
        while b < s_end and b - a < _MAX_SUBJECT:
            w = art.words[b]
            if art.is_comp(b) or w in _COLON or w in _QUOTES or w in _COMMA or w in _SENT_END:
                break
            b += 1
        if b == a or b >= s_end or not (art.is_comp(b) or art.words[b] in _COLON or art.words[b] in _QUOTES):
            return None
        end = b
        while end > a and art.words[end - 1] in _STOP:
            end -= 1
        speaker = self.phrase_speaker(a, end, subject_first=True) or self._unnamed_phrase(a, end)
        got = self.content_after(b, s_end, form, clause_only=True)
        if speaker is None or got is None:
            return None
        ctok, quoted, colon = got
        return _Found(i, art.words[i], form.lemma, speaker, ctok, quoted, s_end, art.ostart[i], colon)

    def _agrees_with_body(self, i: int, m: Mention) -> bool:
        """The verb at ``i`` agrees with the organization ``m`` as a subject: a feminine head noun
        (وزارة، منظمة، هيئة) takes قالت / مشيرة, any other قال / مشيراً."""
        w = self.art.words[i]
        form = self.cues.get(w)
        if w == _BY_SAYING_ANY:
            return True
        if form is None or w.endswith(("وا", "ون", "ين", "هم")):
            return False  # a plural verb: people, not the body
        words = normalize_key(m.surface).split()
        return bool(words) and words[0].endswith("ه") == form.feminine

    def _named_subject_with_clause(self, i: int, form: CueForm, s_end: int) -> bool:
        """"تصاريح يقول فلسطينيون إن الحصول عليها مستحيل": a present verb after a noun is speech
        when an unnamed source follows it (people, officials), then a complement clause; a name there
        may be the object (يرى X بأنهم)."""
        art = self.art
        if i and art.words[i - 1] in _KANA:
            return False  # "وكان يرى الإخوان بأنهم ...": كان's subject sees; the name is the object
        a, b = self.subject_after(i, s_end)
        if a >= b:
            return False
        cm = art.cover[a]
        unnamed = (cm is not None and cm.method == "demonym") or (cm is None and art.is_anonymous_head(a))
        return unnamed and self.content_after(b, s_end, form, clause_only=True) is not None

    def _verbal_object(self, a: int) -> bool:
        """Token ``a`` is a verbal noun with a possessive pronoun (تورطه، قتلها) or in a derived
        pattern with the article (التمثيل، الانسحاب، الاستخدام): after a verb it is the object, since
        news names speakers by persons, bodies and offices, not by actions."""
        art = self.art
        w = art.words[a]
        if art.cover[a] is not None or w in _SELF or w in _DOCUMENT_FORMS or w in _institutions():
            return False
        if art.in_lexicon(w, _roles()) or art.in_lexicon(w, _relations()) or art.is_anonymous_head(a):
            return False
        written = self.doc.original[art.ostart[a] : art.oend[a]]
        if not w.startswith("ال"):
            # a possessive ـه / ـها / ـهم on a bare noun (the written letter, not a teh marbuta), not on
            # a relation or office (ابنته، محاميه، مستشاره)
            suffix = next((x for x in ("هما", "هم", "ها", "ه") if written.endswith(x)), "")
            if len(w) < 5 or not suffix or written.endswith("ة"):
                return False
            if suffix == "ه" and written.endswith("يه"):
                return False  # بيونسيه، جوزيه: foreign names end so far more often than a noun + ـه
            base = w[: -len(suffix)]
            base_forms = (base, base[:-1] + "ه" if base.endswith("ت") else base, base + "ه")
            return not any(
                f in _relations() or f in _roles() or f in _anonymous() or "ال" + f in _roles() for f in base_forms
            )
        return _derived_masdar(w[2:])

    def _object_then_bi(self, a: int, b: int, s_end: int) -> bool:
        """Tokens [a, b) are one name and a بـ-phrase follows at once: with اتهم / وصف that name is
        the object (اتهم X بـ، وصف X بأنه); a subject would be followed by its own object first."""
        art = self.art
        hit = art.speaker_mention(a)
        one_noun = (  # "وقد وصف والده بأنه سلطوي": one common noun, not an office or a source
            hit is None
            and b == a + 1
            and art.words[a].isalpha()
            and art.words[a] not in _STOP
            and not art.is_role_head(a)
            and not art.is_anonymous_head(a)
            and art.words[a] not in _institutions()
        )
        if (hit is None and not one_noun) or (hit is not None and hit[1] != b):
            return False
        if b >= s_end or art.speaker_mention(b) is not None:
            return False
        w = art.words[b]
        return len(w) > 2 and w[0] == "ب" and w not in _BISM and not w.startswith("بنفس")

    def _relative_clause(self, i: int, form: CueForm, s_start: int, s_end: int) -> _Found | None:
        """"عمر عبد الرحمن، الذي اتهم الهاجري بـ...": the speaker is the name before the relative
        pronoun, and what follows the verb is its object, not its subject."""
        art = self.art
        t = i - 2
        while t >= s_start and art.words[t] in _COMMA:
            t -= 1
        if t < s_start:
            return None
        cm = art.cover[t]
        if cm is None or cm.kind not in _SPEAKER_KINDS or cm.method == "demonym":
            return None
        speaker = self.entity_speaker(cm, cm.start, cm.end)
        if not _agrees(form, speaker):
            return None
        got = self.content_after(i + 1, s_end, form)
        if got is None:
            return None
        ctok, quoted, colon = got
        return _Found(i, art.words[i], form.lemma, speaker, ctok, quoted, s_end, min(cm.start, art.ostart[i]), colon)

    def _not_a_report(self, i: int, form: CueForm, prev: str, s_end: int) -> bool:
        """Negated (لم يذكر), planned (أن يعلن), impersonal (يُذكر أن) or relative (ما قاله)."""
        art = self.art
        if prev in _NEG or prev in _RELATIVE_MA or (form.tense == "pres" and prev in _MODAL):
            return True
        return art.words[i] in _IMPERSONAL and i + 1 < s_end and (
            art.is_comp(i + 1) or art.words[i + 1] in _PREP
        )

    def _unknown_subject(self, a: int, b: int, s_end: int) -> bool:
        """Tokens [a, b) are a subject we cannot name (التقرير، الصحيفة), not a preposition,
        an adverb or an object that leaves the verb subjectless."""
        art = self.art
        if a >= b:
            return False
        first = art.words[a]
        place = art.mention_at.get(a)
        if place is not None and place[0].kind != "location":
            return False
        if first in _STOP or first in _PREP or first in _PRON_PREP or first in self.cues:
            return False
        # "وقال متحدثاً بالفرنسية": an accusative (tanween) word describes the verb; a genitive one
        # ("فقال له بأدبٍ جم") follows a preposition: neither is the subject
        written = self.doc.original[art.ostart[a] : art.oend[a]]
        if "\u064b" in written or "\u064d" in written:
            return False
        return not (
            first[:1] in ("ب", "ل", "ك")
            and (first[1:3] == "ال" or first[1:] in _SETTING or (b < s_end and art.words[b] in _QUOTES))
        )

    def _institution_referent(
        self, a: int, forward: bool = False, word: str | None = None
    ) -> tuple[EntityKind, str] | None:
        """The latest organization named before token ``a`` whose name starts with the word at ``a``
        (المرصد -> المرصد السوري لحقوق الإنسان، الوزارة -> وزارة الخارجية), or, for an outlet noun,
        the one named right after that noun (الصحيفة -> صحيفة واشنطن بوست, whose name is واشنطن بوست).
        ``forward``: failing that, the first one named after ``a`` (a headline "التحالف: ...").
        ``word``: the noun as read at ``a`` when a clitic hides it (للوزارة -> الوزارة)."""
        art = self.art
        head = _bare(word or art.words[a])
        hits: dict[int, Mention] = {
            t: m
            for t, (m, _) in art.mention_at.items()
            if t != a and m.kind == "organization" and _bare(m.entity_key.split(" ", 1)[0]) == head
        }
        if head in _OUTLETS:
            for t, w in enumerate(art.words):
                if t != a and _bare(art.strip_clitic(w)) == head:
                    named = self._outlet_name(t, len(art.words))
                    if named is not None:
                        hits[named[0]] = named[1][0]
        earlier = [t for t in hits if t < a]
        if earlier:
            t = max(earlier)
        elif forward and hits:
            t = min(hits)
        else:
            return None
        return hits[t].kind, hits[t].entity_key

    def _unnamed_phrase(self, a: int, b: int) -> _Speaker | None:
        """A short speaker phrase of kind "role" for a subject no lexicon or tagger names."""
        art = self.art
        if a >= b:
            return None
        share = self._share_phrase(a, b)
        if share > a:
            s, e = _orig(art, a, share)
            return _Speaker("anonymous", self.doc.original[s:e], None, s, e)  # أكثر من نصف المستطلعين
        if not art.words[a].isalpha() or art.words[a] in _STOP:
            return None
        end = a + 1
        while end < min(b, a + _MAX_UNKNOWN_SUBJECT) and (
            art.words[end].isalnum() or art.words[end] in _QUOTES
        ) and art.words[end] not in _STOP:
            end += 1
        while end > a + 1 and not art.words[end - 1].isalnum():
            end -= 1
        s, e = _orig(art, a, end)
        return _Speaker("role", self.doc.original[s:e], None, s, e)

    def _kana_subject(self, i: int, s_start: int) -> tuple[int, int] | None:
        """Tokens between "كان" and "قد" before the verb at ``i`` ("وكان الوزير قد قال")."""
        art = self.art
        for t in range(i - 2, max(s_start - 1, i - 2 - _MAX_SUBJECT), -1):
            w = art.words[t]
            if w in _KANA:
                return (t + 1, i - 1) if t + 1 < i - 1 else None
            if (not w.isalnum() and w not in _COMMA) or w in self.cues:
                return None
        return None

    def _quoted_source(self, cue: int, ctok: int, speaker: _Speaker) -> _Speaker:
        """"نقلت الوكالة عن X قوله": the words are X's."""
        art = self.art
        for t in range(cue + 1, ctok):
            if art.words[t] == "عن" and t + 1 < ctok:
                end = t + 2
                while end < ctok and not art.is_comp(end) and art.words[end] not in _HADD_TAIL:
                    if art.words[end].startswith("قول") or art.words[end] in _COMMA:
                        break
                    end += 1
                sp = self.phrase_speaker(t + 1, end, subject_first=True)
                return sp if sp is not None else speaker
        return speaker

    def _continuation(
        self, i: int, s_start: int, last: _Speaker | None, rejected_before: bool
    ) -> _Speaker | None:
        """Speaker of a verb with no subject of its own."""
        art = self.art
        if rejected_before:
            return None
        if art.after_the_latter(i):
            # "وهذه الأخيرة صرحت": the one named last before
            for t in range(i - 3, s_start - 1, -1):
                cm = art.cover[t]
                if cm is not None and cm.kind in ("person", "organization") and cm.method != "demonym":
                    return _Speaker(_ENTITY_SPEAKER[cm.kind], cm.surface, (cm.kind, cm.entity_key), -1, -1)
        # an earlier statement in this sentence, or a person earlier in the sentence
        if last is not None and self.last_tok >= s_start:
            return _Speaker(last.kind, last.text, last.entity, -1, -1)
        if last is not None and art.words[s_start] in _BUT_HE and i - s_start <= 2:
            # "لكنه استدرك قائلا إن ...": the pronoun is the last speaker
            return _Speaker(last.kind, last.text, last.entity, -1, -1)
        # the first person or unnamed source in the sentence that is not inside a prepositional
        # phrase ("عبر منشقون ... عن قلقهم إزاء العلاقات بين كيم وترامب، محذرين": the defectors)
        t = s_start
        titled = False  # a title came first: a body after it is its genitive (نائب محافظ البنك المركزي)
        while t < i:
            if art.inq[t] >= 0:
                t += 1
                continue
            cm = art.cover[t]
            if cm is not None and t > s_start and art.cover[t - 1] is cm:
                t += 1  # a name is read at its first word
                continue
            person = cm is not None and cm.kind == "person" and cm.method != "demonym"
            if (
                cm is not None
                and cm.kind == "country"
                and cm.method != "demonym"
                and t == s_start + 1
                and self.cues.get(art.words[i], _NO_FORM).feminine
            ):
                # "ناشدت بريطانيا ...، بقولها": a country right after the opening verb is its subject
                return _Speaker("country", cm.surface, (cm.kind, cm.entity_key), -1, -1)
            titled = titled or (cm is None and art.is_role_head(t))
            body = (
                cm is not None
                and cm.kind == "organization"
                and not titled
                and not (t > s_start and art.words[t - 1] == "(")  # a dateline: "واشنطن (CNN) –"
                and self._agrees_with_body(i, cm)
            )
            before = art.words[t - 1] if t > s_start else ""
            if body and any(
                k >= s_start
                and (art.words[k] == "ل" or (k == t and _bare(art.words[k - 1]) not in _POSTED))
                and k + art.addressee_len(k) > t
                for k in (t - 2, t - 1, t)
            ):
                # "وفي حديث لـ"العربية.نت"، أكدت": the outlet spoken to is no subject (but the glued ل of
                # "في تغريدة للسفارة اليمنية ...، حيث قالت" is "of")
                body = False
            if not person and not body and not (art.is_anonymous_head(t) and art.words[t][:1] not in "بل"):
                t += 1
                continue
            if before in _STOP or before in _PREP:
                t = t + 1 if cm is None else max(t + 1, art.mention_at.get(t, (cm, t + 1))[1])
                continue
            if (person or body) and cm is not None:
                # "ورفضت وزارة الصحة التعليق، لكنها قالت إن": the body is the subject carried over
                return _Speaker(_ENTITY_SPEAKER[cm.kind], cm.surface, (cm.kind, cm.entity_key), -1, -1)
            end = self.anonymous_end(t, i)
            s, e = art.head_start(t, _anonymous()), art.oend[end - 1]
            return _Speaker("anonymous", self.doc.original[s:e], None, -1, -1)
        # "ودافع الأدميرال المتقاعد ... عن برينان، واتهم ترامب بـ": a title opening the sentence that
        # the article gave a named person
        for t in range(s_start, i):
            before = art.words[t - 1] if t > s_start else ""
            if art.inq[t] < 0 and art.cover[t] is None and art.is_role_head(t) and before not in _STOP:
                if before in _PREP:
                    continue
                ent = self.link_role([art.words[t]], art.ostart[t], t)
                if ent is not None:
                    return _Speaker("person", self.doc.original[art.ostart[t] : art.oend[t]], ent, -1, -1)
                break
        # a sentence-initial verb continues the last speaker
        sentence_initial = all(
            art.words[t] in _CLAUSE_OPENERS or art.words[t] in _FILLER or art.words[t] in _COMMA
            for t in range(s_start, i)
        )
        if sentence_initial:
            # "كما رسم الأمين العام، أنطونيو غوتيريس، صورة قاتمة. ورأى أنها ...": after a sentence that
            # reported nothing, its person subject is who the pronoun means, not an earlier speaker
            subject = self._previous_subject(s_start)
            if subject is not None:
                return subject
        if sentence_initial and last is not None:
            return _Speaker(last.kind, last.text, last.entity, -1, -1)
        if last is not None and self._subjectless_clause(i, s_start):
            # "وفي البداية نفى ..."، "، ثم اعترف بـ..."، "،ولكنه نفى ...": a short opener, then the verb
            return _Speaker(last.kind, last.text, last.entity, -1, -1)
        return None

    def _subjectless_clause(self, i: int, s_start: int) -> bool:
        """The verb at ``i`` opens its clause after at most a short prepositional phrase (وفي البداية)
        or a clause opener after a comma (، ثم / ،ولكنه), naming no one, and the last statement was made
        in this sentence or the one before."""
        art = self.art
        if self.last_tok < 0 or art.sid[self.last_tok] < art.sid[i] - 1:
            return False
        c = i - 1
        while c >= s_start and art.words[c] not in _COMMA:
            c -= 1
        words = art.words[c + 1 : i]
        if not words or len(words) > 3 or any(art.cover[t] is not None for t in range(c + 1, i)):
            return False
        if all(w in _CLAUSE_OPENERS or w in _BUT_HE or w in _FILLER for w in words):
            return c >= s_start  # after a comma; a sentence start is handled as sentence-initial
        first = words[0][1:] if words[0][:1] in ("و", "ف") and len(words[0]) > 2 else words[0]
        return c < s_start and first in _PREP and all(w.isalpha() and w not in self.cues for w in words)

    def _main_clause_start(self, s_start: int, i: int) -> int:
        """Where the main clause of the sentence starts: after a leading time clause ("وحين ...،")."""
        art = self.art
        first = art.words[s_start]
        if first[:1] in ("و", "ف") and first[1:] in _WHEN:
            first = first[1:]
        if first not in _WHEN:
            return s_start
        for t in range(s_start + 1, i):
            if art.words[t] in _COMMA and art.inq[t] < 0:
                return t + 1
        return s_start

    def _previous_subject(self, s_start: int) -> _Speaker | None:
        """The person named near the start of the sentence before ``s_start`` (its subject), when that
        sentence is in the same paragraph and made no statement."""
        art = self.art
        if s_start == 0:
            return None
        p_start, p_end = art.sent_bounds[art.sid[s_start - 1]]
        if art.para[p_start] != art.para[s_start] or self.last_tok >= p_start:
            return None
        titled = False
        for t in range(p_start, min(p_end, p_start + _MAX_ROLE_BEFORE_NAME + 4)):
            if art.inq[t] >= 0 or art.words[t] in self.cues:
                return None
            cm = art.cover[t]
            titled = titled or (cm is None and art.is_role_head(t))
            if cm is None or cm.method == "demonym" or (titled and cm.kind != "person"):
                continue  # "الأمين العام للأمم المتحدة، أنطونيو غوتيريس": the body is the title's genitive
            before = art.words[t - 1] if t > p_start else ""
            if before[:1] in ("و", "ف") and len(before) > 2:
                before = before[1:]  # "وفي توماس أديسون، يجد ماكجير": a preposition behind a conjunction
            if cm.kind != "person" or before in _STOP or before in _PREP or before[:1] in ("ب", "ل"):
                return None  # the first name is a body or sits in a prepositional phrase: no clear subject
            return _Speaker("person", cm.surface, (cm.kind, cm.entity_key), -1, -1)
        return None

    def _ma_attribution(self, i: int, form: CueForm, s_start: int, s_end: int, cut: int) -> _Found | None:
        """"..., بحسب ما ذكرت X": the clause before is X's (``cut``: the token of بحسب / حسبما)."""
        art = self.art
        a, b = self.subject_after(i, s_end)
        b = self._without_addressee(a, b)
        speaker = self.phrase_speaker(a, b, subject_first=True)
        if speaker is None:
            return None
        while cut > s_start and art.words[cut - 1] in _COMMA:
            cut -= 1
        if cut - s_start >= 3:
            return _Found(i, art.words[i], form.lemma, speaker, s_start, False, cut, art.ostart[s_start])
        # "وبحسب ما ذكرت الوكالة، فإن ...": the clause after
        k = b
        while k < s_end and (art.words[k] in _COMMA or art.words[k] in _FILLER):
            k += 1
        if k < s_end and (art.words[k] in _FA_CLAUSE or art.is_comp(k)):
            k += 1
        if s_end - k < 3:
            return None
        quoted = self._opens_quote(k, s_end)
        return _Found(i, art.words[i], form.lemma, speaker, k, quoted, s_end, art.ostart[cut])

    def _without_told(self, a: int, b: int) -> int:
        """"أبلغ المسؤول رويترز أن"، "أبلغ الوزير الصحافيين": أبلغ takes whom it told without a
        preposition, right after its subject; a trailing outlet or "journalists" is that object."""
        art = self.art
        if _bare(art.words[b - 1]) in _OUTLETS:
            return b - 1
        cm = art.cover[b - 1]
        if cm is None or cm.kind != "organization":
            return b
        t = b - 1
        while t > a and art.cover[t - 1] is cm:
            t -= 1
        w = art.words[t]
        if t == a or (w[:1] in ("ب", "ل", "ف", "ك") and not normalize_key(cm.surface).startswith(w[:1])):
            return b  # the whole phrase, or "ضباط بالجيش الروسي": where they serve, not whom they told
        return t - 1 if t - 1 > a and art.words[t - 1] in _OUTLETS else t  # "وكالة رويترز"

    def _without_addressee(self, a: int, b: int) -> int:
        """End of the source phrase [a, b) without whom it spoke to at its end ("حسبما قال المتحدث باسم
        الشرطة لرويترز."); after an unnamed head the ل is "of" (مسؤول لوزارة الداخلية) and stays."""
        art = self.art
        for t in range(a + 1, b):
            n = art.addressee_len(t)
            if (
                n
                and t + n == b
                and not art.words[t].startswith("لل")  # وكالة السودان للأنباء: a name's own complement
                and (art.cover[t] is None or art.cover[t] is not art.cover[t - 1])
                and not (art.is_anonymous_head(t - 1) or art.is_role_head(t - 1))
            ):
                return t
        return b

    def _attribution_phrase(self, i: int, tail: str, s_start: int, s_end: int) -> _Found | None:
        """بحسب X، وفقاً لـ X، نقلاً عن X around a clause."""
        art = self.art
        j = i + 1
        if j >= s_end:
            return None
        if tail:
            w = art.words[j]
            if w == tail:
                j += 1
            elif w == tail + "ما" and j + 2 < s_end:
                j += 2  # "وفقاً لما ذكرته X": skip "لما" and its verb
            elif not (w.startswith(tail) and len(w) > len(tail) + 1):
                return None  # otherwise the particle is glued to the speaker (وفقاً لمصادر)
        if j < s_end and art.words[j] in _RELATIVE_MA:
            j += 2  # "بحسب ما أعلنت X"
        said = j < s_end and art.words[j] in _SAYING
        if said:
            j += 1  # "حسب قول X"، "بحسب تصريحات X"
        if j >= s_end:
            return None
        a = b = j
        while b < s_end and b - a < 8:
            w = art.words[b]
            if w in _COMMA or w in _SENT_END or art.is_comp(b) or w in _COLON or w in _FA_CLAUSE:
                break  # "وحسب المتحدث ... المسماري فإن": the clause starts at فإن (or فقد), comma or not
            if b > a and (w in _STOP or w in self.cues) and not (w in _ISSUED_PREP and art.words[b - 1] in _ISSUED):
                break  # "بحسب بيان صادر عن الديوان": the issuer after صادر عن is the source
            b += 1
        b = self._without_addressee(a, b)
        speaker = self.phrase_speaker(a, b, subject_first=True)
        if speaker is None and said:
            speaker = self._unnamed_phrase(a, b)  # "حسب قول القيم على المعرض": whoever it is, he said it
        if speaker is None:
            return None
        if speaker.kind in ("role", "anonymous") or speaker.linked:
            named = self.appositive_name(b, s_end)  # "وفقا للخبير الألماني، فيليب كلوتز، فإن ..."
            if (
                named is not None
                and named[0].entity is not None  # a resolved name, not the clause itself
                and b < s_end
                and art.words[b] in _COMMA
                and all(
                    art.words[t] in _honorifics() for t in range(b + 1, bisect_left(art.ostart, named[0].start))
                )  # "وبحسب الوزير، الرئيس الفرنسي، ماكرون": another office is another person
            ):
                speaker, b = named
        before = i - s_start
        k = b
        while k < s_end and art.words[k] in _COMMA:
            k += 1
        if k < s_end and (art.words[k] in _FA_CLAUSE or art.is_comp(k)):
            k += 1
        if before <= 1:
            ctok, limit = k, s_end  # "وبحسب X، فإن ...": the clause after
            if limit - ctok < 3:
                return None
        else:
            # "..., وراح ضحية القصف أكثر من 1700 مدني، وفقاً لـ X": the clause before, from its
            # last "، و" boundary when that leaves a clause of its own
            limit = i
            while limit > s_start and art.words[limit - 1] in _COMMA:
                limit -= 1
            ctok = s_start
            for t in range(limit - 4, s_start, -1):
                if art.words[t - 1] in _COMMA and art.words[t][:1] == "و" and len(art.words[t]) > 2:
                    ctok = t
                    break
            if limit - ctok < 3:
                return None
        if any(
            art.words[t] in self.cues
            and art.inq[t] < 0
            and not (t > ctok and (art.words[t - 1] in _NEG or art.words[t - 1] in _MODAL))
            for t in range(ctok, limit)
        ):
            return None  # "وبحسب X، قال Y ...": the reporting verb makes the statement (not "قد يرى")
        quoted = self._opens_quote(ctok, limit)
        start = min(art.ostart[s_start], art.ostart[i])
        lemma = _attribution()[art.words[i]][1]
        return _Found(i, art.words[i], lemma, speaker, ctok, quoted, limit, start)

    def _headline(self, p: int) -> _Found | None:
        """"X: ..." at a line start, X a speaker phrase."""
        art = self.art
        n = len(art.words)
        colon = -1
        if art.words[p] in _READ_ALSO:
            return None
        for t in range(p, min(n, p + _MAX_HEADLINE_SPEAKER + 1)):
            if art.para[t] != art.para[p]:
                return None
            w = art.words[t]
            if w in _COLON:
                colon = t
                break
            if w in _SENT_END or w in self.cues or art.is_comp(t):
                return None
        if colon <= p:
            return None
        s_end = art.sent_bounds[art.sid[colon]][1]
        if s_end - colon < 4:
            return None
        b = colon
        # drop an addressee at the end: "الناطق باسم الجيش للميادين:"
        for t in range(p + 1, colon):
            if art.addressee_len(t):
                b = t
                break
        if any(
            (art.words[t] in _STOP and art.cover[t] is None) or art.words[t] in _COMMA for t in range(p, b)
        ):
            return None
        speaker = self.phrase_speaker(p, b, subject_first=False, headline=True)
        if speaker is None:
            return None
        k = colon + 1
        quoted = self._opens_quote(k, s_end)
        if speaker.kind == "country" and not quoted and not self._first_person(k, s_end):
            return None  # "مصر: حبس مخرج ..." labels a topic; "كوريا الشمالية: لن نصبح ..." speaks
        return _Found(colon, "", "", speaker, k, quoted, s_end, art.ostart[p], True)

    def _first_person(self, a: int, b: int) -> bool:
        """Tokens [a, b) speak in the first person plural (نحن، عملياتنا، لن نقبل)."""
        words = self.art.words
        for t in range(a, b):
            w = words[t]
            if w in _WE or (len(w) > 3 and w.endswith("نا")):
                return True
            if t > a and w[:1] == "ن" and (words[t - 1] in _NEG or words[t - 1] in _MODAL):
                return True
        return False

    # -- statements ----------------------------------------------------------------------------

    def _finish(self, found: list[_Found]) -> list[Statement]:
        art = self.art
        out: list[Statement] = []
        original = self.doc.original
        starts = [f.cue_tok for f in found]
        for idx, f in enumerate(found):
            c = f.content_tok
            if f.quoted and not self._and_comp_after(art.quote_close[c] + 1, f.limit_tok):
                close = art.quote_close[c]
                first, last = c + 1, close  # inside the marks
                if first >= last:
                    continue
                direct = True
                end = art.oend[close]
            else:
                first = c
                last = f.limit_tok
                if f.colon:
                    last = self._colon_end(c, last, found[idx + 1] if idx + 1 < len(found) else None)
                # a noun phrase, not a clause, is what was said: "أعلن تسريحه"، "أكد مشروع انعقاد القمة"
                object_content = (
                    not f.colon
                    and c > f.cue_tok
                    and art.words[f.cue_tok] in self.cues
                    and not (art.words[c - 1] in _COMP or art.words[c] in _COMP or art.words[c] in _KAWN)
                )
                # the next clause-initial cue or attribution ends this content
                nxt = starts[idx + 1] if idx + 1 < len(found) else None
                t = first + 1
                while t < last:
                    if art.inq[t] < 0:
                        w = art.words[t]
                        if (w in self.cues or w in _attribution()) and self._clause_initial(t):
                            if t == nxt or w in _attribution() or self._ends_content(t):
                                last = t - self._but_he(t)
                                while last > first + 1 and (
                                    art.words[last - 1] in _LATTER or art.words[last - 1] in _AND_THIS
                                ):
                                    last -= 1  # "...، وهذه الأخيرة صرحت": the next clause's subject
                                break
                        if art.words[t - 1] in _COMMA and (
                            self._narration(t, last) or (object_content and self._contrast(t, last))
                        ):
                            last = t  # "، وذلك في كلمته أمام ..."، "، في الوقت الذي ...": the writer's own clause
                            break
                        if w in _ALA_HADD and t > first and art.words[t - 1] == "علي" and (
                            t + 1 < last and art.words[t + 1] in _HADD_TAIL
                        ):
                            last = t - 1
                            break
                    t += 1
                while last > first and (
                    art.words[last - 1] in _CLAUSE_OPENERS
                    or art.words[last - 1] in _COMMA
                    or art.words[last - 1] in _SENT_END
                    or art.words[last - 1] in _COLON
                    or art.words[last - 1] in _DASH
                ):
                    last -= 1
                while first < last and not art.words[first].isalnum() and art.words[first] not in _QUOTES:
                    first += 1  # "أنه ، كعضو": no leading punctuation
                if last <= first:
                    continue
                # direct: introduced by a colon, or mostly inside quotation marks
                inside = sum(1 for t in range(first, last) if art.inq[t] >= 0)
                direct = f.colon or inside * 2 >= (last - first)
                end = art.oend[last - 1]
            cs, ce = art.ostart[first], art.oend[last - 1]
            content = original[cs:ce]
            if not content.strip():
                continue
            named = art.cover[first]
            if named is not None and named.start <= cs and ce <= named.end:
                continue  # only a name ("وقال بنك أوف ذا وست"، "أعلن الكويت"): a misread subject or object
            sp = f.speaker
            targets: list[tuple[EntityKind, str]] = []
            for m in art.mentions[bisect_left(art.mention_starts, cs) :]:
                if m.start >= ce:
                    break
                if m.end <= ce and (m.kind, m.entity_key) not in targets:
                    targets.append((m.kind, m.entity_key))
            cue_text = original[art.ostart[f.cue_tok] : art.oend[f.cue_tok]] if f.cue else ""
            out.append(
                Statement(
                    speaker_kind=sp.kind,
                    speaker_text=sp.text,
                    cue=cue_text,
                    cue_lemma=f.lemma,
                    content=content,
                    is_direct=direct,
                    start=min(f.start, cs),
                    end=max(end, ce),
                    content_start=cs,
                    content_end=ce,
                    speaker_entity=sp.entity,
                    targets=tuple(targets),
                )
            )
        return out

    def _and_comp_after(self, k: int, limit: int) -> bool:
        """A quotation that is a content goes on in a second complement clause after it (اعتبر أن "لا
        حل في الأفق"، وأن النزاع "في مأزق"): the same speaker's claim."""
        art = self.art
        if k < limit and art.words[k] in _COMMA:
            k += 1
        w = art.words[k] if k < limit else ""
        return w[:1] == "و" and (w in _COMP or w[1:] in _COMP) and art.cover[k] is None

    def _colon_end(self, c: int, limit: int, nxt: _Found | None) -> int:
        """Unquoted speech after a colon runs on through its paragraph ("أجاب: يتبادر لي ... . لو كان
        آخر لقب ..."), up to the next statement: the speaker goes on talking until the writer
        takes over, which the next cue or the paragraph's end marks."""
        art = self.art
        n = len(art.words)
        end = limit
        while end < n and art.para[end] == art.para[c] and (nxt is None or art.ostart[end] < nxt.start):
            end += 1
        return end

    def _contrast(self, t: int, limit: int) -> bool:
        """Token ``t`` (after a comma) opens "but" / "while" clause: لكن، بينما, or إلا أن / غير أن."""
        words = self.art.words
        w = words[t]
        if w in _CONTRAST:
            return True
        return w in _BUT and t + 1 < limit and words[t + 1] in _COMP

    def _narration(self, t: int, limit: int) -> bool:
        """Token ``t`` (after a comma) opens a clause of the writer's own: وذلك، في الوقت الذي، في
        حين، علماً بأن، في إشارة إلى."""
        words = self.art.words
        w = words[t]
        if w in _NARRATION:
            return True
        nxt = words[t + 1] if t + 1 < limit else ""
        if w == "في" and nxt in _NARRATION_AFTER_FI:
            return nxt != "الوقت" or (t + 2 < limit and words[t + 2] in _RELATIVE)
        if w in _FIMA and nxt in _YALI:
            return True  # "، وفيما يلي نقدم لكم ...": the writer addresses the reader
        return w in _ALIMAN and (nxt in _COMP or nxt == "ب")

    def _ends_content(self, t: int) -> bool:
        """A clause-initial cue inside a content starts a statement of its own."""
        art = self.art
        form = self.cues.get(art.words[t])
        return form is not None and (
            form.prefixed or form.tense == "part" or art.words[t - 1] in _COMMA or self._but_he(t) > 0
        )

    def _but_he(self, i: int) -> int:
        """How many words of "but he" stand right before the verb at ``i`` (لكنه 1, بيد أنه 2), else 0:
        "قال إنه لا يستبعد ذلك، بيد أنه أشار إلى أن ..." is a second claim of the same speaker."""
        words = self.art.words
        if i >= 1 and words[i - 1] in _BUT_HE:
            return 1
        if i >= 2 and words[i - 1] in _THAT_HE and words[i - 2] in _BUT:
            return 2
        return 0


def extract_statements(
    doc: NormalizedText, entities: Sequence[Entity], mentions: Sequence[Mention]
) -> list[Statement]:
    """Statements of one article; offsets index ``doc.original`` (the article body)."""
    if not doc.text.strip():
        return []
    return _Extractor(doc, entities, mentions).run()
