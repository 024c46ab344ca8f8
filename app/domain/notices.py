"""R13 notices: short boxes before the options that are not options themselves (design.md s4).

Each notice names the channels it links to by place and channel (a phone number, or the place's
chat); `notice_channels` finds them in the catalogue, and the loader refuses content in which one
is missing, so a notice can never lose its phone number quietly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.catalogue import (
    CENTRUM_SEKSUEEL_GEWELD,
    EMERGENCY_112,
    HELPWANTED,
    VEILIG_THUIS,
    ZELFMOORDPREVENTIE_113,
    Catalogue,
    Channel,
    ChannelKind,
)


class NoticeId(StrEnum):
    """In the order the notices are shown (a contract: `data-notice` and the API)."""

    NOT_NOW = "not_now"
    SEXUAL_VIOLENCE = "sexual_violence"
    WORRIED_FRIEND = "worried_friend"
    TRUSTED_ADULT = "trusted_adult"
    ASK_FIRST = "ask_first"


@dataclass(frozen=True)
class ChannelRef:
    service: str
    kind: ChannelKind
    url: str | None = None  # a phone channel is named by its tel: url; None: the first of `kind`

    def find(self, catalogue: Catalogue) -> Channel:
        """The channel this names. Raises LookupError saying what is missing."""
        service = catalogue.services.get(self.service)
        for channel in service.channels if service else ():
            if channel.kind is self.kind and self.url in (None, channel.url):
                return channel
        wanted = self.url or f"a {self.kind} channel"
        raise LookupError(f"{self.service} has no {wanted}")


NOTICE_CHANNELS: dict[NoticeId, tuple[ChannelRef, ...]] = {
    # "Kan het niet wachten?": 112 in danger, 113 when you think about not wanting to live.
    NoticeId.NOT_NOW: (
        ChannelRef(EMERGENCY_112, ChannelKind.PHONE, "tel:112"),
        ChannelRef(ZELFMOORDPREVENTIE_113, ChannelKind.PHONE, "tel:08000113"),
    ),
    NoticeId.SEXUAL_VIOLENCE: (
        ChannelRef(CENTRUM_SEKSUEEL_GEWELD, ChannelKind.PHONE, "tel:08000188"),
        ChannelRef(HELPWANTED, ChannelKind.CHAT),
    ),
    NoticeId.WORRIED_FRIEND: (
        ChannelRef(ZELFMOORDPREVENTIE_113, ChannelKind.PHONE, "tel:08000113"),
        ChannelRef(VEILIG_THUIS, ChannelKind.PHONE, "tel:08002000"),
    ),
    NoticeId.TRUSTED_ADULT: (),
    NoticeId.ASK_FIRST: (),
}


def missing_notice_channels(catalogue: Catalogue) -> list[str]:
    """Every channel a notice links to that the content lacks (for the loader's errors)."""
    missing = []
    for notice, refs in NOTICE_CHANNELS.items():
        for ref in refs:
            try:
                ref.find(catalogue)
            except LookupError as exc:
                missing.append(f"the {notice} notice links to {ref.service}, but {exc}")
    return missing


def notice_channels(notice: NoticeId, catalogue: Catalogue) -> tuple[tuple[str, int], ...]:
    """The place and channel index of each channel the notice links to (worked out once per
    catalogue: it never changes)."""
    key = ("notice channels", notice)
    found = catalogue.memo.get(key)
    if not isinstance(found, tuple):
        found = catalogue.memo[key] = tuple(
            (ref.service, catalogue[ref.service].channels.index(ref.find(catalogue)))
            for ref in NOTICE_CHANNELS[notice]
        )
    return found
