"""Copies a built and checked site to where visitors read it: a git branch, a web server, ….

`invoke publish` (publishing/pipeline.py) does the same for every target: it resolves the
settings and lets the target refuse, builds into a folder of its own, checks the result, and
only then hands the target the finished folder. A target is one module in
publishing/targets/, holding one subclass of `Target` marked with `@register`:

    @register
    class Folder(Target):
        name = "folder"                      # what --target takes
        summary = "a folder on this machine"  # what `invoke --help publish` says of it
        settings = (Setting("folder", "DEPLOY_FOLDER", "where to copy the site.",
                            required="Say which folder", example="/srv/site"),)

        def check(self): ...          # refuse before the slow build (optional)
        def dry_run(self, site): ...  # say what would change (optional)
        def deploy(self, site): ...   # copy the folder `site` there

Each setting becomes an `invoke publish` option (--folder) and an environment variable.
"""

import dataclasses
import importlib
import pkgutil


class DeployRefused(Exception):
    """Nothing was deployed; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Setting:
    """One thing a target needs: given as `--name` (underscores as dashes), else `variable`."""

    name: str
    variable: str
    help: str
    default: str | None = None
    # For a setting without a default that the target cannot do without: the start of the
    # sentence that asks for it, and an example value.
    required: str = ""
    example: str = ""

    @property
    def flag(self):
        return "--" + self.name.replace("_", "-")


class Target:
    """A place the site is deployed to; see the module's docstring for how to add one."""

    name = ""
    summary = ""
    settings: tuple[Setting, ...] = ()

    def __init__(self, values, site):
        self.values = values  # each of `settings` by name, as given or by default
        self.site = site  # the public build's Pelican settings: SITENAME, SITEURL, …

    def check(self):
        """Raise DeployRefused if the site cannot go there; runs before anything is built."""

    def dry_run(self, site):
        """Say what deploying the folder `site` would change, changing nothing."""
        print(f"Dry run: --target {self.name} would publish the checked site; nothing changed.")

    def deploy(self, site):
        """Put the built and checked folder `site` where visitors read it."""
        raise NotImplementedError


_registered = {}


def register(target):
    """Offer a `Target` subclass to `invoke publish`, under its `name`."""
    _registered[target.name] = target
    return target


def all_targets():
    """Every target by name: the modules in publishing/targets/, and any registered since."""
    package = importlib.import_module("publishing.targets")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_registered.items()))
