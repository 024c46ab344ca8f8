"""What is open now: each channel's state at a moment, from its opening hours (R11).

A channel with no known hours (a person at school, an app) is neither open nor closed: None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain.catalogue import Catalogue, Channel, Service


@dataclass(frozen=True)
class ChannelStatus:
    channel: Channel
    open_now: bool | None  # None: no known hours
    opens_at: datetime | None  # the next opening when closed now


def channel_status(channel: Channel, now: datetime) -> ChannelStatus:
    if channel.hours is None:
        return ChannelStatus(channel, None, None)
    is_open = channel.hours.is_open(now)
    return ChannelStatus(channel, is_open, None if is_open else channel.hours.next_opening(now))


def channel_statuses(service: Service, now: datetime) -> tuple[ChannelStatus, ...]:
    return tuple(channel_status(channel, now) for channel in service.channels)


Statuses = Mapping[str, tuple[ChannelStatus, ...]]  # service id -> its channels' statuses


def statuses_at(catalogue: Catalogue, now: datetime) -> dict[str, tuple[ChannelStatus, ...]]:
    """Every place's channel statuses at `now` (the same for every moment of a minute)."""
    return {s.id: channel_statuses(s, now) for s in catalogue.services.values()}
