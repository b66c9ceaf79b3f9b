"""Serves a built site the way a static host does, with the site's own 404 page.

Only to the names of this machine: a website that points a name of its own at 127.0.0.1
(DNS rebinding) could otherwise read the preview's drafts through the reader's browser.
"""

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


LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


def own_hosts(bound, port):
    """The Host values a browser sends to a server on this machine bound to `bound`:`port`."""
    names = {*LOCAL_NAMES, f"[{bound}]" if ":" in bound else bound}
    hosts = {f"{name}:{port}" for name in names} | (names if int(port) == 80 else set())
    return {host.lower() for host in hosts}


def misdirected(port):
    """The plain page that answers a request under another website's name."""
    return (
        f"This preview answers only at http://localhost:{port}/. It was asked under another "
        "name, as another website might ask to read your drafts, so it refused.\n"
    )


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built folder; a missing page gets the site's 404.html, as hosts do."""

    def parse_request(self):
        if not super().parse_request():
            return False
        host = self.headers.get("Host")
        bound, port = self.server.server_address[:2]
        if host is None or host.lower() in own_hosts(bound, port):
            return True
        body = misdirected(port).encode()
        self.send_response(421, "Misdirected Request")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return False

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
