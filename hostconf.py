"""Settings for hosts that build the site themselves (Netlify, Cloudflare Pages).

Everything in publishconf.py, less the handouts: Chromium prints them, and those hosts'
build machines have none, so no article links to one. README.md ("Hosts that build the
site themselves") lists what else this path leaves out.
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from publishconf import *  # noqa: E402, F403

HANDOUT_URL = ""
