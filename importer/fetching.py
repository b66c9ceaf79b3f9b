"""Downloads a picture from the old blog, and never from this computer or a private network.

An export is untrusted: an address in it could name this computer (127.0.0.1,
localhost), the office network (192.168.…, 10.…) or a cloud's metadata service
(169.254.169.254), where a download would reach what no blog reader could. So a host's
name is resolved once, every address it resolves to must be on the public internet
(Python's `ipaddress`: global, not multicast), and the connection goes to the address
that was checked, not to the name again (which could resolve elsewhere the second
time). HTTPS still verifies the certificate against the name. A redirect is followed
only after its new address passes the same check.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urljoin, urlsplit

TIMEOUT = 10  # seconds, per picture
LIMIT = 50 * 1024 * 1024  # bytes; larger is not a picture for a web page
REDIRECTS = 5
USER_AGENT = "psych-site-import"


class Refused(Exception):
    """The address is not on the public internet, so nothing was sent to it."""


class Unreachable(Exception):
    """The old site did not answer."""


class NotThere(Unreachable):
    """The old site answered, without the file: asking it for others is still worth it."""


def is_public(address):
    """Whether an IP address is on the public internet, not on this machine or a local network.

    Loopback, private, link-local, multicast and reserved addresses are all refused.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def named_as_local(address):
    """Whether an address is plainly not public, without resolving anything.

    An IP address that is not public, or a name such as localhost: a dry run, which
    contacts nothing, can still tell these apart.
    """
    host = (urlsplit(address).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        return not is_public(host)
    except ValueError:
        return False  # a name: only resolving it would tell


def checked_addresses(host, port, allowed=is_public):
    """The addresses of `host`, resolved once; Refused if any of them is not allowed."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Unreachable(f"{host} was not found ({error})") from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    refused = [a for a in addresses if not allowed(a)]
    if refused or not addresses:
        raise Refused(
            f"{host} is {', '.join(refused) or 'nowhere'}, on this computer or a private "
            "network, not on the public internet"
        )
    return addresses


class _Pinned(http.client.HTTPConnection):
    """An HTTP connection to an address already checked, naming the host in its request."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.checked = address

    def connect(self):
        self.sock = socket.create_connection((self.checked, self.port), self.timeout)


class _PinnedTLS(_Pinned):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, address, timeout)
        self.tls = ssl.create_default_context()

    def connect(self):
        super().connect()
        # The certificate must be the name's, though the address was chosen here.
        self.sock = self.tls.wrap_socket(self.sock, server_hostname=self.host)


def download(address, allowed=is_public, first_allowed=None):
    """The bytes at `address`, following redirects; Refused or Unreachable otherwise.

    `allowed` decides, for every address of every hop, whether it may be contacted.
    `first_allowed` replaces it for the first hop only: tests serve the first hop on
    127.0.0.1 (the only addresses they may reach) and prove the redirect is checked.
    """
    for hop in range(REDIRECTS + 1):
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(f"{address} is not a web address")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        check = first_allowed if hop == 0 and first_allowed else allowed
        ip = checked_addresses(parts.hostname, port, check)[0]
        kind = _PinnedTLS if parts.scheme == "https" else _Pinned
        connection = kind(parts.hostname, port, ip, TIMEOUT)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers={"User-Agent": USER_AGENT})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                address = urljoin(address, response.getheader("Location"))
                continue
            if response.status != 200:
                raise NotThere(f"{address} answered {response.status} {response.reason}")
            data = response.read(LIMIT + 1)
        except (OSError, http.client.HTTPException) as error:
            raise Unreachable(f"{address} did not answer ({error})") from None
        finally:
            connection.close()
        if len(data) > LIMIT:
            raise NotThere(f"{address} is larger than {LIMIT // 1024 // 1024} MB")
        return data
    raise Unreachable(f"{address} redirected more than {REDIRECTS} times")
