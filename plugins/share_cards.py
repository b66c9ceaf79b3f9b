"""Share images: the picture a link to the site shows when it is shared.

Social sites and messaging apps show a large image beside a shared link when the page
names one (`og:image`). An article can name its own photo (`Image:` and `ImageAlt:` in
its front matter), cropped to the shape they show; otherwise the site draws a card with
the article's title, the site's name and, once she has chosen one, her portrait. Other
pages share the site's own card. Only the public build (publishconf.py, SHARE_IMAGES)
makes them: they need the site's absolute address, and nobody shares a preview.

Cards are drawn with Pillow's own font in the theme's colours, so the same inputs make
the same bytes on any machine, and they are kept in the picture cache (store.py) under
a name made of everything that drew them: an unchanged card is copied, never redrawn.
"""

import functools
import hashlib
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from plugins.pictures import store
from plugins.pictures.source import PictureProblem, open_upright

logger = logging.getLogger(__name__)

# The size Facebook, LinkedIn, Mastodon and others show at full width (1.91:1).
WIDTH, HEIGHT = 1200, 630
# Below half that, a photo would be blown up into a blur.
SMALLEST = (WIDTH // 2, HEIGHT // 2)
MAX_BYTES = 300_000  # WhatsApp shows no picture above this; cards stay far below it
FOLDER = "images/share"
# Layout of a drawn card, in pixels.
MARGIN = 80
ACCENT_WIDTH = 16  # the stripe down the left edge, in the link colour
PORTRAIT_SIZE = 240
PORTRAIT_GAP = 60  # between the title and the portrait
TITLE_SIZES = range(76, 35, -4)  # largest first: a short title is drawn large
LINE_SPACING = 1.2
SITE_NAME_SIZE = 34
SITE_NAME_GAP = 40  # between the title's lowest line and the site name
ELLIPSIS = "…"
STYLESHEET = "static/css/site.css"  # in the theme
# A drawn card uses these colours of the theme's light mode (theme/static/css/site.css),
# read from there so that the two never disagree.
CARD_COLOURS = {
    "background": "--ps-surface",
    "accent": "--ps-link",
    "title": "--ps-text",
    "site_name": "--ps-muted",
    "portrait_ring": "--ps-border",
}
CUSTOM_PROPERTY = re.compile(r"(--ps-[a-z0-9-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;")
# Part of every cache key: a change to how cards are drawn draws them all again.
DRAWING = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

_made = {}  # file name in FOLDER -> its path in the cache, for this build


@dataclass(frozen=True)
class Layout:
    """Where a card's title goes: its font size, outline, and each line's text and place."""

    size: int
    stroke: int
    lines: tuple  # (text, x, y): drawn with anchor "la", y the top of the line's ascender
    box: tuple  # (left, top, right, bottom) the title must stay inside


def theme_colours(stylesheet):
    """The card's colours, as RGB, from the first (light mode) `:root` block of the CSS."""
    light = Path(stylesheet).read_text(encoding="utf-8").split("}", 1)[0]
    found = dict(CUSTOM_PROPERTY.findall(light))
    return {role: ImageColor.getrgb(found[name]) for role, name in sorted(CARD_COLOURS.items())}


@functools.cache
def font(size):
    # Pillow's own scalable font: no system font to install, the same glyphs everywhere.
    return ImageFont.load_default(size=size)


def _stroke(size):
    # A thin outline in the text's own colour makes the regular face read as a headline.
    return max(1, size // 30)


def _ink(text, size):
    """(left, right) of the letters drawn from x = 0: a "y" or "j" reaches left of it."""
    left, _, right, _ = font(size).getbbox(text, anchor="la", stroke_width=_stroke(size))
    return left, right


def _width(text, size):
    left, right = _ink(text, size)
    return right - left


# Laying out a title measures each letter a bounded number of times, and stops once the
# card is full, so a long title costs no more than the lines a card can hold: it once grew
# with the cube of a long word's length (800 characters took minutes).


def _pieces(words, size, width):
    """The words in order; one wider than the card comes in pieces that each fit a line."""
    for word in words:
        if _width(word, size) <= width:
            yield word
            continue
        while word:
            cut = _most_letters(word, size, width)
            yield word[:cut]
            word = word[cut:]


def _most_letters(word, size, width):
    """How many of the word's first letters fit in `width`: all of them, or at least one.

    Doubling, then halving, measures a few stretches no longer than two lines, however
    long the word.
    """
    fits, over = 0, 1
    while over < len(word) and _width(word[:over], size) <= width:
        fits, over = over, over * 2
    if over >= len(word):
        if _width(word, size) <= width:
            return len(word)
        over = len(word)
    while over - fits > 1:
        middle = (fits + over) // 2
        fits, over = (middle, over) if _width(word[:middle], size) <= width else (fits, middle)
    return max(fits, 1)


def _wrap(words, size, width, most):
    """Lines of at most `width` pixels, broken between words, and no more than `most`+1.

    The line after the `most` that fit says the title did not fit, and is all that
    _shortened needs of the rest.
    """
    lines, line = [], ""
    for piece in _pieces(words, size, width):
        joined = f"{line} {piece}" if line else piece
        if _width(joined, size) <= width:
            line = joined
            continue
        lines.append(line)
        line = piece
        if len(lines) > most:
            return lines
    if line:
        lines.append(line)
    return lines


def _shortened(lines, size, width, count):
    """The first `count` lines, the last ending in an ellipsis after a whole word."""
    kept = lines[:count]
    last = kept[-1].split(" ")
    while len(last) > 1 and _width(" ".join(last) + ELLIPSIS, size) > width:
        last.pop()
    text = " ".join(last)
    while _width(text + ELLIPSIS, size) > width:  # a single long word: cut it
        text = text[:-1]
    return [*kept[:-1], text + ELLIPSIS]


def layout(title, with_portrait):
    """The largest size at which the whole title fits, broken between words."""
    right = WIDTH - MARGIN - (PORTRAIT_SIZE + PORTRAIT_GAP if with_portrait else 0)
    bottom = HEIGHT - MARGIN - SITE_NAME_SIZE - SITE_NAME_GAP
    left = ACCENT_WIDTH + MARGIN
    box = (left, MARGIN, right, bottom)
    words = title.split()
    for size in TITLE_SIZES:
        step = round(size * LINE_SPACING)
        count = (bottom - MARGIN - _line_height(size)) // step + 1
        lines = _wrap(words, size, right - left, count)
        if len(lines) <= count:
            break
    else:  # longer than any card can hold: as much as fits, ending "…"
        lines = _shortened(lines, size, right - left, count)
    # Centred in the space above the site name, so a short title does not float at the top.
    top = MARGIN + (bottom - MARGIN - (len(lines) - 1) * step - _line_height(size)) // 2
    stroke = _stroke(size)  # the outline grows each letter by this much on every side
    placed = tuple(
        (line, left - _ink(line, size)[0], top + stroke + n * step) for n, line in enumerate(lines)
    )
    return Layout(size, stroke, placed, box)


def _line_height(size):
    ascent, descent = font(size).getmetrics()
    return ascent + descent + 2 * _stroke(size)


def draw_card(title, site_name, colours, portrait=None):
    """A card: the title as large as fits, the site name under it, the portrait beside it."""
    card = Image.new("RGB", (WIDTH, HEIGHT), colours["background"])
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, ACCENT_WIDTH - 1, HEIGHT - 1), fill=colours["accent"])
    placed = layout(title, portrait is not None)
    for text, x, y in placed.lines:
        draw.text(
            (x, y),
            text,
            font=font(placed.size),
            fill=colours["title"],
            anchor="la",
            stroke_width=placed.stroke,
            stroke_fill=colours["title"],
        )
    draw.text(
        (ACCENT_WIDTH + MARGIN, HEIGHT - MARGIN),
        site_name,
        font=font(SITE_NAME_SIZE),
        fill=colours["site_name"],
        anchor="ld",
    )
    if portrait is not None:
        _paste_round(card, portrait, colours)
    return card


def _paste_round(card, portrait, colours):
    """Her portrait in a circle, right of the title, with a thin ring in the border colour."""
    ring = 3
    left, top = WIDTH - MARGIN - PORTRAIT_SIZE, (HEIGHT - PORTRAIT_SIZE) // 2
    edge = (left, top, left + PORTRAIT_SIZE - 1, top + PORTRAIT_SIZE - 1)
    ImageDraw.Draw(card).ellipse(edge, fill=colours["portrait_ring"])
    size = PORTRAIT_SIZE - 2 * ring
    left, top = left + ring, top + ring
    if portrait.mode == "RGBA":  # a cut-out portrait sits on the card's background
        backed = Image.new("RGB", portrait.size, colours["background"])
        backed.paste(portrait, mask=portrait)
        portrait = backed
    # Faces sit in the upper part of a portrait: keep that part when cropping to a square.
    face = ImageOps.fit(portrait, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.35))
    # Drawn four times larger and reduced, the circle's edge is smooth.
    mask = Image.new("L", (size * 4, size * 4), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size * 4 - 1, size * 4 - 1), fill=255)
    mask = mask.resize((size, size), Image.Resampling.LANCZOS)
    card.paste(face.convert("RGB"), (left, top), mask)


def crop_photo(picture, background):
    """A photo cropped around its centre to exactly the share size, flattened onto `background`."""
    if picture.mode == "RGBA":
        backed = Image.new("RGB", picture.size, background)
        backed.paste(picture, mask=picture)
        picture = backed
    return ImageOps.fit(picture.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def save_jpeg(image, path, text=False):
    """Save without metadata, as well as fits under MAX_BYTES.

    Text keeps full colour detail (4:4:4): halved colour makes coloured letters fuzzy.
    """
    for quality in (88, 80, 70, 60, 50):
        image.save(path, "JPEG", quality=quality, optimize=True, subsampling=0 if text else 2)
        if Path(path).stat().st_size < MAX_BYTES:
            return


def plain(value):
    """Text without tags or entities, as readers see it (titles are typeset HTML)."""
    return " ".join(Markup(value or "").striptags().split())


class Cards:
    """What one build needs to make share images: its settings, colours and portrait."""

    def __init__(self, settings):
        self.settings = settings
        self.content = Path(settings["PATH"])
        # plugins/runner.py sets IMAGE_CACHE_PATH; Pelican run by hand keeps it in the cache.
        images = settings.get("IMAGE_CACHE_PATH") or Path(settings["CACHE_PATH"]) / "images"
        self.cache = Path(images) / "share"
        self.site_name = plain(settings["SITENAME"])
        stylesheet = Path(settings["THEME"]) / STYLESHEET
        if not stylesheet.exists():  # another theme (Pelican's own, in a test): the site's colours
            stylesheet = Path(__file__).resolve().parent.parent / "theme" / STYLESHEET
        self.colours = theme_colours(stylesheet)
        photo = settings.get("AUTHOR_PHOTO")
        self.portrait_path = self.content / photo if photo else None
        try:  # its bytes name the cards; its pixels are needed only to draw one
            self.portrait_bytes = self.portrait_path.read_bytes() if photo else b""
        except OSError:
            self.portrait_bytes = b""

    @functools.cached_property
    def portrait(self):
        if not self.portrait_bytes:
            return None
        try:
            return open_upright(self.portrait_path)
        except PictureProblem as problem:
            # The portrait's own check explains it; the cards are drawn without it.
            logger.warning("Share cards are drawn without the portrait: %s", problem.what)
            return None

    def card(self, title, alt):
        """The drawn card for a title, as the tags describe it."""
        colours = tuple(sorted(self.colours.items()))
        name = store.key(self.portrait_bytes, "card", title, self.site_name, colours, DRAWING)

        def make(path):
            card = draw_card(title, self.site_name, self.colours, self.portrait)
            save_jpeg(card, path, text=True)

        return self._published(f"{name}.jpg", make, alt)

    def photo(self, relative, alt):
        """The article's own picture, cropped to the share size."""
        path = self.content / relative
        source = path.read_bytes()
        name = store.key(source, "photo", self.colours["background"], WIDTH, HEIGHT, DRAWING)

        def make(target):
            save_jpeg(crop_photo(open_upright(path), self.colours["background"]), target)

        return self._published(f"{name}.jpg", make, alt)

    def _published(self, name, make, alt):
        _made[name] = store.cached(self.cache, name, make)
        return {
            "url": f"{self.settings['SITEURL']}/{FOLDER}/{name}",
            "width": WIDTH,
            "height": HEIGHT,
            "alt": alt,
        }

    def for_article(self, article):
        relative = getattr(article, "image", "")
        if relative:
            try:
                # ImageAlt is text as written, not HTML: "<b>" in it is what it says.
                alt = " ".join(getattr(article, "imagealt", "").split())
                return self.photo(relative, alt)
            except (OSError, PictureProblem) as problem:
                # `invoke check` stops a build with a bad Image first; this is a safety net.
                logger.warning("%s: its Image cannot be used (%s)", article.source_path, problem)
        title = plain(article.title)
        return self.card(title, _then(title, self.site_name))


def _then(first, second):
    """The text of a card read aloud: two sentences, however the first one ends."""
    return f"{first} {second}" if first.endswith((".", "?", "!")) else f"{first}. {second}"


def _wanted(settings):
    return settings.get("SHARE_IMAGES") and not settings.get("CHECK_ONLY")


def site_card(pelican):
    # initialized: before any template gets the settings, so every page sees the card.
    _made.clear()
    settings = pelican.settings
    settings["SITE_SHARE_IMAGE"] = None
    if _wanted(settings):
        cards = Cards(settings)
        description = plain(settings["SITE_DESCRIPTION"])
        alt = _then(description, cards.site_name)
        settings["SITE_SHARE_IMAGE"] = cards.card(description, alt)


def article_images(generator):
    # article_generator_finalized: every article is read, none is written yet. In metadata,
    # so that unchanged_pages.py sees a new image as a change to the page.
    if not _wanted(generator.settings):
        return
    cards = Cards(generator.settings)
    for article in generator.articles:
        article.share_image = article.metadata["share_image"] = cards.for_article(article)


def publish(pelican):
    # finalized: after Pelican may have emptied the output folder.
    folder = Path(pelican.output_path) / FOLDER
    for name, cached in sorted(_made.items()):
        target = folder / name
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)


def register():
    signals.initialized.connect(site_card)
    signals.article_generator_finalized.connect(article_images)
    signals.finalized.connect(publish)
