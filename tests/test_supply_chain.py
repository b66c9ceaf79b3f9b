"""A fresh machine installs exactly the packages that were reviewed: pinned, locked, hashed."""

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.M)


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins_in(text):
    """{package: version} of the `name==version` lines of a requirements or lock file."""
    return {normalised(name): version for name, version in PIN.findall(text)}


def pins(name):
    return pins_in((ROOT / name).read_text(encoding="utf-8"))


def hashed(name):
    """The packages of a lock file whose entry carries at least one sha256 hash."""
    entries = re.split(r"\n(?=\S)", (ROOT / name).read_text(encoding="utf-8"))
    return {package for entry in entries if "--hash=sha256:" in entry for package in pins_in(entry)}


@pytest.mark.parametrize(
    "chosen_in, lock",
    [
        (("requirements.txt",), "requirements.lock"),
        (("requirements.txt", "requirements-test.txt"), "requirements-test.lock"),
    ],
)
def test_a_version_changed_in_the_requirements_is_not_installed_until_it_is_locked(chosen_in, lock):
    chosen = {name: version for file in chosen_in for name, version in pins(file).items()}
    locked = pins(lock)
    stale = {name: version for name, version in chosen.items() if locked.get(name) != version}
    assert not stale, f"run scripts/lock: {stale} are not what {lock} installs"
    assert hashed(lock) == set(locked), f"{lock} has packages without a hash"


def test_the_site_and_the_tests_install_the_same_version_of_every_shared_package():
    site, tests = pins("requirements.lock"), pins("requirements-test.lock")
    assert site == {name: tests.get(name) for name in site}


def test_the_environment_holds_exactly_the_locked_versions():
    installed = {
        normalised(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }
    differing = {
        name: installed.get(name)
        for name, version in pins("requirements-test.lock").items()
        if installed.get(name) != version
    }
    assert not differing, f"installed versions differ from the lock: {differing}"


def test_every_locked_package_installs_on_debian_12s_python():
    # Debian 12, which the README and the GitHub workflow's container run, has Python 3.11.2.
    too_new = {
        dist.metadata["Name"]: dist.metadata["Requires-Python"]
        for dist in metadata.distributions()
        if normalised(dist.metadata["Name"]) in pins("requirements-test.lock")
        and dist.metadata["Requires-Python"]
        and "3.11.2" not in SpecifierSet(dist.metadata["Requires-Python"])
    }
    assert not too_new, f"these need a newer Python than Debian 12's: {too_new}"
