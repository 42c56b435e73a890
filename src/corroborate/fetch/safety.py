"""Which URLs may be fetched at all: http(s) only, and never a host inside the machine's own network.

A page's links are untrusted input: without this check a feed could point the
fetcher at a router's admin page or a cloud metadata service.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection
from urllib.parse import urlsplit

SCHEMES = ("http", "https")

# Cloud metadata services: the link-local ones are refused as link-local anyway, and named here so
# the reason says what they are; the others (AWS over IPv6, Alibaba) would pass as ordinary addresses.
_METADATA = {
    ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
}


class UnsafeURL(Exception):
    """A URL the fetcher refuses to request; the message says why."""


def check_scheme(url: str) -> str:
    """The URL's host, or UnsafeURL when it is not an http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise UnsafeURL(f"refused: only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise UnsafeURL("refused: the URL names no host")
    return parts.hostname.lower()


def unsafe_address(address: str) -> str | None:
    """Why an IP address must not be contacted (loopback, private, ...), or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in _METADATA:
        return "a cloud metadata address" + (" (link-local)" if ip.is_link_local else "")
    for label, flag in (
        ("a loopback address", ip.is_loopback),
        ("a link-local address", ip.is_link_local),
        ("an unspecified address (this machine)", ip.is_unspecified),
        ("a private address", ip.is_private),
        ("a multicast address", ip.is_multicast),
        ("a reserved address", ip.is_reserved),
    ):
        if flag:
            return label
    return None


def allowed(host: str, allow_hosts: Collection[str]) -> bool:
    return host.lower().strip("[]") in allow_hosts


async def check_url(url: str, allow_hosts: Collection[str]) -> None:
    """Raise UnsafeURL unless `url` is http(s) and its host resolves only to public addresses
    (or is named in `allow_hosts`)."""
    host = check_scheme(url)
    if allowed(host, allow_hosts):
        return
    port = urlsplit(url).port or 443
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise UnsafeURL(f"cannot resolve host {host!r}: {err}") from err
    for info in infos:
        address = str(info[4][0])
        reason = unsafe_address(address)
        if reason:
            what = f"{host} is {reason}" if address == host else f"{host} resolves to {address}, {reason}"
            raise UnsafeURL(f"refused: {what} (name it with --allow-host to fetch it)")


def check_peer(host: str, address: str | None, allow_hosts: Collection[str]) -> None:
    """After connecting: the address actually reached must be public too (DNS can change in between)."""
    if address is None or allowed(host, allow_hosts):
        return
    reason = unsafe_address(address)
    if reason:
        raise UnsafeURL(f"refused: {host} connected to {address}, {reason}")
