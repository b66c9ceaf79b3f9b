"""Finds each picture an old post showed and places it in content/images, never leaving it remote.

Pictures come from the folder of the old site's files given with --media (a copy of
WordPress's uploads/), or are downloaded when this machine can reach the old site.
WordPress shows resized copies (photo-300x200.jpg, photo-scaled.jpg); the original is
taken instead when it is there, so the site's own image processing starts from the
best file. A picture that cannot be found is listed, and the post is imported without it.
"""

import hashlib
import os
import re
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic", ".svg"})
RESIZED = re.compile(r"^(?P<stem>.+?)-(?:\d+x\d+|scaled|rotated|e\d{10,})$")
DOWNLOAD_TIMEOUT = 10  # seconds, per picture
DOWNLOAD_LIMIT = 50 * 1024 * 1024  # bytes; larger is not a picture for a web page


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

    def __init__(self, images_folder, media_folder=None, download=True):
        self.images_folder = Path(images_folder)
        self.media_folder = Path(media_folder) if media_folder else None
        self.download = download
        self.placed = {}  # old address -> file name in content/images, or None if missing
        self.missing = []  # old addresses that could not be found
        self.copied, self.downloaded, self.reused = [], [], []
        # Pictures to place, written by the importer with the posts: all of them, or none.
        self.pending = {}  # file name in content/images -> bytes
        self.unreachable = set()  # hosts that did not answer: not asked again
        self.by_name = {}
        self.by_digest = {}
        if self.media_folder and self.media_folder.is_dir():
            for path in sorted(self.media_folder.rglob("*")):
                if path.is_file():
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
        if data is None:
            self.missing.append(address)
            self.placed[address] = None
            return None
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
            if found is not None:
                self.copied.append(address)
                return found.read_bytes(), candidate
        if self.download and urlsplit(address).scheme in ("http", "https"):
            for candidate in originals_first(name):
                data = self._download(
                    address.replace(name, candidate, 1) if candidate != name else address
                )
                if data is not None:
                    self.downloaded.append(address)
                    return data, candidate
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

    def _download(self, address):
        host = urlsplit(address).hostname
        if host in self.unreachable:
            return None
        request = urllib.request.Request(address, headers={"User-Agent": "psych-site-import"})
        try:
            with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
                if not response.headers.get("Content-Type", "").startswith("image/"):
                    return None
                data = response.read(DOWNLOAD_LIMIT + 1)
        except urllib.error.HTTPError:
            return None
        except (urllib.error.URLError, OSError, ValueError):
            self.unreachable.add(host)
            return None
        return data if len(data) <= DOWNLOAD_LIMIT else None

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
    return os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)
