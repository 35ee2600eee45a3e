"""canonical_url and the public-address check."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from scrapers.fetching.urls import (
    UnsafeAddress,
    canonical_url,
    check_public_address,
    unsafe_reason,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.ORG/News/", "https://example.org/News"),
        ("https://m.kaktus.example/ak-jar", "https://kaktus.example/ak-jar"),
        ("https://amp.example.org/story/amp", "https://example.org/story"),
        ("https://example.org/story/amp/", "https://example.org/story"),
        ("https://example.org/story?amp", "https://example.org/story"),
        ("https://example.org/story?amp=1&id=7", "https://example.org/story?id=7"),
        (
            "https://example.org/a?utm_source=tg&utm_medium=x&fbclid=1&gclid=2&yclid=3"
            "&_openstat=4&ref=main&b=2&a=1#comments",
            "https://example.org/a?a=1&b=2",
        ),
        ("https://example.org/a?UTM_Campaign=x&z=1", "https://example.org/a?z=1"),
        ("http://example.org:80/", "https://example.org"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://user:pw@example.org/x", "https://example.org/x"),
        ("//www.example.org/x/", "https://example.org/x"),
        (
            "https://example.org/новости/ак-жар",
            "https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/"
            "%D0%B0%D0%BA-%D0%B6%D0%B0%D1%80",
        ),
        ("https://example.org/%d0%bd", "https://example.org/%D0%BD"),
        ("https://www.шанырак.kz/", "https://" + "шанырак".encode("idna").decode() + ".kz"),
        ("https://m.kz/x", "https://m.kz/x"),
        (
            "https://example.org/search?q=%D0%B2%D0%BE%D0%B4%D0%B0+%D1%81%D0%B2%D0%B5%D1%82",
            "https://example.org/search?q=%D0%B2%D0%BE%D0%B4%D0%B0%20%D1%81%D0%B2%D0%B5%D1%82",
        ),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent():
    url = "http://www.example.org/News/?utm_source=x&b=2&a=1#top"
    once = canonical_url(url)
    assert canonical_url(once) == once


def test_canonical_url_merges_variants():
    variants = [
        "https://example.org/ak-jar/",
        "http://www.example.org/ak-jar?utm_source=telegram",
        "https://m.example.org/ak-jar#comments",
        "https://amp.example.org/ak-jar/amp",
        "https://example.org/ak-jar?amp=1&fbclid=abc",
    ]
    assert {canonical_url(v) for v in variants} == {"https://example.org/ak-jar"}


@pytest.mark.parametrize("url", ["mailto:x@example.org", "/relative/path", "ftp://example.org/"])
def test_canonical_url_rejects_non_http(url):
    with pytest.raises(ValueError):
        canonical_url(url)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("192.168.1.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 (an address under test, not a bind)
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not globally routable"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:0a00:0001::1", "private"),  # 6to4 wrapping 10.0.0.1
    ],
)
def test_unsafe_reason(address, reason):
    assert reason in unsafe_reason(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses_are_fine(address):
    assert unsafe_reason(address) is None
    assert check_public_address(address) == [ipaddress.ip_address(address)]


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "10.0.0.1",
        "169.254.169.254",
        "fd00:ec2::254",
        "[::1]",
        "2130706433",
        "0x7f.1",
    ],
)
def test_check_public_address_refuses(host):
    with pytest.raises(UnsafeAddress) as caught:
        check_public_address(host)
    assert "refused" in str(caught.value)
    assert caught.value.reason


def test_check_public_address_allows_loopback_for_tests():
    assert check_public_address("127.0.0.1", allow_loopback=True)
    with pytest.raises(UnsafeAddress):
        check_public_address("10.0.0.1", allow_loopback=True)
    with pytest.raises(UnsafeAddress):
        check_public_address("169.254.169.254", allow_loopback=True)


def test_unresolvable_host_raises_oserror():
    with pytest.raises(socket.gaierror):
        check_public_address("no-such-host.invalid")
