"""The publishing workflow (.github/workflows/publish.yml) passes zizmor, the ecosystem's audit
for GitHub Actions (pinned in requirements-dev.txt; every action pinned to a full commit SHA,
no token kept after checkout, no injection, no excessive permissions). What zizmor does not
check is checked here: each pinned action names its version, a time limit on every job, a
deploy that never cancels itself half-way and runs the publish guard, an audit that cannot hold
back a deploy, both settings tested in CI, Node on an LTS line, and a weekly run that fails
while the clinical sign-off or the help lines are overdue."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT

pytestmark = pytest.mark.any_settings  # the workflow files, whatever the settings

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "publish.yml"
ZIZMOR = Path(sys.executable).parent / "zizmor"


def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job):
    return workflow()["jobs"][job]["steps"]


def zizmor(folder):
    # The pedantic persona: every audit, with nothing suppressed.
    return subprocess.run([str(ZIZMOR), "--offline", "--persona=pedantic", "--no-progress", "--format", "plain", str(folder)],
                          capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing_in_the_workflows():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0 and "No findings to report" in result.stdout, result.stdout + result.stderr


def test_zizmor_does_audit_the_workflow(tmp_path):
    """The same audit on a copy whose checkouts keep their token (the default): zizmor must see it."""
    copy = tmp_path / ".github" / "workflows"
    copy.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    kept = re.sub(r"\n +with:\n +persist-credentials: false", "", text)
    assert kept != text
    (copy / "publish.yml").write_text(kept, encoding="utf-8")
    result = zizmor(copy)
    assert result.returncode != 0 and "artipacked" in result.stdout, result.stdout + result.stderr


def test_every_pinned_action_names_its_version():
    """zizmor --offline checks the pin, not the comment that says which version it is."""
    uses = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses
    for line in uses:
        assert re.search(r"@[0-9a-f]{40}\s+# v\d+(\.\d+){0,2}$", line), line


def test_every_job_has_a_time_limit():
    for name, job in workflow()["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int) and job["timeout-minutes"] <= 60, name


def test_the_deploy_never_cancels_itself_and_runs_the_publish_guard():
    flow = workflow()
    assert "concurrency" not in flow, "a workflow-wide group would cancel a deploy with the rest"
    deploy = flow["jobs"]["deploy"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    runs = [step.get("run", "") for step in deploy["steps"]]
    assert "make publish-check" in runs and runs.index("make publish-check") < runs.index("make build")
    pages = [step["uses"].split("@")[0] for step in deploy["steps"] if "pages" in step.get("uses", "")]
    assert pages == ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]


def test_the_audit_reports_but_does_not_hold_back_the_deploy_and_ci_tests_both_settings():
    jobs = workflow()["jobs"]
    assert any("make audit" in step.get("run", "") for step in jobs["audit"]["steps"])
    assert "audit" not in str(jobs["deploy"].get("needs", ""))
    tests = [step.get("run", "") for step in jobs["test"]["steps"]]
    # The second settings run the tests whose result depends on the settings (the rest ran above).
    assert "make test" in tests
    assert "make test CONFIG=tests/settings/project-site.yml PYTEST_ARGS='-m \"not any_settings\"'" in tests


def test_node_is_on_an_lts_line():
    versions = [step["with"]["node-version"] for job in workflow()["jobs"] for step in steps(job)
                if "setup-node" in step.get("uses", "")]
    assert versions and all(str(v) in ("22", "24") for v in versions), versions


def test_a_weekly_run_fails_while_a_page_is_overdue():
    flow = workflow()
    on = flow.get("on") or flow.get(True)  # YAML 1.1 reads the key `on` as true
    assert on["schedule"][0]["cron"].split()[4] not in ("*",), "not weekly"
    assert any(step.get("run") == "make review-check" for step in steps("review"))
