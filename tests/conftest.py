"""The suite's fixtures, on top of tests/support.py (the settings, the build, the server,
Chromium and the browser helpers all live there; no test module imports another).

- strict_build: the site built once per run with `mkdocs build --strict` into a temp folder
  (the folder and what the build printed), with no network and an empty card cache
  (support.offline: tests/test_offline_build.py checks what it printed and drew). A failed build
  stops the run with one message: the config and what MkDocs said. Every test of the built site,
  in every browser, uses this one build.
- offline_build: how strict_build is kept offline (.way: "namespace" or "proxy") and its card cache.
- built_site: that folder.
- base_url: "http://127.0.0.1:<port>/<path>/" serving built_site under site_url's path, the way
  a static host does (https://name.github.io/repo/ is served at http://127.0.0.1:<port>/repo/).
- browser: the system Chromium driven by Playwright (support.chromium_path()).
- open_page: opens a path of the site in a fresh browser context and returns the page; it
  records console errors (page.console_errors), every request it makes (page.requests) and
  blocks and records every request that leaves the origin (page.offsite_requests). With
  hold="<glob>", the requests matching it are held unanswered (page.held), as on a slow line;
  it then waits only for DOMContentLoaded. With init_script="<js>", that script runs before
  any of the page's own.
- tab: the journey suite's tab in Firefox, then in WebKit (tests/engines.py; one launch of each
  engine for the run; JOURNEY_ENGINES=firefox runs one). It serves built_site on a server of its
  own that puts an error listener first in every page (tab.errors()), and sends https to a proxy
  that answers with a neutral page (neutral.visits: the addresses asked for).
"""
import types

import pytest

import engines
import support
from support import NEUTRAL_PAGE, build_failure, build_site, offline, project_config, serve, site_path, wait_for_scripts


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "any_settings: the result does not depend on the settings the suite runs with (SITE_SETTINGS);"
        " CI's second run, with tests/settings/project-site.yml, leaves these out (-m 'not any_settings')")


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory):
    """How strict_build is kept offline (support.offline): .env, .prefix, .way ("namespace" or
    "proxy") and .cards, its card cache, empty before the build."""
    cards = tmp_path_factory.mktemp("cards")
    env, prefix, way = offline(cards)
    return types.SimpleNamespace(env=env, prefix=prefix, way=way, cards=cards)


@pytest.fixture(scope="session")
def strict_build(tmp_path_factory, offline_build):
    """(site folder, build output) of the one strict build of the project, offline."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(project_config(), site, env=offline_build.env, prefix=offline_build.prefix)
    if result.returncode != 0:
        pytest.exit(build_failure(project_config(), result), returncode=1)
    return site, result.stdout + result.stderr


@pytest.fixture(scope="session")
def built_site(strict_build):
    return strict_build[0]


@pytest.fixture(scope="session")
def base_url(built_site):
    server = serve(built_site, prefix=site_path())
    yield server.url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = support.launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, base_url):
    contexts = []

    def open_(path="", width=390, height=844, color_scheme="light", javascript=True, hold=None,
              init_script=None, **context_options):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=color_scheme,
            java_script_enabled=javascript, service_workers="block", **context_options,
        )
        contexts.append(context)
        if init_script:  # runs in every document of the context before any of the page's scripts
            context.add_init_script(init_script)
        page = context.new_page()
        page.console_errors = []
        page.offsite_requests = []
        page.requests = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        page.on("request", lambda request: page.requests.append(request.url))

        def guard(route):
            if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                page.offsite_requests.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page.held = []
        if hold:  # requests matching this pattern get no answer (a slow line): page.held has them
            page.route(hold, lambda route: page.held.append(route))
        # A held script that was added before the load event holds the load event back too.
        page.goto(base_url + path.lstrip("/"), wait_until="domcontentloaded" if hold else "load")
        if javascript and not hold:
            wait_for_scripts(page)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def neutral():
    proxy = engines.NeutralProxy(NEUTRAL_PAGE)
    yield proxy
    proxy.close()


@pytest.fixture(scope="session", params=engines.engines_wanted())
def tab(request, built_site, neutral):
    name = request.param
    lines = engines.missing([name])
    if lines:
        pytest.fail(lines[0], pytrace=False)  # never a skip: a missing engine fails the suite
    server = serve(built_site, prefix=site_path(), first_script=engines.ERROR_LISTENER,
                   driver_eval=name in engines.DRIVER_EVALUATES_STRINGS)
    browser = engines.launch(name, server.url, neutral)
    yield browser
    browser.close()
    server.shutdown()
