"""URL canonicalisation and the public-address (anti-SSRF) check.

No Django imports: this module is used by the fetcher. Which URLs may be links is decided by
core.safe_urls (this package may not import the project).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

__all__ = [
    "CLOUD_METADATA_ADDRESSES",
    "TRACKING_PARAMS",
    "UnsafeAddress",
    "canonical_url",
    "check_public_address",
    "unsafe_reason",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Exact query keys dropped by :func:`canonical_url` (compared lower-case).
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "ysclid",
        "_openstat",
        "ref",
        "mc_cid",
        "mc_eid",
        "igshid",
        "amp",
    }
)
_TRACKING_PREFIXES = ("utm_",)
_STRIPPED_HOST_PREFIXES = ("www.", "m.", "amp.")
_DEFAULT_PORTS = {80, 443}
# Characters left unescaped in paths/queries; "%" keeps existing escapes intact.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")

CLOUD_METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack, ...
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("fd00:ec2::254"),  # AWS IMDS over IPv6
    }
)


class UnsafeAddress(Exception):
    """The host resolves to an address a crawler must not contact."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{host} resolves to {address} ({reason}): refused")
        self.host = host
        self.address = address
        self.reason = reason


def _normalise_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    if not host.isascii():
        with contextlib.suppress(UnicodeError):  # keep hosts IDNA 2003 cannot encode
            host = host.encode("idna").decode("ascii")
    for prefix in _STRIPPED_HOST_PREFIXES:
        # never strip a host down to a bare TLD ("m.kz" stays as it is)
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            host = host[len(prefix) :]
    return host


def _quote_part(value: str) -> str:
    value = quote(value, safe=_PATH_SAFE)
    return _PERCENT_ESCAPE.sub(lambda m: m.group(0).upper(), value)


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Return a canonical form of an absolute http(s) URL, for identity and deduplication.

    https is preferred (``http`` becomes ``https``), the host is lower-cased and IDNA-encoded
    and loses ``www.``/``m.``/``amp.`` prefixes, default ports, credentials, the fragment,
    tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``yclid``, ``_openstat``, ``ref``,
    ...), AMP variants (``/amp`` suffix, ``?amp``, ``amp=1``) and the trailing slash; the
    remaining query parameters are sorted. Not meant for fetching: the result may not exist.

    Raises ``ValueError`` for anything that is not an absolute http(s) URL.
    """
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    host = _normalise_host(parts.hostname)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port is None or port in _DEFAULT_PORTS else f"{host}:{port}"

    path = _canonical_path(parts.path)

    pairs = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    query = urlencode(sorted(pairs), quote_via=quote)
    return urlunsplit(("https", netloc, path, query, ""))


def _canonical_path(path: str) -> str:
    """The path without trailing slashes and without an AMP ``/amp`` suffix, quoted."""
    while path.endswith("/"):
        path = path[:-1]
    lowered = path.lower()
    if lowered.endswith("/amp"):
        path = path[: -len("/amp")]
    elif lowered == "amp":
        path = ""
    while path.endswith("/"):
        path = path[:-1]
    return _quote_part(path)


def unsafe_reason(address: IPAddress | str, allow_loopback: bool = False) -> str | None:
    """Why a crawler must not connect to ``address``, or ``None`` if it is public."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]
        if embedded is not None:
            return unsafe_reason(embedded, allow_loopback)
    if ip in CLOUD_METADATA_ADDRESSES:
        return "cloud metadata address"
    if ip.is_loopback:
        return None if allow_loopback else "loopback address"
    if ip.is_unspecified:
        return "unspecified address"
    if ip.is_link_local:
        return "link-local address"
    if ip.is_multicast:
        return "multicast address"
    if ip.is_reserved:
        return "reserved address"
    if ip.is_private:
        return "private address"
    if not ip.is_global:
        return "address that is not globally routable"
    return None


def check_public_address(
    host: str, allow_loopback: bool = False, port: int | None = None
) -> list[IPAddress]:
    """Resolve ``host`` and return its addresses if every one of them is public.

    Raises :class:`UnsafeAddress` if any address is loopback (unless ``allow_loopback``),
    private, link-local, multicast, reserved, unspecified or a cloud metadata endpoint.
    Raises :class:`socket.gaierror` (an ``OSError``) if the host does not resolve.
    """
    host = host.strip().strip("[]")
    if not host:
        raise UnsafeAddress(host, "", "empty host")
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        reason = unsafe_reason(ip, allow_loopback)
        if reason:
            raise UnsafeAddress(host, str(ip), reason)
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise socket.gaierror(socket.EAI_NONAME, f"no address for {host}")
    return addresses
