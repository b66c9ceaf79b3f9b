"""An export is untrusted: the import contacts only the public internet, and keeps text as text.

Tests may reach only this computer (127.0.0.0/8), so every server here is on 127.0.0.1:
one that logs each request proves the import never sent it one.
"""

import contextlib
import functools
import http.server
import ipaddress
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import zlib

import pytest
from pelican.settings import read_settings

from importer import import_posts
from importer.fetching import Refused, Unreachable, download, is_public
from tests.conftest import FIXTURES, ROOT, build, read_page

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Calm Notes</title>
  <link>https://old.example.org</link>
  <wp:base_blog_url>https://old.example.org</wp:base_blog_url>
  <item>
    <title>A post</title>
    <link>https://old.example.org/2019/05/a-post/</link>
    <content:encoded><![CDATA[{body}]]></content:encoded>
    <wp:post_id>10</wp:post_id>
    <wp:post_date_gmt>2019-05-06 16:30:00</wp:post_date_gmt>
    <wp:post_name>a-post</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <wp:post_password><![CDATA[{password}]]></wp:post_password>
  </item>
</channel>
</rss>
"""


HOSTS = []  # the Host header of every request the servers here received


def loopback(address):
    return ipaddress.ip_address(address).is_loopback


def png(rgb):
    rows = b"".join(b"\x00" + bytes(rgb) * 4 for _ in range(4))

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


@contextlib.contextmanager
def logging_server(folder, redirect_to=None):
    """A web server on 127.0.0.1 serving `folder`; yields its address and the paths asked."""
    asked = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            HOSTS.append(self.headers["Host"])
            if redirect_to:
                self.send_response(302)
                self.send_header("Location", redirect_to + self.path)
                self.end_headers()
            else:
                super().do_GET()

        def log_message(self, *arguments):
            pass

    handler = functools.partial(Handler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}", asked
        finally:
            server.shutdown()


def site_with_export(folder, body, password=""):
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    export = folder / "export.xml"
    export.write_text(EXPORT.format(body=body, password=password), encoding="utf-8")
    return content, export


def served_picture(folder):
    served = folder / "served"
    served.mkdir()
    (served / "walk.png").write_bytes(png((200, 120, 30)))
    return served


def names_of_this_computer():
    names = ["127.0.0.1", "localhost"]
    # This machine's own name resolves to it (/etc/hosts): only resolving it tells.
    try:
        resolved = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), 80)}
    except OSError:
        resolved = set()
    if resolved and not any(is_public(address) for address in resolved):
        names.append(socket.gethostname())
    return names


@pytest.mark.parametrize("host", names_of_this_computer())
def test_the_import_never_downloads_from_this_computer_whatever_the_export_names(tmp_path, host):
    with logging_server(served_picture(tmp_path)) as (address, asked):
        port = address.rsplit(":", 1)[1]
        picture = f"http://{host}:{port}/walk.png"
        content, export = site_with_export(tmp_path, f'<p><img src="{picture}" alt="A walk"></p>')
        report = import_posts(export, SETTINGS, content, log=lambda _: None)
    assert asked == [], (
        f"The import asked {host} (this computer) for {asked}: an export must never make it "
        "contact this computer or a private network."
    )
    assert not list(content.rglob("walk*"))
    assert picture in report
    post = (content / "articles" / "a-post.md").read_text(encoding="utf-8")
    assert f"{picture}, which was not taken: on this computer or a private network" in post


def test_a_redirect_to_this_computer_is_refused_before_it_is_followed(tmp_path):
    with logging_server(served_picture(tmp_path)) as (inside, asked_inside):
        # The first hop is allowed here only because tests can reach nothing else.
        with logging_server(tmp_path, redirect_to=inside) as (first, asked_first):
            with pytest.raises(Refused, match="on this computer or a private network"):
                download(f"{first}/walk.png", first_allowed=loopback)
            # The same redirect, by name.
            with pytest.raises(Refused):
                download(
                    f"{first}/walk.png".replace("127.0.0.1", "localhost"), first_allowed=loopback
                )
    assert asked_first == ["/walk.png", "/walk.png"]  # the allowed first hop, twice
    assert asked_inside == [], "a redirect led the download to this computer"


def test_an_import_whose_picture_redirects_to_this_computer_never_follows(tmp_path):
    with logging_server(served_picture(tmp_path)) as (inside, asked_inside):
        with logging_server(tmp_path, redirect_to=inside) as (first, _):
            content, export = site_with_export(
                tmp_path, f'<p><img src="{first}/walk.png" alt="A walk"></p>'
            )
            report = import_posts(
                export, SETTINGS, content, log=lambda _: None, first_hop_allowed=loopback
            )
    assert asked_inside == [], "the import followed a redirect to this computer"
    assert f"{first}/walk.png (not taken: on this computer or a private network)" in report


def test_a_name_is_checked_once_it_is_resolved(tmp_path):
    with logging_server(served_picture(tmp_path)) as (address, asked):
        with pytest.raises(Refused, match="localhost is 127.0.0.1"):
            download(address.replace("127.0.0.1", "localhost") + "/walk.png")
        by_name = address.replace("127.0.0.1", "localhost") + "/walk.png"
        HOSTS.clear()
        # Connected to the address that was checked, the request still names the host.
        assert download(by_name, first_allowed=loopback) == png((200, 120, 30))
        assert HOSTS == [by_name.split("/")[2]]
    assert asked == ["/walk.png"]  # only the download that was allowed


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl makes the certificate")
def test_https_is_verified_against_the_name_in_the_export(tmp_path):
    key, certificate = tmp_path / "key.pem", tmp_path / "certificate.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", key, "-out", certificate, "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    names = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    context.sni_callback = lambda connection, name, _: names.append(name)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(served_picture(tmp_path))
    )
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        address = f"https://localhost:{server.server_address[1]}/walk.png"
        # A certificate nobody vouches for: the download stops, having named the host.
        with pytest.raises(Unreachable, match="certificate verify failed"):
            download(address, first_allowed=loopback)
        server.shutdown()
    assert names == ["localhost"]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",  # this computer
        "10.0.0.5",  # an office network
        "192.168.1.1",  # a home router
        "172.16.0.1",
        "169.254.169.254",  # a cloud's metadata service
        "100.64.0.1",  # a provider's shared network
        "0.0.0.0",
        "224.0.0.1",  # multicast
        "239.255.255.250",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # this computer, written as IPv6
    ],
)
def test_loopback_private_link_local_and_multicast_addresses_are_not_public(address):
    assert not is_public(address), f"{address} must never be contacted by an import"


def test_public_addresses_are_public():
    assert is_public("93.184.215.14") and is_public("2606:2800:21f:cb07:6820:80da:af6b:8b2c")


def test_a_dry_run_contacts_nothing(tmp_path):
    with logging_server(served_picture(tmp_path)) as (address, asked):
        content, export = site_with_export(
            tmp_path, f'<p><img src="{address}/walk.png" alt="A walk"></p>'
        )
        options = {"log": lambda _: None, "first_hop_allowed": loopback}
        foreseen = import_posts(export, SETTINGS, content, dry_run=True, **options)
        assert asked == [], f"the dry run asked the old site for {asked}; it must contact nothing"
        # The same import, not dry, does ask: the server would have seen the dry run.
        import_posts(export, SETTINGS, content, **options)
        assert asked == ["/walk.png"]
    assert "1 picture would be placed in content/images (1 would be downloaded" in foreseen
    assert (content / "images" / "walk.png").read_bytes() == png((200, 120, 30))


@pytest.mark.parametrize("password", [" ", "   ", "\t"])
def test_a_password_of_spaces_still_keeps_the_post_private(tmp_path, password):
    content, export = site_with_export(tmp_path, "<p>For clients only.</p>", password)
    report = import_posts(export, SETTINGS, content, download=False, log=lambda _: None)
    post = (content / "articles" / "a-post.md").read_text(encoding="utf-8")
    assert "Status: draft" in post, (
        f"a post protected by the password {password!r} was imported as published"
    )
    assert "protected by a password" in report


def test_html_written_as_text_in_an_old_post_stays_text(tmp_path):
    # A post about websites shows tags as words: &lt;iframe&gt; is text, never a frame.
    body = (
        '<p>Paste &lt;iframe src="https://tracker.example/"&gt;&lt;/iframe&gt; or '
        "&lt;script&gt;alert(1)&lt;/script&gt; or &lt;img src=x onerror=alert(2)&gt; "
        "&lt;!-- a comment --&gt; into your page; &amp;lt;b&amp;gt; is how a tag is written.</p>"
    )
    content, export = site_with_export(tmp_path, body)
    import_posts(export, SETTINGS, content, download=False, log=lambda _: None)
    built = build(content, tmp_path / "output")
    assert built.returncode == 0, built.stdout + built.stderr
    page = read_page(tmp_path / "output", "articles/a-post/index.html")
    assert page.find("iframe") is None and page.find("script", src=False, type=False) is None
    # The summary, from the same words, shows them as written: no backslash before a "<".
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Paste <iframe src=") and "\\" not in description
    prose = page.find(class_="ps-prose")
    assert prose.find(["iframe", "script", "img"]) is None, (
        "articles/a-post.md: words that spell out a tag became a live tag; the import must "
        "write them so that Markdown shows them as text"
    )
    words = " ".join(prose.get_text().split())  # the site's typography curls the quotes
    assert "Paste <iframe src=" in words and "tracker.example/" in words and "</iframe>" in words
    assert "<script>alert(1)</script>" in words and "<img src=x onerror=alert(2)>" in words
    assert "a comment" in words and "&lt;b&gt; is how a tag is written" in words
