"""Serves a built site the way a static host does, with the site's own 404 page."""

import errno
import http.server
from pathlib import Path


class PortTaken(Exception):
    """The port to serve on is in use, most often by a preview left running in another window."""

    def __init__(self, host, port, task):
        super().__init__(
            f"Port {port} is already in use, so `invoke {task}` cannot start. The preview is "
            "probably already running in another Terminal window:\n"
            f"  - open http://{host}:{port}/ in your browser to see it there, or\n"
            "  - go to that window and press Ctrl+C to stop it, then run this again, or\n"
            f"  - use another port: invoke {task} --port {port + 1}"
        )


def is_port_taken(error):
    """Whether an error from starting a server means another program holds the port."""
    return isinstance(error, OSError) and error.errno == errno.EADDRINUSE


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
