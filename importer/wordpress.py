"""Turns what WordPress stored into the HTML a reader of the old blog saw, without its machinery.

WordPress keeps classic posts without paragraphs (it adds them when it shows a post),
with shortcodes such as [caption] and [gallery], and block posts wrapped in
<!-- wp:… --> comments. Videos and posts from other sites were embedded players; here
they become plain links with their title, because an embedded player tells that site
who is reading.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from bs4 import BeautifulSoup

MORE = re.compile(r"<!--\s*more\b.*?-->", re.I | re.S)
NEXT_PAGE = re.compile(r"<!--\s*nextpage\s*-->", re.I)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
# WordPress's own pattern for a shortcode (get_shortcode_regex), for the names it handles.
SHORTCODE = (
    r"\[(\[?)({names})(?![\w-])([^\]\/]*(?:\/(?!\])[^\]\/]*)*?)"
    r"(?:(\/)\]|\](?:([^\[]*+(?:\[(?!\/\2\])[^\[]*+)*+)\[\/\2\])?)(\]?)"
)
# Any other shortcode: a name with attributes, or one that is closed; "[sic]" is left alone.
OTHER_SHORTCODE = re.compile(
    r"\[([a-z][a-z0-9_-]*)(\s+[^\]]*=[^\]]*)\](?:(.*?)\[/\1\])?|\[([a-z][a-z0-9_-]*)\](.*?)\[/\4\]",
    re.S,
)
ATTRIBUTE = re.compile(
    r"([\w-]+)\s*=\s*\"([^\"]*)\"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|"
    r"([\w-]+)\s*=\s*([^\s'\"]+)(?:\s|$)|\"([^\"]*)\"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"
)
BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|script"
)
OPENING_BLOCK = re.compile(rf"(<(?:{BLOCKS})[\s/>])", re.I)
CLOSING_BLOCK = re.compile(rf"(</(?:{BLOCKS})>)", re.I)
PRE = re.compile(r"<pre[\s>].*?</pre>", re.I | re.S)
STARTS_WITH_BLOCK = re.compile(rf"^</?(?:{BLOCKS})[\s/>]", re.I)
LONE_ADDRESS = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)
# Sites whose players WordPress embeds, by the end of their host name.
PROVIDERS = {
    "youtube.com": ("YouTube", "Watch the video on YouTube"),
    "youtu.be": ("YouTube", "Watch the video on YouTube"),
    "vimeo.com": ("Vimeo", "Watch the video on Vimeo"),
    "twitter.com": ("X", "Read the post on X"),
    "x.com": ("X", "Read the post on X"),
    "instagram.com": ("Instagram", "See the post on Instagram"),
    "facebook.com": ("Facebook", "See the post on Facebook"),
    "tiktok.com": ("TikTok", "Watch the video on TikTok"),
    "spotify.com": ("Spotify", "Listen on Spotify"),
    "soundcloud.com": ("SoundCloud", "Listen on SoundCloud"),
}
SOCIAL_QUOTES = {"twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed"}


@dataclass
class Prepared:
    """A post's HTML as the old blog showed it, and what the import must tell her about it."""

    html: str
    teaser: str = ""  # the part before <!--more-->, for the summary
    notes: list = field(default_factory=list)
    embeds: int = 0


def provider(address):
    host = (urlsplit(address).hostname or "").lower()
    for domain, found in PROVIDERS.items():
        if host == domain or host.endswith("." + domain):
            return found
    return None


def shortcode_attributes(text):
    values, positional = {}, []
    for match in ATTRIBUTE.finditer(html.unescape(text or "")):
        if match.group(1):
            values[match.group(1).lower()] = match.group(2)
        elif match.group(3):
            values[match.group(3).lower()] = match.group(4)
        elif match.group(5):
            values[match.group(5).lower()] = match.group(6)
        else:
            positional.append(next(g for g in match.groups()[6:] if g is not None))
    return values, positional


def embed_link(address, title=""):
    """A paragraph with a link to what was embedded, named by its title where there is one."""
    found = provider(address)
    text = title.strip() or (found[1] if found else address)
    if title.strip() and found:
        text = f"{title.strip()} (on {found[0]})"
    return f'<p><a href="{html.escape(address)}">{html.escape(text)}</a></p>'


def prepare(item, export):
    """Apply what WordPress applies when it shows a post, then replace its embeds with links."""
    text = item.html.replace("\r\n", "\n")
    prepared = Prepared(text)
    more = MORE.search(text)
    if more:
        prepared.teaser = text[: more.start()]
    text = NEXT_PAGE.sub("", MORE.sub("", text))
    is_blocks = "<!-- wp:" in text
    text = BLOCK_COMMENT.sub("", text)
    text = _shortcodes(text, item, export, prepared)
    text = LONE_ADDRESS.sub(lambda m: _lone_address(m, prepared), text)
    if not is_blocks:
        text = autop(text)
    prepared.html = _embeds(text, prepared)
    if prepared.teaser:
        prepared.teaser = autop(BLOCK_COMMENT.sub("", prepared.teaser))
    return prepared


def _lone_address(match, prepared):
    if provider(match.group(1)):
        prepared.embeds += 1
        return embed_link(match.group(1))
    return f'<p><a href="{html.escape(match.group(1))}">{html.escape(match.group(1))}</a></p>'


def _shortcodes(text, item, export, prepared):
    known = re.compile(
        SHORTCODE.format(
            names="caption|wp_caption|gallery|embed|audio|video|playlist|code|sourcecode"
        )
    )

    def replace(match):
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[caption]] is how WordPress writes a literal one
        name, attributes, inner = match.group(2), match.group(3), match.group(5) or ""
        values, positional = shortcode_attributes(attributes)
        if name in ("caption", "wp_caption"):
            return _caption(inner, values)
        if name == "gallery":
            return _gallery(values, item, export)
        if name == "embed":
            prepared.embeds += 1
            return embed_link(inner.strip())
        if name in ("code", "sourcecode"):
            return f"<pre><code>{inner.strip(chr(10))}</code></pre>"
        source = values.get("src") or next(
            (values[k] for k in ("mp3", "m4a", "ogg", "wav", "mp4", "m4v", "webm") if k in values),
            "",
        )
        what = {"audio": "an audio player", "video": "a video player"}.get(name, "a playlist")
        prepared.notes.append(
            f"The old post had {what} here{f' for {source}' if source else ''}. The site does "
            "not play media; link to where the recording can be found, or leave it out."
        )
        return f'<p><a href="{html.escape(source)}">{html.escape(source)}</a></p>' if source else ""

    text = known.sub(replace, text)

    def other(match):
        name = match.group(1) or match.group(4)
        inner = match.group(3) if match.group(1) else match.group(5)
        prepared.notes.append(
            f"The old post used [{name}], a feature of the old site that this site does not "
            "have; it was left out. Write what it showed as text, or leave it out."
        )
        return inner or ""

    return OTHER_SHORTCODE.sub(other, text)


def _caption(inner, values):
    soup = BeautifulSoup(inner, "html.parser")
    image = soup.find("img")
    if image is None:
        return inner
    holder = image.parent if image.parent is not None and image.parent.name == "a" else image
    image_html = str(holder.extract())
    # Older exports put the caption in an attribute; newer ones after the image.
    caption = values.get("caption") or soup.decode().strip()
    return f"<figure>{image_html}<figcaption>{caption}</figcaption></figure>"


def _gallery(values, item, export):
    ids = [i.strip() for i in values.get("ids", values.get("include", "")).split(",") if i.strip()]
    if not ids:
        ids = [i for i, parent in export.attachment_parents.items() if parent == item.post_id]
    images = [
        f'<p><img src="{html.escape(export.attachments[i])}" alt=""></p>'
        for i in ids
        if export.attachments.get(i)
    ]
    return "\n".join(images)


def autop(text):
    """Paragraphs where WordPress would make them: at blank lines, around block-level tags."""
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return f"\n\n\x00{len(kept) - 1}\x00\n\n"

    text = PRE.sub(keep, text)
    text = CLOSING_BLOCK.sub(r"\1\n\n", OPENING_BLOCK.sub(r"\n\n\1", text))
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("\x00") or STARTS_WITH_BLOCK.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    text = "\n".join(chunks)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def lazy_pictures(soup):
    """Each lazily loaded picture once, at its real address.

    Squarespace writes every image block as <img data-src> (a script fills in src) beside
    a <noscript><img src> copy for readers without scripts; lazy-loading plugins for
    WordPress do the same with a placeholder in src. The picture is the data-src one, and
    a <noscript> that only repeats pictures shown beside it is left out.
    """
    for image in soup.find_all("img"):
        lazy = (image.get("data-src") or image.get("data-image") or "").strip()
        if lazy and not lazy.startswith("data:"):
            image["src"] = lazy
    shown = {i.get("src") for i in soup.find_all("img") if i.find_parent("noscript") is None}
    for noscript in soup.find_all("noscript"):
        images = noscript.find_all("img")
        if images and all(image.get("src") in shown for image in images):
            noscript.decompose()
        else:
            noscript.unwrap()


def _embeds(text, prepared):
    """Players and embedded posts become a link to what they showed."""
    soup = BeautifulSoup(text, "html.parser")
    lazy_pictures(soup)
    for frame in soup.find_all(["iframe", "embed", "object"]):
        address = frame.get("src") or frame.get("data") or ""
        address = _page_of_player(address)
        replacement = BeautifulSoup(embed_link(address, frame.get("title", "")), "html.parser")
        prepared.embeds += 1
        frame.replace_with(replacement if address else "")
    for quote in soup.find_all("blockquote"):
        classes = set(quote.get("class") or [])
        if not classes & SOCIAL_QUOTES:
            continue
        address = quote.get("data-instgrm-permalink") or quote.get("cite") or ""
        links = [a.get("href", "") for a in quote.find_all("a") if provider(a.get("href", ""))]
        address = address or (links[-1] if links else "")
        said = quote.find("p") or quote
        words = " ".join(said.get_text(" ").split())
        title = words[:80].rsplit(" ", 1)[0] + " …" if len(words) > 80 else words
        prepared.embeds += 1
        quote.replace_with(BeautifulSoup(embed_link(address, title), "html.parser"))
    for script in soup.find_all("script"):
        script.decompose()
    for figure in soup.find_all("figure", class_="wp-block-embed"):
        # A block embed keeps its address as text; the link replaced it above.
        wrapper = figure.find(class_="wp-block-embed__wrapper")
        link = wrapper.find("a") if wrapper else None
        address = link.get("href", "") if link else (wrapper.get_text().strip() if wrapper else "")
        if address.startswith("http"):
            caption = figure.find("figcaption")
            title = caption.get_text(" ").strip() if caption else ""
            figure.replace_with(BeautifulSoup(embed_link(address, title), "html.parser"))
    return str(soup)


def _page_of_player(address):
    """The page a player shows: a YouTube or Vimeo player's video, a Facebook plugin's post."""
    parts = urlsplit(address if "://" in address else "https:" + address)
    host = (parts.hostname or "").lower()
    if host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        video = parts.path.rstrip("/").rsplit("/", 1)[-1]
        return f"https://www.youtube.com/watch?v={video}" if "/embed/" in parts.path else address
    if host == "player.vimeo.com":
        return f"https://vimeo.com/{parts.path.rstrip('/').rsplit('/', 1)[-1]}"
    if host.endswith("facebook.com") and "/plugins/" in parts.path:
        inner = parse_qs(parts.query).get("href", [""])[0]
        return unquote(inner) or address
    return address if parts.scheme in ("http", "https") else ""
