"""Run axe-core in a page and return its WCAG 2.2 A/AA violations."""
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def axe_violations(page):
    """The violations axe finds on the page as it is now (every rule with these tags)."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    return results.response["violations"]


def describe(violations):
    """One readable line a violation, with the first few offending elements."""
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({len(v['nodes'])}): {v['help']} -> {targets}")
    return "\n".join(lines)
