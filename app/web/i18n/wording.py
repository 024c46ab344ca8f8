"""Child-language wording for questions, answers, reasons (R12) and notices (R13), translatable

Every function takes the page's gettext function `_`, so Babel extracts the Dutch msgids here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.answers import QUESTIONS, Contact, Topic
from app.domain.notices import NoticeId
from app.domain.recommend import Option, Reason

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    hint: str | None
    choices: tuple[Choice, ...]
    multiple: bool
    number: int  # 1-based position in the journey


def question(question_id: str, _: Gettext) -> Question:
    number = QUESTIONS.index(question_id) + 1
    if question_id == "danger":
        return Question(
            "danger",
            _("Ben je nu in gevaar, of ben je bang dat iemand je vandaag pijn doet?"),
            _("Je mag het ook niet zeker weten."),
            (
                Choice("yes", _("Ja")),
                Choice("no", _("Nee")),
                Choice("unsure", _("Ik weet het niet")),
            ),
            False,
            number,
        )
    if question_id == "topics":
        return Question(
            "topics",
            _("Waar gaat het over?"),
            _("Je mag meer dan één ding kiezen."),
            tuple(Choice(t.value, topic_label(t, _)) for t in Topic),
            True,
            number,
        )
    if question_id == "age":
        return Question(
            "age",
            _("Hoe oud ben je?"),
            None,
            (
                Choice("under_8", _("Jonger dan 8")),
                Choice("8_11", _("8 tot en met 11")),
                Choice("12_15", _("12 tot en met 15")),
                Choice("16_17", _("16 of 17")),
                Choice("18_plus", _("18 of ouder")),
            ),
            False,
            number,
        )
    if question_id == "contact":
        return Question(
            "contact",
            _("Hoe wil je het liefst contact?"),
            None,
            (
                Choice("chat", _("Typen (chat)")),
                Choice("call", _("Bellen")),
                Choice("face_to_face", _("Praten met iemand die ik ken, bijvoorbeeld op school")),
                Choice("any", _("Maakt niet uit")),
            ),
            False,
            number,
        )
    if question_id == "goal":
        return Question(
            "goal",
            _("Wat wil je het liefst?"),
            None,
            (
                Choice("listen", _("Dat iemand naar mij luistert")),
                Choice("change", _("Dat er iets verandert, dat iemand helpt")),
                Choice("unsure", _("Dat weet ik nog niet")),
            ),
            False,
            number,
        )
    raise KeyError(question_id)


def topic_label(topic: Topic, _: Gettext) -> str:
    return {
        Topic.HOME_FIGHTS: _("Er is veel ruzie of geweld thuis"),
        Topic.HURT: _("Iemand doet mij pijn of maakt mij bang"),
        Topic.TOUCH: _(
            "Iemand doet iets met mijn lichaam dat niet oké is, ook online. Bijvoorbeeld aanraken "
            "of foto's."
        ),
        Topic.DIVORCE: _("Mijn ouders gaan uit elkaar"),
        Topic.BULLYING: _("Ik word gepest"),
        Topic.SAD: _("Ik voel me vaak verdrietig of alleen"),
        Topic.SUICIDE: _("Ik wil niet meer leven, of ik denk aan zelfmoord"),
        Topic.FRIEND: _("Ik maak me zorgen om iemand anders"),
        Topic.OTHER: _("Iets anders"),
    }[topic]


def _because(topic: Topic, _: Gettext) -> str:
    match topic:  # a match, not a dict: only the one sentence is translated
        case Topic.HOME_FIGHTS:
            return _("Omdat je zei dat er thuis veel ruzie of geweld is.")
        case Topic.HURT:
            return _("Omdat je zei dat iemand je pijn doet of bang maakt.")
        case Topic.TOUCH:
            return _("Omdat je zei dat iemand iets met je lichaam doet dat niet oké is.")
        case Topic.DIVORCE:
            return _("Omdat je zei dat je ouders uit elkaar gaan.")
        case Topic.BULLYING:
            return _("Omdat je zei dat je gepest wordt.")
        case Topic.SAD:
            return _("Omdat je zei dat je je vaak verdrietig of alleen voelt.")
        case Topic.SUICIDE:
            return _("Omdat je zei dat je aan zelfmoord denkt of niet meer wilt leven.")
        case Topic.FRIEND:
            return _("Omdat je zei dat je je zorgen maakt om iemand anders.")
        case Topic.OTHER:
            return _("Omdat je zei dat het over iets anders gaat.")
    raise ValueError(topic)  # pragma: no cover - every topic is handled above


def _prefer(contact: Contact | None, _: Gettext) -> str:
    match contact:
        case Contact.CHAT:
            return _("Omdat je het liefst typt.")
        case Contact.CALL:
            return _("Omdat je het liefst belt.")
        case Contact.FACE_TO_FACE:
            return _("Omdat je het liefst praat met iemand die je kent.")
    return _("Omdat ze bij veel dingen helpen.")


def reason(option: Option, contact: Contact | None, _: Gettext) -> str:
    """One short sentence in child language: why this place (R12)."""
    topic_part = _because(option.topic, _) if option.topic else ""
    match option.reason:
        case Reason.DANGER_NOW:
            return _("Omdat je zei dat je nu in gevaar bent. Bel meteen.")
        case Reason.DANGER_AFTER:
            return _(
                "Omdat je zei dat je in gevaar bent. Zij helpen ook als het gevaar voorbij is."
            )
        case Reason.DANGER_UNSURE:
            return _("Omdat je niet zeker weet of je veilig bent. Zij denken met je mee.")
        case Reason.SUICIDE:
            return _(
                "Omdat je zei dat je aan zelfmoord denkt of niet meer wilt leven. Zij zijn er dag "
                "en nacht."
            )
        case Reason.VIOLENCE_CHANGE:
            stops = _("Zij kunnen helpen zodat het stopt.")  # not inside an f-string: Babel
            return f"{topic_part} {stops}"  # extracts only plain calls
        case Reason.VIOLENCE_LISTEN:
            listens = _("Zij luisteren naar je.")
            return f"{topic_part} {listens}"
        case Reason.DIVORCE | Reason.TOPIC:
            return topic_part
        case Reason.FACE_TO_FACE | Reason.CONTACT:
            return _prefer(contact, _)
        case Reason.GENERAL:
            return _("Omdat ze bij veel dingen helpen.")
        case Reason.SAFETY:
            return _("Omdat zij helpen als het thuis niet veilig is.")
    raise ValueError(option.reason)  # pragma: no cover - every reason is handled above


def notice_text(notice: NoticeId, _: Gettext) -> tuple[str, ...]:
    """The paragraphs of a notice (R13), after the first line of not_now (`not_now_when`)."""
    match notice:
        case NoticeId.NOT_NOW:
            return (
                _("Kan het niet wachten? Ben je in gevaar? Bel dan 112."),
                _("Denk je erover om niet meer te leven? Bel dan 113: 0800-0113, dag en nacht."),
            )
        case NoticeId.SEXUAL_VIOLENCE:
            return (
                _(
                    "Heeft iemand in de laatste 7 dagen iets met je lichaam gedaan? Bel dan nu het "
                    "Centrum Seksueel Geweld: 0800-0188. Het is gratis, dag en nacht. Een dokter "
                    "kan je lichaam helpen."
                ),
                _(
                    "Is het langer geleden? Ook dan mag je bellen. De politie komt er alleen bij "
                    "als jij dat wilt."
                ),
                _(
                    "Gaat het om foto's of filmpjes online? Helpwanted helpt. Ook om ze weg te "
                    "laten halen."
                ),
            )
        case NoticeId.WORRIED_FRIEND:
            return (
                _(
                    "Ben je bang dat iemand aan zelfmoord denkt? Dan helpt 113 jou ook: 0800-0113, "
                    "dag en nacht."
                ),
                _(
                    "Wordt iemand die je kent thuis pijn gedaan? Veilig Thuis helpt ook als je je "
                    "zorgen maakt om een ander: 0800-2000, dag en nacht."
                ),
            )
        case NoticeId.TRUSTED_ADULT:
            return (
                _(
                    "Je mag het ook vertellen aan een grote mens die je vertrouwt. Bijvoorbeeld je "
                    "juf of meester, opa of oma, of de buren."
                ),
            )
        case NoticeId.ASK_FIRST:
            return (
                _("Je mag eerst vragen: moet je dit doorvertellen?"),
                _(
                    "De vertrouwenspersoon vertelt het meestal niet verder. Maar is het thuis niet "
                    "veilig? Of doet iemand die op school werkt iets met je lichaam dat niet mag? "
                    "Dan moet school dat melden. Dan horen je ouders het meestal ook."
                ),
            )
    raise ValueError(notice)  # pragma: no cover - every notice is handled above


def opening_day(opens_at: datetime, now: datetime) -> str:
    """Whether an opening is "today", "tomorrow" or "later" (then say the weekday), by the local
    date of the place's time zone: used by the cards' status lines and by not_now."""
    today = now.astimezone(opens_at.tzinfo).date()
    if opens_at.date() == today:
        return "today"
    return "tomorrow" if opens_at.date() == today + timedelta(days=1) else "later"


def not_now_when(
    opens_at: datetime | None,
    verified: bool,
    now: datetime,
    day_names: tuple[str, ...],
    _: Gettext,
) -> str:
    """not_now's first line: no place that fits can be called or chatted with now, and when the
    first one can again (marked when those hours are not checked yet)."""
    if opens_at is None:
        return _("Bellen of chatten met deze plekken kan nu niet.")
    clock = f"{opens_at:%H:%M}"
    day = opening_day(opens_at, now)
    if day == "today":
        line = _("Bellen of chatten met deze plekken kan nu niet. Dat kan weer vandaag om {time}.")
        line = line.format(time=clock)
    elif day == "tomorrow":
        line = _("Bellen of chatten met deze plekken kan nu niet. Dat kan weer morgen om {time}.")
        line = line.format(time=clock)
    else:
        line = _(
            "Bellen of chatten met deze plekken kan nu niet. Dat kan weer op {day} om {time}."
        ).format(day=day_names[opens_at.weekday()], time=clock)
    unchecked = _("Tijden nog niet gecontroleerd.")  # not inside the f-string: Babel
    return line if verified else f"{line} {unchecked}"
