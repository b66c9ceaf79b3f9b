"""Attack vectors nobody here wrote run nowhere: a post, field, picture, drawing or import.

Every vector of a public corpus (tests/corpus.py: wfuzz's XSS lists, bleach's and
lxml_html_clean's sanitizer tests) goes through every door into one site; what the check
refuses is safe; the rest is built as it would be deployed and every page and drawing is
opened in Chromium from a server that sends no headers. A case fails when its page opens
a dialog, goes to another address, asks another website for anything, or leaves
something in the live DOM that could run code (tests/corpus_oracle.py).
"""

from urllib.parse import urlsplit

import pytest

from tests import corpus
from tests.corpus_oracle import (
    ADDRESS_SCHEMES,
    ATTRIBUTE_NAME,
    FRAMES,
    INERT_ATTRIBUTES,
    LIVE_DANGERS,
    SHIPPED_SCRIPTS,
    site_redirect,
)
from tests.corpus_site import built, case_of, crashes, describe, one_line, published_files, report

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TABS = 4  # a page stays open while the next three load: its timers have time to fire
NETWORK_SCHEMES = ("http", "https", "ws", "wss", "ftp")


class Tab:
    """A browser tab that remembers, for the file it shows, everything that happened."""

    def __init__(self, context, address, found):
        self.tab = context.new_page()
        self.tab.set_default_timeout(15_000)
        self.address, self.found, self.file, self.url = address, found, None, None
        self.redirect = None  # where a page the site made for an old address leads
        origin = urlsplit(address).netloc
        self.tab.on("dialog", self._dialog)
        self.tab.on(
            "request",
            lambda request: (
                self._add(f"asked another website: {request.url[:100]}")
                if urlsplit(request.url).scheme in NETWORK_SCHEMES
                and urlsplit(request.url).netloc != origin
                else None
            ),
        )
        self.tab.on(
            "framenavigated",
            lambda frame: (
                self._add(f"went to {frame.url[:100]}")
                if frame == self.tab.main_frame
                and self.url
                and frame.url.split("#")[0] not in (self.url, self.redirect)
                and frame.url.split("#")[0] != "about:blank"
                else None
            ),
        )

    def _add(self, what):
        if self.file:
            self.found.append((self.file, one_line(what)))

    def _dialog(self, dialog):
        self._add(f"opened a dialog ({dialog.type}: {dialog.message[:60]!r})")
        dialog.dismiss()

    def open(self, file, html):
        self.settle()
        self.file, self.url = file, f"{self.address}/{file.removesuffix('index.html')}"
        # Only the site's own redirect, in the head, to this site: a vector's is in the body.
        self.redirect = site_redirect(html)
        if self.redirect and urlsplit(self.redirect).netloc != urlsplit(self.address).netloc:
            self.redirect = None
        try:
            # The tab stays open while the next pages load: what happens after this is seen.
            self.tab.goto(self.url, wait_until="domcontentloaded")
            for danger in self.tab.evaluate(
                LIVE_DANGERS,
                [SHIPPED_SCRIPTS, FRAMES, ADDRESS_SCHEMES, INERT_ATTRIBUTES, ATTRIBUTE_NAME],
            ):
                self._add(danger)
        except Exception as error:  # a page that will not open or read is a finding too
            if not self.redirect:  # the site's redirect left before it was read: that is fine
                self._add(f"could not be read: {str(error).splitlines()[0][:100]}")

    def settle(self):
        """Let events from the file shown so far arrive, then forget it."""
        if self.file:
            self.tab.wait_for_timeout(1)  # events queued while other tabs loaded arrive now
            self.file = self.url = None


def test_no_attack_vector_runs_in_any_published_page_or_drawing(browser):
    if corpus.missing():
        pytest.skip(corpus.MISSING)
    site, address = built()
    found = []
    context = browser.new_context()
    tabs = [Tab(context, address, found) for _ in range(TABS)]
    context.on("page", lambda popup: found.append(("(a new window)", f"opened {popup.url[:100]}")))
    try:
        for number, file in enumerate(published_files(site.output)):
            html = (site.output / file).read_text(encoding="utf-8", errors="replace")
            tabs[number % TABS].open(file, html)
        tabs[0].tab.wait_for_timeout(300)
        for tab in tabs:
            tab.settle()
    finally:
        context.close()
    failures = sorted(
        {f"{describe(site, case_of(file))} | {file} | {what}" for file, what in found}
        | set(crashes(site))
    )
    assert not failures, report(failures, "did something in Chromium")
