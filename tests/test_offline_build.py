"""The site builds with no network at all, and draws every preview image while it does.

The suite's one strict build (conftest's strict_build) is that build: it runs with every proxy
variable pointing at a closed port on this machine (127.0.0.1:9), so any download through an HTTP
library fails at once, and, where user namespaces are allowed, inside `unshare -rn`, a network
namespace with only a loopback interface, so nothing at all can leave (support.offline). Its card
cache starts empty, so every image is really drawn.
"""
import subprocess

import pytest

from support import built_pages, png_size, user_namespaces_work


def test_the_namespace_has_no_network():
    if not user_namespaces_work():
        pytest.skip("`unshare -rn` is not allowed on this machine: the suite's build ran with the proxies closed only")
    interfaces = subprocess.run(["unshare", "-rn", "cat", "/proc/net/dev"], capture_output=True, text=True).stdout
    names = [line.split(":")[0].strip() for line in interfaces.splitlines() if ":" in line]
    assert names == ["lo"], f"the namespace is not offline: {names}"


def test_build_succeeds_offline_and_draws_the_images(strict_build, offline_build):
    site, log = strict_build
    assert offline_build.env["HTTPS_PROXY"] == offline_build.env["https_proxy"] == "http://127.0.0.1:9"
    assert "WARNING" not in log, log

    pages = built_pages(site)
    cards = sorted((site / "assets" / "images" / "social").glob("*.png"))
    assert f"Social cards: {len(pages)} drawn, 0 from the cache" in log, log
    assert len(cards) == len(pages)
    for card in cards:
        assert png_size(card) == (1200, 630), card.name
    assert len(list(offline_build.cards.glob("*.png"))) == len(pages)
