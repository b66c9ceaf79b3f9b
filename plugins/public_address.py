"""Stops a public build without a public address, or with one that is not https://.

`invoke publish` and `invoke preview` give the address to the build as the SITEURL setting;
someone running Pelican by hand with publishconf.py sets the SITEURL environment variable.
Either way the address is checked here, once the settings are final.
"""

import re
from urllib.parse import urlsplit

from pelican import signals

LOCAL_HOSTS = ("localhost", "127.0.0.1")  # for trying the public build on this machine


def problem(siteurl):
    """What is wrong with `siteurl` as the public address, or "" when nothing is."""
    if not siteurl:
        return "SITEURL is not set."
    wrong = f"SITEURL is not an https:// address: {siteurl}"
    try:
        parts = urlsplit(siteurl)
        host = parts.hostname
    except ValueError:  # such as an unclosed [ in the host
        return wrong
    # The address is written into every page's links: no spaces, quotes or angle brackets.
    if not host or re.search(r"[\s\"'<>\\]", siteurl):
        return wrong
    if parts.scheme == "https" or (parts.scheme == "http" and host in LOCAL_HOSTS):
        return ""
    return wrong


def check_address(pelican):
    # Pelican's signals outlive a build: a later local build in the same process (the
    # preview, the tests) is connected here too, and needs no public address.
    listed = [getattr(plugin, "__name__", plugin) for plugin in pelican.settings["PLUGINS"]]
    if __name__ not in listed:
        return
    found = problem(pelican.settings["SITEURL"])
    if found:
        raise SystemExit(
            f"{found}\nSet it to the public address of the site, for example:\n"
            "  SITEURL=https://www.example.org invoke publish"
        )


def register():
    # initialized: the settings are final, given values included, and nothing is read yet.
    signals.initialized.connect(check_address)
