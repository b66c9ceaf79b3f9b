"""Chromium, launched the same way by the tests, the handouts and the reports.

Playwright drives Debian's Chromium (/usr/bin/chromium); it cannot download its own here.
Playwright 1.65.2 was tried with Chromium 156.0.8078.108.
"""

import contextlib
import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling Google's servers, which a test would catch.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """Start the system Chromium, headless, quiet on the network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def serve(directory, host="127.0.0.1", port=0, site_headers=True, site_path="/"):
    """Serve a built site on this machine, as a static host would, with the site's 404 page and CSP.

    Yields the address, such as http://127.0.0.1:41234; port 0 picks a free port.
    Without `site_headers` it sends none, as GitHub Pages, and each page's own <meta> policy
    is all there is. `site_path` is where the site lives in `directory`, such as /clinic/.
    """
    from urllib.parse import urlsplit

    from plugins.security_headers import security_headers
    from tools.serving import SiteRequestHandler

    class Handler(SiteRequestHandler):
        def end_headers(self):
            # The same headers the public site is served with, its strict CSP among them.
            path = urlsplit(self.path).path.removeprefix(site_path)
            for name, value in security_headers(path) if site_headers else ():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format, *args):
            pass  # keep test and task output readable

    handler = functools.partial(Handler, directory=str(Path(directory)))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
