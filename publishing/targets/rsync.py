"""`--target rsync`: a web server's folder, by rsync over ssh, switched to all at once.

The target folder holds one complete copy of the site per deploy, and a `current`
symlink that the web server's root points at:

    TARGET/.psych-site-deploy   says the folder belongs to this site's deploys
    TARGET/releases/<time>/     one finished upload each; the newest few are kept
    TARGET/current -> releases/<time>

Each upload goes into a hidden `releases/.partial-<time>/` folder, reusing unchanged
files from the previous release as hard links, and only a finished upload is renamed
and swapped in with one atomic `mv`. An interrupted upload is therefore never what
visitors see, and deploying deletes nothing but this site's own older releases.

The folder is written `[user@]host:/path`, `host:~/path` (under the home folder ssh
lands in), `user@[2001:db8::1]:/path`, or as a folder on this machine. It is resolved
once to an absolute path, which the checks, the upload and the switch all use.
"""

import datetime
import functools
import os
import re
import shlex
import subprocess

from publishing import DeployRefused, Setting, Target, register

MARKER = ".psych-site-deploy"
KEEP_RELEASES = 3
# Served files must be readable by the web server, whatever the local umask was.
PERMISSIONS = "--chmod=Du=rwx,Dgo=rx,Fu=rw,Fgo=r"
# rsync's own reading: a colon before any slash makes a server address, and an IPv6
# address is put in brackets. A user or host starting with "-" would reach ssh as an option.
REMOTE = re.compile(
    r"^(?:(?P<user>[^-@/:\[\]\s][^@/:\[\]\s]*)@)?"
    r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+(?:%[\w.-]+)?)\]|(?P<host>[^-@/:\[\]\s][^@/:\[\]\s]*))"
    r":(?P<path>.*)$",
    re.DOTALL,
)


class Destination:
    """A folder on this machine or, written `[user@]host:path`, on a server reached by ssh."""

    def __init__(self, spec, ssh="ssh"):
        self.spec = spec
        self.ssh = shlex.split(ssh)
        self.host = None
        self.written = spec
        match = REMOTE.match(spec)
        if spec.startswith("rsync://") or (match and match["path"].startswith(":")):
            raise DeployRefused(
                f"{spec} names an rsync daemon module, which cannot be published to: each "
                "deploy checks the folder and switches `current` to the new release through a "
                "shell on the server. Give the folder for ssh instead: user@host:/srv/site."
            )
        if not match and re.match(r"^[^/]*:", spec):
            raise DeployRefused(
                f"{spec} is not a server folder rsync can reach: write it as "
                "user@host:/srv/site, or user@[2001:db8::1]:/srv/site for an IPv6 address."
            )
        if match:
            address = match["host"] or match["ipv6"]
            user = f"{match['user']}@" if match["user"] else ""
            self.host = user + address  # as ssh takes it
            self.rsync_host = user + (f"[{address}]" if match["ipv6"] else address)
            self.written = match["path"]
            if re.match(r"^~[^/]", self.written):
                raise DeployRefused(
                    f"{spec}: write another account's folder in full (/home/name/site), "
                    "not as ~name/site."
                )

    @functools.cached_property
    def path(self):
        """The folder's absolute path, found once and used by every step.

        On a server, `~` and a relative path mean the home folder ssh lands in, as they do
        for rsync; the server is asked for it, since the steps quote the path and rsync
        (with --protect-args) expands nothing.
        """
        if not self.host:
            return os.path.abspath(os.path.expanduser(self.written))
        path = self.written
        if not path.startswith("/"):
            found = self._run('printf "%s\\n" "$HOME"')
            home = found.stdout.strip()
            if found.returncode != 0 or not home.startswith("/"):
                raise DeployRefused(
                    f"Could not find the home folder on {self.host} through "
                    f"`{shlex.join(self.ssh)}`:\n{found.stderr.strip()}\n"
                    "Check the address, and that `ssh` reaches the server without a password."
                )
            path = home + path[1:] if path.startswith("~") else f"{home}/{path}"
        return path.rstrip("/") or "/"

    def __str__(self):
        """The folder as written, and where that is when `~` or a relative path was resolved."""
        written = self.written.rstrip("/") or "/"
        return self.spec if written == self.path else f"{self.spec} ({self.path})"

    def rsync_path(self, relative):
        path = f"{self.path}/{relative}"
        return f"{self.rsync_host}:{path}" if self.host else path

    def _run(self, script):
        # The script goes in on sh's standard input, so the server's login shell, whichever
        # it is, only starts sh and never reads the script itself.
        command = [*self.ssh, self.host, "sh", "-s"] if self.host else ["sh", "-s"]
        return subprocess.run(command, input=script, capture_output=True, text=True)

    def sh(self, script, **variables):
        """Run a POSIX shell script in the target folder's machine; return the finished process."""
        variables = {"ROOT": self.path, **variables}
        assignments = "".join(
            f"{name}={shlex.quote(str(value))}\n" for name, value in variables.items()
        )
        return self._run(assignments + script)


INSPECT = """
if [ ! -e "$ROOT" ]; then echo new; exit 0; fi
if [ ! -d "$ROOT" ]; then echo foreign; echo "it is a file, not a folder"; exit 0; fi
cd "$ROOT" || exit 1
if [ -f "$MARKER" ]; then echo ours; cat "$MARKER"; exit 0; fi
if [ -z "$(ls -A)" ]; then echo new; exit 0; fi
echo foreign; ls -A | head -n 5
"""

PREPARE = """
set -e
mkdir -p "$ROOT/releases"
cd "$ROOT"
[ -f "$MARKER" ] || printf '%s\\n' "$IDENTITY" > "$MARKER"
# Leftovers of interrupted uploads belong to this site and are never served.
rm -rf releases/.partial-*
readlink current || true
"""

SWITCH = """
set -e
cd "$ROOT"
mv -T "releases/.partial-$RELEASE" "releases/$RELEASE"
ln -sfn "releases/$RELEASE" .current.new
mv -T .current.new current
ls -1 releases | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do
  [ "releases/$old" = "$(readlink current)" ] || rm -rf "releases/$old"
done
"""


def identity(sitename):
    return f"site: {sitename}"


def check_ownership(destination, sitename):
    """Refuse unless the target is empty, missing, or a previous deploy of this same site."""
    inspected = destination.sh(INSPECT, MARKER=MARKER)
    if inspected.returncode != 0:
        raise DeployRefused(f"Could not look into {destination.spec}:\n{inspected.stderr.strip()}")
    state, _, details = inspected.stdout.partition("\n")
    if state == "new":
        return False
    if state == "ours" and identity(sitename) in details.splitlines():
        return True
    found = details.strip().replace("\n", ", ")
    raise DeployRefused(
        f"{destination.spec} does not look like a previous deploy of this site, so nothing was "
        f"copied and nothing in it was changed.\n"
        f"  It contains: {found or 'nothing recognisable'}\n"
        f"  A deploy folder of this site holds a {MARKER} file naming {sitename!r}.\n"
        "Choose an empty or new folder; the web server's root should then be its `current` link."
    )


def _rsync(destination, *arguments, options=()):
    # Content, not timestamps, decides what changed: every build writes fresh times, and
    # --link-dest only reuses a file whose preserved attributes all match.
    command = ["rsync", "--recursive", "--links", "--perms", "--checksum", PERMISSIONS]
    # -s (--protect-args) hands the paths to the server's rsync as they are, unread by a shell.
    command += ["-s", *options]
    if destination.host:
        command += ["--rsh", shlex.join(destination.ssh)]
    return subprocess.run([*command, *arguments], capture_output=True, text=True)


def dry_run(site, destination, sitename, options=()):
    """Print what a deploy would add, change and remove, changing nothing."""
    deployed_before = check_ownership(destination, sitename)
    if not deployed_before:
        count = sum(1 for path in site.rglob("*") if path.is_file())
        print(f"Dry run: the first deploy to {destination.spec} would upload {count} files.")
        return
    compared = _rsync(
        destination,
        "--dry-run",
        "--delete",
        "--itemize-changes",
        f"{site}/",
        destination.rsync_path("current/"),
        options=options,
    )
    if compared.returncode != 0:
        raise DeployRefused(f"rsync could not compare with {destination.spec}:\n{compared.stderr}")
    changes = []
    for line in compared.stdout.splitlines():
        change, _, path = line.partition(" ")
        if change.startswith("*deleting"):
            changes.append(("remove", path.strip()))
        elif not change.startswith(".") and not path.endswith("/"):
            changes.append(("upload", path.strip()))  # new or changed; folders follow files
    print(f"Dry run: deploying to {destination.spec} would change {len(changes)} files:")
    for action, path in changes:
        print(f"  {action} {path}")


def deploy(site, destination, sitename, options=()):
    """Upload `site` as a new release in `destination`; switch `current` to it atomically."""
    check_ownership(destination, sitename)
    prepared = destination.sh(PREPARE, MARKER=MARKER, IDENTITY=identity(sitename))
    if prepared.returncode != 0:
        raise DeployRefused(f"Could not prepare {destination.spec}:\n{prepared.stderr.strip()}")
    previous = prepared.stdout.strip()
    release = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    # --link-dest is relative to the folder being written, releases/.partial-<time>/.
    link = [f"--link-dest=../{previous.removeprefix('releases/')}"] if previous else []
    uploaded = _rsync(
        destination,
        *link,
        f"{site}/",
        destination.rsync_path(f"releases/.partial-{release}/"),
        options=options,
    )
    if uploaded.returncode != 0:
        raise DeployRefused(
            f"The upload to {destination.spec} failed, so visitors still see the previous site:\n"
            f"{uploaded.stderr.strip()}"
        )
    switched = destination.sh(SWITCH, RELEASE=release, KEEP=KEEP_RELEASES)
    if switched.returncode != 0:
        raise DeployRefused(
            f"Could not switch {destination.spec} to the new release:\n{switched.stderr}"
        )
    print(f"Published to {destination}: current -> releases/{release}")


@register
class Rsync(Target):
    """Uploads each release beside the last few and switches the `current` link to it."""

    name = "rsync"
    summary = "a web server's folder, by rsync over ssh"
    settings = (
        Setting(
            "rsync_target",
            "DEPLOY_RSYNC_TARGET",
            "[user@]host:/folder or a folder.",
            required="Say which folder to publish to",
            example="user@host:/srv/site",
        ),
        Setting("ssh", "DEPLOY_SSH", "the ssh command to reach the server.", default="ssh"),
        Setting("rsync_options", "DEPLOY_RSYNC_OPTIONS", "extra rsync options.", default=""),
    )

    def __init__(self, values, site):
        super().__init__(values, site)
        self.destination = Destination(values["rsync_target"], ssh=values["ssh"])
        self.options = shlex.split(values["rsync_options"])

    def check(self):
        # Refuse a folder that is not ours before spending time on the build.
        check_ownership(self.destination, self.site["SITENAME"])

    def dry_run(self, site):
        dry_run(site, self.destination, self.site["SITENAME"], options=self.options)

    def deploy(self, site):
        deploy(site, self.destination, self.site["SITENAME"], options=self.options)
