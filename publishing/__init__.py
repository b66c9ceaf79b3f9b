"""Copies a built and checked site to where visitors read it: a git branch or a web server."""


class DeployRefused(Exception):
    """Nothing was deployed; the message says why and what to do."""
