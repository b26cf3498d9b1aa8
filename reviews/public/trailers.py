"""Trailer embeds that load nothing from a third party until the reader asks."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^\d{3,12}$")


@dataclass(frozen=True)
class Trailer:
    embed_url: str
    provider: str


def trailer_for(url: str) -> Trailer | None:
    """The trailer's player, if its page is on a video site we know how to embed."""
    embed = embed_url(url)
    if embed is None:
        return None
    return Trailer(embed, "Vimeo" if "vimeo" in embed else "YouTube")


def embed_url(url: str) -> str | None:
    """The privacy-enhanced player address for a YouTube or Vimeo page, or None.

    Only ids of the expected shape are accepted, so a crafted address cannot smuggle
    anything into the player URL.
    """
    if not url:
        return None
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtube.com":
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    if host in {"vimeo.com", "player.vimeo.com"}:
        vimeo_id = parsed.path.rstrip("/").split("/")[-1]
        if _VIMEO_ID.match(vimeo_id):
            return f"https://player.vimeo.com/video/{vimeo_id}?autoplay=1&dnt=1"
    return None
