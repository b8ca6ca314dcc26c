"""Fill the practice's details into pages: `{{ practice.phone }}` and the like.

Each page's Markdown is rendered as a Jinja template with `practice` (the
checked `extra.practice` settings) and `config`. An unknown name stops the build
with the page and the name, so a typo never reaches a reader.
"""
import jinja2
from mkdocs.exceptions import PluginError

ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


def on_page_markdown(markdown, page, config, files):
    if "{{" not in markdown and "{%" not in markdown:
        return markdown
    try:
        return ENV.from_string(markdown).render(practice=config.extra["practice"], config=config)
    except jinja2.TemplateError as error:
        raise PluginError(f"{page.file.src_uri}: {error.message}") from None
