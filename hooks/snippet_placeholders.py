"""Fill placeholders that arrive in snippets, such as `{{ config.extra.quick_exit_url }}`.

hooks/page_placeholders.py renders each page's own Markdown, but pymdownx.snippets
inserts `--8<--` files later, while the Markdown is converted. So this adds a small
Markdown preprocessor that runs just after snippets (before links are checked) and
fills the placeholders they brought in: plain names only (`{{ practice.phone }}`,
`{{ config.extra.something }}`), with the same values as the page hook. An unknown
name stops the build.
"""
import re

import jinja2
from markdown import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

PLACEHOLDER = re.compile(r"\{\{\s*[A-Za-z_][\w.]*\s*\}\}")
ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
SNIPPETS_PRIORITY = 32  # pymdownx.snippets; preprocessors run from high to low


class FillPlaceholders(Preprocessor):
    def __init__(self, md, names):
        super().__init__(md)
        self.names = names

    def fill(self, match):
        try:
            return ENV.from_string(match.group(0)).render(**self.names)
        except jinja2.TemplateError as error:
            raise PluginError(f"A snippet's placeholder {match.group(0)}: {error.message}") from None

    def run(self, lines):
        text = "\n".join(lines)
        if "{{" not in text:
            return lines
        return PLACEHOLDER.sub(self.fill, text).split("\n")


class SnippetPlaceholders(Extension):
    def __init__(self, names):
        super().__init__()
        self.names = names

    def extendMarkdown(self, md):
        md.preprocessors.register(FillPlaceholders(md, self.names), "snippet_placeholders", SNIPPETS_PRIORITY - 1)


def on_config(config):
    names = {"practice": config.extra.get("practice", {}), "config": config}
    config.markdown_extensions.append(SnippetPlaceholders(names))
    return config
