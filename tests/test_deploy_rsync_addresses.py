"""However a server folder is written, every step of an rsync deploy uses that one folder.

`~`, a relative path and an IPv6 address are resolved once; forms the deploy cannot serve
(an rsync daemon module, another account's `~name`) and anything ssh would read as an
option are refused before anything is built. The server is a real OpenSSH server on this
machine, whose logins land in a home folder of the test's.
"""

import getpass
import os
import shutil

import pytest

from publishing.staging import MARKER as BUILD_MARKER
from publishing.targets.rsync import Destination, deploy, dry_run
from tests.conftest import ROOT, files, invoke
from tests.servers import SSHD, sshd

SITEURL = "https://www.example.org"
SITENAME = "Stephanie Post, PsyD"
USER = getpass.getuser()


@pytest.fixture
def server(tmp_path):
    """(the ssh command, the server's home folder)."""
    if not (os.access(SSHD, os.X_OK) and shutil.which("ssh") and shutil.which("ssh-keygen")):
        pytest.skip(
            "needs OpenSSH: apt-get install openssh-server (scripts/setup --test installs it "
            "only in CI, since the package also starts an SSH service)"
        )
    home = tmp_path / "server-home"
    with sshd(tmp_path / "sshd", home) as ssh:
        yield ssh, home


def publish(*arguments):
    return invoke("publish", "--target", "rsync", "--siteurl", SITEURL, *arguments)


def stray_tildes(*folders):
    return [path for folder in folders for path in folder.rglob("~*")]


def test_a_folder_written_with_a_tilde_gets_the_site_and_no_stray_tilde_folder(
    tmp_path, minimal_content, server
):
    ssh, home = server
    staging = tmp_path / "staging"

    result = publish(
        "--rsync-target",
        f"{USER}@127.0.0.1:~/psych site",
        "--ssh",
        ssh,
        "--content",
        str(minimal_content),
        "--output",
        str(staging),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    built = files(staging)
    built.pop(BUILD_MARKER, None)
    assert files(home / "psych site" / "current") == built
    assert f"({home}/psych site)" in result.stdout, "the message says where ~ was"
    assert not stray_tildes(home, ROOT)


def test_an_ipv6_address_and_a_folder_relative_to_home_reach_the_same_folder_every_time(
    tmp_path, two_versions, server
):
    before, after = two_versions
    ssh, home = server
    target = f"{USER}@[::1]:releases of the site"

    deploy(before, Destination(target, ssh=ssh), SITENAME)
    deploy(after, Destination(target, ssh=ssh), SITENAME)
    untouched = files(home)
    dry_run(before, Destination(target, ssh=ssh), SITENAME)

    assert files(home / "releases of the site" / "current") == files(after)
    assert files(home) == untouched
    assert not stray_tildes(home, ROOT)


def test_a_tilde_on_this_machine_is_the_home_folder(tmp_path, two_versions, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    deploy(two_versions[0], Destination("~/www"), SITENAME)
    assert files(tmp_path / "home" / "www" / "current") == files(two_versions[0])
    assert not stray_tildes(tmp_path)


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("deploy@example.org::site", "names an rsync daemon module"),
        ("rsync://example.org/site", "names an rsync daemon module"),
        ("deploy@example.org:~bob/site", "not as ~name/site"),
        ("deploy@[2001:db8::1:/srv/site", "is not a server folder rsync can reach"),
    ],
)
def test_a_folder_the_deploy_cannot_use_is_refused_in_plain_words(target, says):
    result = publish("--rsync-target", target)
    assert result.returncode != 0
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_a_server_address_that_ssh_would_read_as_an_option_runs_nothing(tmp_path):
    # ssh would run this "proxy command" in publish's working folder, the project's.
    ran = ROOT / f"ssh-ran-{tmp_path.name}"
    target = f"-oProxyCommand=touch${{IFS}}{ran.name}:site"
    try:
        result = publish("--rsync-target", target, "--ssh", "ssh -F /dev/null -o BatchMode=yes")
        assert result.returncode != 0
        assert "is not a server folder rsync can reach" in result.stderr
        assert not ran.exists()
    finally:
        ran.unlink(missing_ok=True)
