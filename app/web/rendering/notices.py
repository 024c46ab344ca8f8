"""View models for notice boxes (R13): their texts and the buttons of the channels they name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.content.loader import Content
from app.domain.catalogue import ChannelKind
from app.domain.notices import NoticeId, notice_channels
from app.web.i18n import DEFAULT
from app.web.i18n.wording import Gettext, notice_text


@dataclass(frozen=True)
class NoticeLink:
    href: str
    action: str  # the text of the button: "Bel 0800-0188"
    status: str  # the channel's line, as on a card: "Dag en nacht open.", "Nu dicht. ..."


@dataclass(frozen=True)
class NoticeView:
    """A notice box (R13): `lead` is not_now's first line (when it opens), else None."""

    id: str
    lead: str | None
    paragraphs: tuple[str, ...]
    links: tuple[NoticeLink, ...]


def notice_view(
    notice: NoticeId,
    content: Content,
    _: Gettext,
    lead: str | None,
    status: Callable[[str, int], str],
) -> NoticeView:
    """`status(service id, channel index)`: that channel's line now (board.Board.lines)."""
    links = []
    for service_id, index in notice_channels(notice, content.catalogue):
        service = content.services[service_id]
        model = service.channels[index]
        if model.kind is ChannelKind.PHONE:
            action = _("Bel {number}").format(number=model.number)
        else:
            action = _("Chat met {name}").format(name=service.name[DEFAULT])
        links.append(NoticeLink(model.url or "", action, status(service_id, index)))
    return NoticeView(notice.value, lead, notice_text(notice, _), tuple(links))
