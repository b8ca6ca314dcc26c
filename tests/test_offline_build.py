"""The site builds with no network at all, and draws every preview image while it does.

Two ways, each with an empty card cache so every image is really drawn:
- proxy: every proxy variable points at a closed port on this machine (127.0.0.1:9),
  so any download through an HTTP library fails at once;
- namespace: the same, inside `unshare -rn`, a network namespace with only a
  loopback interface, so nothing at all can leave (skipped where user namespaces
  are not allowed).
"""
import os
import shutil
import subprocess

import pytest

from support import build_site, built_pages, png_size, project_config

CLOSED = "http://127.0.0.1:9"


def offline_env(cache):
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update({
        "http_proxy": CLOSED, "https_proxy": CLOSED, "HTTP_PROXY": CLOSED, "HTTPS_PROXY": CLOSED,
        "ALL_PROXY": CLOSED, "all_proxy": CLOSED, "no_proxy": "", "NO_PROXY": "",
        "PIP_NO_INDEX": "1", "SOCIAL_CARDS_CACHE": str(cache),
    })
    return env


def namespace_works():
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.parametrize("way", ["proxy", "namespace"])
def test_build_succeeds_offline_and_draws_the_images(tmp_path, way):
    prefix = []
    if way == "namespace":
        if not namespace_works():
            pytest.skip("`unshare -rn` is not allowed on this machine")
        prefix = ["unshare", "-rn"]
        interfaces = subprocess.run(prefix + ["cat", "/proc/net/dev"], capture_output=True, text=True).stdout
        names = [line.split(":")[0].strip() for line in interfaces.splitlines() if ":" in line]
        assert names == ["lo"], f"the namespace is not offline: {names}"

    site, cache = tmp_path / "site", tmp_path / "cache"
    result = build_site(project_config(), site, env=offline_env(cache), prefix=prefix)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"offline build ({way}) failed:\n{log}"
    assert "WARNING" not in log, log

    pages = built_pages(site)
    cards = sorted((site / "assets" / "images" / "social").glob("*.png"))
    assert f"Social cards: {len(pages)} drawn, 0 from the cache" in log, log
    assert len(cards) == len(pages)
    for card in cards:
        assert png_size(card) == (1200, 630), card.name
    assert len(list(cache.glob("*.png"))) == len(pages)
