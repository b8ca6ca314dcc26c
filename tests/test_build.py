"""The strict build passes and prints no warning."""


def test_strict_build_passes_without_warnings(strict_build):
    built_site, log = strict_build
    assert "WARNING" not in log, log
    assert (built_site / "index.html").exists()
    assert (built_site / "404.html").exists()
