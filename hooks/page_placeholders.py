"""Fill the practice's details into pages: `{{ practice.phone }}` and the like.

Each page's Markdown, with its snippets (`--8<--`) already inserted, is rendered as a
Jinja template with `practice` (the checked `extra.practice` settings) and `config`,
so a page or a snippet can write `[Call {{ practice.phone }}]({{ practice.tel }})` or
`{% if practice.online_sessions %}…{% endif %}`. It runs as a Markdown preprocessor
just after pymdownx.snippets and before links are checked. An unknown name stops the
build with the page and the name, so a typo never reaches a reader.
"""
import jinja2
from markdown import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
AFTER_SNIPPETS = 31  # pymdownx.snippets runs at 32; preprocessors run from high to low
current_page = {"name": "?"}


class RenderPlaceholders(Preprocessor):
    def __init__(self, md, names):
        super().__init__(md)
        self.names = names

    def run(self, lines):
        text = "\n".join(lines)
        if "{{" not in text and "{%" not in text:
            return lines
        try:
            return ENV.from_string(text).render(**self.names).split("\n")
        except jinja2.TemplateError as error:
            raise PluginError(f"{current_page['name']}: a placeholder could not be filled: {error.message}") from None


class PagePlaceholders(Extension):
    def __init__(self, names):
        super().__init__()
        self.names = names

    def extendMarkdown(self, md):
        md.preprocessors.register(RenderPlaceholders(md, self.names), "page_placeholders", AFTER_SNIPPETS)


def on_config(config):
    names = {"practice": config.extra["practice"], "config": config}
    config.markdown_extensions.append(PagePlaceholders(names))
    return config


def on_page_markdown(markdown, page, config, files):
    current_page["name"] = page.file.src_uri
    return markdown
