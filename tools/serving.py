"""Serves a built site the way a static host does, with the site's own 404 page."""

import http.server
from pathlib import Path


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built folder; a missing page gets the site's 404.html, as hosts do."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None
