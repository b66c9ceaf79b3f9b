"""Real web servers for the hosting tests: Debian's nginx with the site's generated config."""

import contextlib
import os
import shlex
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.conftest import invoke

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"

SERVER = """
    server {{
        listen 127.0.0.1:{port}{ssl};
        server_name localhost;
        {certificate}
        root {root};
        include {site_config};
    }}
"""
# Plain HTTP only sends visitors to HTTPS, as a production server should.
REDIRECT = """
    server {
        listen 127.0.0.1:80;
        server_name localhost;
        return 301 https://$host$request_uri;
    }
"""
MAIN = """
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
{user}
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    {http_includes}
    {servers}
}}
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port, process, work):
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped:\n{(work / 'error.log').read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.05)


@contextlib.contextmanager
def nginx(root, work, port=None, certificate=None, redirect_http=False, content=None):
    """Serve `root` with the config `invoke nginx-config` writes; yield the port.

    `content` is the content folder whose old addresses (content/redirects.txt) nginx
    redirects; its map goes in the http block, as the task says.
    """
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    site_config = work / "site.conf"
    chosen = ["--content", str(content)] if content else []
    written = invoke("nginx-config", "--output", str(site_config), *chosen)
    assert written.returncode == 0, written.stderr
    maps = work / "nginx-redirects.conf"
    port = port or free_port()
    tls = ""
    if certificate:
        cert, key = certificate
        tls = f"ssl_certificate {cert};\n        ssl_certificate_key {key};"
    servers = SERVER.format(
        port=port,
        ssl=" ssl" if certificate else "",
        certificate=tls,
        root=Path(root).absolute(),  # not resolved: a `current` link must stay a link
        site_config=site_config,
    )
    if redirect_http:
        servers += REDIRECT
    (work / "nginx.conf").write_text(
        MAIN.format(
            work=work,
            # As root, nginx's workers would drop to `nobody`, who cannot read a test's folders.
            user="user root;" if os.geteuid() == 0 else "",
            mime_types=MIME_TYPES,
            http_includes=f"include {maps};" if maps.is_file() else "",
            servers=servers,
        )
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_listening(port, process, work)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def self_signed_certificate(folder, host="127.0.0.1"):
    """A certificate for `host` made with openssl; return (certificate, key) paths."""
    cert, key = Path(folder) / "cert.pem", Path(folder) / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=IP:{host},DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


SSHD = "/usr/sbin/sshd"
SSHD_CONFIG = """
Port {port}
ListenAddress 127.0.0.1
ListenAddress ::1
HostKey {work}/host_key
AuthorizedKeysFile {work}/authorized_keys
PidFile {work}/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
# Logins land in the test's own home folder instead of the real one.
ForceCommand cd {home} && HOME={home} && export HOME && eval "$SSH_ORIGINAL_COMMAND"
"""


@contextlib.contextmanager
def sshd(work, home):
    """A real OpenSSH server on 127.0.0.1 and [::1], for this user with a key of its own.

    Yields the ssh command that reaches it. Whoever logs in lands in `home`, as their working
    folder and $HOME, so `~` on the "server" is a folder of the test's.
    """
    work, home = Path(work), Path(home)
    work.mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    for key in ("host_key", "user_key"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(work / key)], check=True
        )
    shutil.copy(work / "user_key.pub", work / "authorized_keys")
    port = free_port()
    (work / "sshd_config").write_text(
        SSHD_CONFIG.format(port=port, work=work, home=shlex.quote(str(home)))
    )
    # Where sshd drops its privileges; the Debian service makes it at boot, and it is not
    # started here.
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    process = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(work / "sshd_config")],
        stdout=subprocess.DEVNULL,
        stderr=(work / "sshd.log").open("w"),
    )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"sshd stopped:\n{(work / 'sshd.log').read_text()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.05)
        yield shlex.join(
            [
                *("ssh", "-F", "/dev/null", "-p", str(port), "-i", str(work / "user_key")),
                *("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no"),
                *("-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"),
            ]
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
