"""Builds the site's search index with Pagefind, so search needs no third party.

Pagefind reads the finished HTML and writes a compressed index and its scripts into
output/pagefind/; the search page (theme/static/js/search.js) loads them. Only articles
and pages are indexed: the files where they are saved, and only the part the templates
mark with `data-pagefind-body`. Tag, category and archive lists hold nothing to index,
and drafts are never read.

Pagefind has no incremental mode: it indexes every page each time, 3 s for 1,000
articles. So a large site's index comes in parts of at most SEARCH_PAGES_PER_PART pages,
each page placed by a hash of its address, and the search page merges the parts.
A part's folder is named after a hash of what it indexes, so after an edit only the
part holding the changed page is indexed again, and a rebuild writes exactly the
files a build from nothing does. output/pagefind/parts.json lists the parts.
"""

import atexit
import glob
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import threading
import zlib
from importlib.metadata import version

import pagefind_bin

PARTS_LIST = "parts.json"
CONFIG_FILE = "pagefind.json"
ENTRY_FILE = "pagefind-entry.json"  # the part's languages, each with its index
# Our search page uses Pagefind's search API only, never its ready-made interfaces; and the
# parts after the first are searched with the first one's scripts and WebAssembly.
UNUSED_FILES = re.compile(r"pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$")
SCRIPT_FILES = re.compile(r"(pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind)$")
# Pagefind keeps about 1.5 cores busy on its own. Two at once indexed a first build's
# parts 10 to 30 % sooner, and held another 55 MB (parts of 200 pages): a large site's
# peak memory (benchmarks/README.md).
PAGEFINDS_AT_ONCE = 1


def sort_languages(path):
    """Lists a part's languages in one order: Pagefind's changes from one run to the next.

    A site in one language keeps Pagefind's file exactly as it wrote it.
    """
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as file:
        entry = json.load(file)
    languages = entry.get("languages", {})
    if len(languages) < 2:
        return
    entry["languages"] = dict(sorted(languages.items()))
    with open(path, "w", encoding="utf-8") as file:
        json.dump(entry, file, ensure_ascii=False, separators=(",", ":"))


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message carries its own words."""


def indexed_pages(output_path, settings):
    """A digest of each article and page file, by its path relative to the output.

    Each field of ARTICLE_SAVE_AS and PAGE_SAVE_AS becomes a wildcard:
    articles/{slug}/index.html gives articles/*/index.html. Translations are saved apart
    (ARTICLE_LANG_SAVE_AS): Pagefind gives each `<html lang>` an index of its own.
    """
    paths = set()
    for name in ("ARTICLE_SAVE_AS", "PAGE_SAVE_AS", "ARTICLE_LANG_SAVE_AS", "PAGE_LANG_SAVE_AS"):
        if not settings.get(name):
            continue
        pattern = re.sub(r"\{[^}]*\}", "*", settings[name])
        paths.update(glob.glob(pattern, root_dir=output_path))
    pages = {}
    for path in sorted(paths):
        with open(os.path.join(output_path, path), "rb") as file:
            html = file.read()
        # A part without one marked body would have Pagefind index whole pages instead.
        if b"data-pagefind-body" in html:
            pages[path] = hashlib.blake2b(html, digest_size=16).digest()
    return pages


def split_into_parts(pages, pages_per_part):
    """Lists of page paths; a page stays in its part while the number of parts stays."""
    count = max(1, math.ceil(len(pages) / pages_per_part))
    parts = [[] for _ in range(count)]
    for path in pages:
        parts[zlib.crc32(path.encode()) % count].append(path)
    return [part for part in parts if part]


def part_name(paths, pages, first):
    """A folder name that changes whenever anything Pagefind would write for the part does."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"pagefind {version('pagefind')}; first part: {first}\n".encode())
    for path in paths:
        digest.update(f"{path}\n".encode() + pages[path])
    return digest.hexdigest()


def glob_of(paths):
    escaped = (re.sub(r"([\\{}\[\]*?,])", r"\\\1", path) for path in paths)
    return "{" + ",".join(escaped) + "}"


class Indexing:
    """Pagefind runs for the parts that lack an index, PAGEFINDS_AT_ONCE at a time."""

    def __init__(self, output_path, jobs, names):
        self.output_path = os.path.abspath(output_path)  # Pagefind runs in another folder
        self.index_path = os.path.join(self.output_path, "pagefind")
        self.jobs = jobs  # (folder name, page paths, is the first part)
        self.names = names  # every part's folder, in order
        self.running = []  # (Pagefind process, folder name, is the first part)
        self.stopped = False
        self.lock = threading.Lock()  # the preview stops indexing from another thread
        self.thread = None

    def run(self):
        waiting = list(self.jobs)
        while waiting or self.running:
            with self.lock:
                if self.stopped:
                    return
                while waiting and len(self.running) < PAGEFINDS_AT_ONCE:
                    self.start(*waiting.pop(0))
            process, name, first = self.running[0]
            output = process.communicate()[0]
            with self.lock:
                if self.stopped:
                    return
                self.running.pop(0)
            if process.returncode != 0:
                self.stop()
                raise SearchIndexFailed(f"Pagefind could not build the search index:\n{output}")
            self.finish_part(name, first)
        self.publish_parts()

    def start(self, name, paths, first):
        partial = os.path.join(self.index_path, f"{name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        os.mkdir(partial)
        # Pagefind reads the list of the part's pages from a config file in its working
        # folder: as an argument, a large part's list would pass the system's length limit.
        config = {"site": self.output_path, "output_path": partial, "glob": glob_of(paths)}
        with open(os.path.join(partial, CONFIG_FILE), "w", encoding="utf-8") as file:
            json.dump(config, file)
        process = subprocess.Popen(
            [str(pagefind_bin.get_executable()), "--silent"],
            cwd=partial,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.running.append((process, name, first))

    def finish_part(self, name, first):
        partial = os.path.join(self.index_path, f"{name}.partial")
        os.remove(os.path.join(partial, CONFIG_FILE))
        for entry in os.listdir(partial):
            if UNUSED_FILES.match(entry) or (not first and SCRIPT_FILES.match(entry)):
                os.remove(os.path.join(partial, entry))
        sort_languages(os.path.join(partial, ENTRY_FILE))
        os.rename(partial, os.path.join(self.index_path, name))

    def publish_parts(self):
        # The list changes only once every part it names is complete; then the old parts go.
        listing = os.path.join(self.index_path, PARTS_LIST)
        with open(listing + ".partial", "w", encoding="utf-8") as file:
            json.dump([f"{name}/" for name in self.names], file)
        os.replace(listing + ".partial", listing)
        for entry in os.listdir(self.index_path):
            if entry not in (PARTS_LIST, *self.names):
                path = os.path.join(self.index_path, entry)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)

    def start_in_background(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def stop(self):
        with self.lock:
            self.stopped = True
            running = [process for process, _, _ in self.running]
            for process in running:
                process.terminate()
        for process in running:
            process.wait()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join()


_background = None  # the preview's indexing, still running or finished
planned = None  # what a build with INDEX_AFTER_BUILD leaves to its parent process


def stop_outdated_index(pelican=None):
    # initialized: a newer save makes the preview's running index out of date, and
    # stopping it at once gives the new build both cores.
    if _background is not None:
        _background.stop()


def index(pelican):
    # `finalized` runs once every page is written, for development and publish builds alike.
    global _background, planned
    if pelican.settings.get("CHECK_ONLY"):
        return
    stop_outdated_index()
    indexing = plan_indexing(pelican.output_path, pelican.settings)
    if pelican.settings.get("INDEX_AFTER_BUILD"):
        # runner.build_then_index: the parent runs it once this process has exited.
        planned = (indexing.output_path, indexing.jobs, indexing.names)
        return
    if pelican.settings.get("PREVIEW"):
        # Preview (invoke livereload): indexing can take longer than the rest of a
        # rebuild, so the page refreshes at once and search catches up a moment later.
        _background = indexing
        indexing.start_in_background()
        return
    indexing.run()


def plan_indexing(output_path, settings):
    """The parts of the index the site needs, and which of them a build before left."""
    pages = indexed_pages(output_path, settings)
    parts = split_into_parts(pages, settings["SEARCH_PAGES_PER_PART"])
    index_path = os.path.join(output_path, "pagefind")
    names, jobs = [], []
    for number, paths in enumerate(parts):
        name = part_name(paths, pages, first=number == 0)
        names.append(name)
        if not os.path.isdir(os.path.join(index_path, name)):  # else indexed by a build before
            jobs.append((name, paths, number == 0))
    os.makedirs(index_path, exist_ok=True)
    return Indexing(output_path, jobs, names)


def register():
    from pelican import signals  # here, so that runner.build_then_index never loads Pelican

    signals.initialized.connect(stop_outdated_index)
    atexit.register(stop_outdated_index)  # no Pagefind left writing once the preview stops
    signals.finalized.connect(index)
