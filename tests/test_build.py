"""The strict build passes and prints no warning."""


def test_strict_build_passes_without_warnings(strict_build):
    built_site, log = strict_build
    assert "WARNING" not in log, log
    assert (built_site / "index.html").exists()
    assert (built_site / "404.html").exists()


def test_materials_bundle_carries_the_compile_hint(built_site):
    """hooks/compile_hint.py: V8 compiles Material's bundle while it downloads (its first line)."""
    bundles = sorted(built_site.glob("assets/javascripts/bundle.*.min.js"))
    assert bundles, "no Material bundle in the built site"
    for bundle in bundles:
        assert bundle.read_text(encoding="utf-8").startswith("//# allFunctionsCalledOnLoad\n"), bundle.name
