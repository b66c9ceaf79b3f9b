"""Finds each picture an old post showed and places it in content/images, never leaving it remote.

Pictures come from the folder of the old site's files given with --media (a copy of
WordPress's uploads/), or are downloaded from the public internet (importer/fetching.py)
when this machine can reach the old site; a dry run downloads nothing. WordPress shows
resized copies (photo-300x200.jpg, photo-scaled.jpg); the original is taken instead when
it is there, so the site's own image processing starts from the best file. A file is
placed only when its content is a picture, whatever its name says (an export can name
tool.html as a picture), and only from inside --media: a link in that folder that leads
out of it is not followed. A picture that cannot be found is listed, and noted where it was.
"""

import hashlib
import io
import os
import re
import warnings
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import etree
from PIL import Image

from importer import fetching
from plugins.pictures import svg
from plugins.pictures.source import RASTER_SUFFIXES  # importing it lets Pillow open HEIC

IMAGE_SUFFIXES = RASTER_SUFFIXES | {".svg"}
# Pillow's name for each format a post may show, and the suffixes that name it.
FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
    "AVIF": (".avif",),
    "HEIF": (".heic", ".heif"),
}
RESIZED = re.compile(r"^(?P<stem>.+?)-(?:\d+x\d+|scaled|rotated|e\d{10,})$")


def is_image_address(address):
    return PurePosixPath(unquote(urlsplit(address).path)).suffix.lower() in IMAGE_SUFFIXES


def originals_first(name):
    """The file names to look for, the original of a resized copy first."""
    path = PurePosixPath(name)
    names, stem = [], path.stem
    while True:
        found = RESIZED.match(stem)
        if not found:
            break
        stem = found.group("stem")
        names.append(f"{stem}{path.suffix}")
    return [*reversed(names), name]


class Media:
    """Where each picture of the old blog comes from, and where it goes in the content."""

    def __init__(
        self, images_folder, media_folder=None, download=True, dry_run=False, first_hop=None
    ):
        self.images_folder = Path(images_folder)
        self.media_folder = Path(media_folder) if media_folder else None
        self.download = download
        self.dry_run = dry_run
        self.first_hop = first_hop  # tests only: see fetching.download
        self.placed = {}  # old address -> file name in content/images, or None if missing
        self.missing = []  # old addresses that could not be found
        self.why_missing = {}  # old address -> why it was not taken, when not just absent
        self.copied, self.downloaded, self.reused = [], [], []
        self.to_download = []  # in a dry run: the addresses a real import would try
        # Pictures to place, written by the importer with the posts: all of them, or none.
        self.pending = {}  # file name in content/images -> bytes (None in a dry run)
        self.unreachable = set()  # hosts that did not answer: not asked again
        self.refused = set()  # hosts on this computer or a private network: never asked
        self.by_name = {}
        self.by_digest = {}
        if self.media_folder and self.media_folder.is_dir():
            for path in _files_inside(self.media_folder):
                self.by_name.setdefault(path.name.lower(), []).append(path)
        if self.images_folder.is_dir():
            for path in sorted(self.images_folder.iterdir()):
                if path.is_file():
                    self.by_digest.setdefault(_digest(path.read_bytes()), path.name)

    def place(self, address):
        """The file name in content/images for a picture's old address, or None if not found."""
        if address in self.placed:
            return self.placed[address]
        data, name = self._find(address)
        if data is None and address in self.to_download:
            placed = self._free_name(name)  # a dry run's stand-in: the name is all it shows
            self.pending[placed] = None
            self.placed[address] = placed
            return placed
        if data is None:
            self.missing.append(address)
            self.placed[address] = None
            return None
        name = str(PurePosixPath(name or "image").with_suffix(picture_suffix(data, name)))
        digest = _digest(data)
        if digest in self.by_digest:
            placed = self.by_digest[digest]
            self.reused.append(placed)
        else:
            placed = self._free_name(name)
            self.by_digest[digest] = placed
            self.pending[placed] = data
        self.placed[address] = placed
        return placed

    def _find(self, address):
        path = unquote(urlsplit(address).path)
        name = PurePosixPath(path).name
        for candidate in originals_first(name):
            found = self._in_media_folder(path, candidate)
            if found is None:
                continue
            data = found.read_bytes()
            refused = refusal(data, candidate)
            if not refused:
                self.copied.append(address)
                return data, candidate
            self.why_missing[address] = f"{found.name} in --media is {refused}"
        if not (self.download and urlsplit(address).scheme in ("http", "https")):
            return None, name
        if fetching.named_as_local(address) and not self.first_hop:
            self.why_missing[address] = "on this computer or a private network"
            return None, name
        if self.dry_run:
            self.to_download.append(address)  # a dry run contacts nothing, not even DNS
            return None, name
        for candidate in originals_first(name):
            data, why = self._download(
                address.replace(name, candidate, 1) if candidate != name else address, candidate
            )
            if data is not None:
                self.downloaded.append(address)
                return data, candidate
            if why:
                self.why_missing[address] = why
        return None, name

    def _in_media_folder(self, path, name):
        if self.media_folder is None:
            return None
        folder = PurePosixPath(path).parent.as_posix()
        # A copy of uploads/ keeps WordPress's year/month folders.
        relative = folder.split("/uploads/", 1)[1] if "/uploads/" in folder + "/" else ""
        for candidate in (self.media_folder / relative / name, self.media_folder / name):
            if candidate.is_file() and _inside(candidate, self.media_folder):
                return candidate
        same_name = self.by_name.get(name.lower(), [])
        return same_name[0] if len(same_name) == 1 else None

    def _download(self, address, name):
        """The picture at address, or None and why it was refused ("" when just absent)."""
        host = urlsplit(address).hostname
        if host in self.refused:
            return None, "on this computer or a private network"
        if host in self.unreachable:
            return None, ""
        try:
            data = fetching.download(address, first_allowed=self.first_hop)
        except fetching.Refused:
            self.refused.add(host)
            return None, "on this computer or a private network"
        except fetching.NotThere:
            return None, ""
        except fetching.Unreachable:
            self.unreachable.add(host)  # each picture would wait for it again
            return None, ""
        refused = refusal(data, name)
        return (None, f"what the old site sent is {refused}") if refused else (data, "")

    def _free_name(self, name):
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", PurePosixPath(name).stem).strip("-.") or "image"
        suffix = PurePosixPath(name).suffix.lower()
        taken = set(self.by_digest.values())
        candidate, number = f"{stem}{suffix}", 2
        while candidate in taken or (self.images_folder / candidate).exists():
            candidate, number = f"{stem}-{number}{suffix}", number + 1
        return candidate


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def _inside(path, folder):
    """Whether path is in folder once every link on the way is followed."""
    return os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)


def _files_inside(folder):
    """The files of folder and its subfolders, never through a link that leads out of it."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if _inside(Path(parent) / f, folder))
        found += [Path(parent) / f for f in sorted(files) if _inside(Path(parent) / f, folder)]
    return [path for path in found if path.is_file()]


def refusal(data, name):
    """Why a file cannot be placed as a picture, in plain words ("" when it can)."""
    if not picture_suffix(data, name):
        return "not a picture"
    if picture_suffix(data, name) == ".svg":
        found = svg.dangers(_InMemory(data))
        if found:
            return f"a drawing (SVG) the site would refuse: {found[0]}"
    return ""


class _InMemory:
    """Bytes where plugins/pictures/svg.py reads a file."""

    def __init__(self, data):
        self.data = data

    def read_bytes(self):
        return self.data


def picture_suffix(data, name):
    """The suffix for a file whose content is a picture a post can show ("" when it is not).

    Its own suffix when that names its format, else the format's: a PNG saved as .jpg
    becomes .png. An SVG is a drawing only if it parses as XML whose root is <svg>;
    the build then decides whether it is safe to publish.
    """
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>", b"<!DOC"):
        return ".svg" if _is_svg(data) else ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
    except Exception:  # Pillow raises many kinds for what is not a picture
        return ""
    suffixes = FORMATS.get(kind, ())
    return (suffix if suffix in suffixes else suffixes[0]) if suffixes else ""


def _is_svg(data):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return root is not None and etree.QName(root).localname == "svg"
