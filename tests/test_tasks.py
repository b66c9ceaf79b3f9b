"""The everyday tasks do what their names say."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT, invoke


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served_site(site):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--output", str(site)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    address = f"http://localhost:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(address, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield address
    server.terminate()
    server.wait(timeout=10)


def test_serve_shows_the_built_home_page(served_site):
    with urllib.request.urlopen(served_site + "/") as response:
        assert response.status == 200
        assert "Latest articles" in response.read().decode()


def test_serve_answers_an_unknown_address_with_the_sites_own_404_page(served_site):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(served_site + "/no-such-page/")
    assert error.value.code == 404
    assert "Page not found" in error.value.read().decode()


def test_serve_on_a_taken_port_says_what_to_do_instead_of_crashing(tmp_path):
    (tmp_path / "index.html").write_text("<p>Home</p>", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("serve", "--port", str(port), "--output", str(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "Errno" not in output
    assert f"Port {port} is already in use" in output and "Ctrl+C" in output
    assert f"--port {port + 1}" in output


def test_every_task_explains_itself_in_the_task_list():
    listing = invoke("--list").stdout
    for name in ("build", "rebuild", "clean", "serve", "livereload", "preview", "check"):
        line = next(line for line in listing.splitlines() if line.strip().startswith(name))
        assert len(line.split(None, 1)) == 2, f"{name} has no one-line description"


def test_building_twice_from_the_same_sources_gives_identical_bytes(minimal_content, tmp_path):
    outputs = []
    for run in ("first", "second"):
        output = tmp_path / run
        assert (
            invoke("build", "--content", str(minimal_content), "--output", str(output)).returncode
            == 0
        )
        outputs.append(
            {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
        )
    assert outputs[0] == outputs[1]
