"""Give every task-list checkbox its item's words as its label (a step of hooks/pipeline.py).

pymdownx.tasklist writes `<label class="task-list-control"><input type="checkbox"/>
<span class="task-list-indicator"></span></label> Item text`: the text sits outside the
label, so the checkbox has no accessible name and tapping the words does nothing.
This moves the item's text (up to the end of its line, before any nested list)
inside the label. (The checklist page wraps the list in a form with autocomplete="off",
so a browser never brings back old ticks after a reload.) Runs on the HTML of every page; pages
without task lists are untouched.
"""
from __future__ import annotations

import re

TASK = re.compile(
    r'<label class="task-list-control">(?P<input><input type="checkbox"[^>]*?)\s*/?>'
    r'(?P<indicator><span class="task-list-indicator"></span>)</label>\s*'
    r'(?P<text>(?:(?!</?(?:li|p|ul|ol|div|label)\b).)*?)'
    r'(?=\s*(?:</li>|</p>|<ul|<ol|<div))',
    re.DOTALL,
)


def label_item(match: re.Match) -> str:
    text = match.group("text").strip()
    return (
        f'<label class="task-list-control">{match.group("input")}>'
        f'{match.group("indicator")}<span class="task-list-text">{text}</span></label>'
    )


def label_checkboxes(html: str) -> str:
    """A page's HTML with each task-list checkbox's words moved inside its label."""
    if "task-list-control" not in html:
        return html
    return TASK.sub(label_item, html)
