"""The publishing workflow (.github/workflows/publish.yml) is sturdy: every action pinned to a
full commit SHA with its version noted, a time limit on every job, a deploy that never
cancels itself half-way and runs the publish guard, an audit that cannot hold back a deploy,
Node on an LTS line, and a weekly run that fails while a page is overdue for review."""
import re

import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job):
    return workflow()["jobs"][job]["steps"]


def test_every_action_is_pinned_to_a_commit_with_its_version_noted():
    uses = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses
    for line in uses:
        assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}\s+# v\d+(\.\d+){0,2}$", line), line


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


def test_the_audit_reports_but_does_not_hold_back_the_deploy():
    jobs = workflow()["jobs"]
    assert any("make audit" in step.get("run", "") for step in jobs["audit"]["steps"])
    assert "audit" not in str(jobs["deploy"].get("needs", ""))
    tests = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert "make test" in tests and "make test CONFIG=tests/settings/project-site.yml" in tests


def test_node_is_on_an_lts_line():
    versions = [step["with"]["node-version"] for job in workflow()["jobs"] for step in steps(job)
                if "setup-node" in step.get("uses", "")]
    assert versions and all(str(v) in ("22", "24") for v in versions), versions


def test_a_weekly_run_fails_while_a_page_is_overdue():
    flow = workflow()
    on = flow.get("on") or flow.get(True)  # YAML 1.1 reads the key `on` as true
    assert on["schedule"][0]["cron"].split()[4] not in ("*",), "not weekly"
    assert any(step.get("run") == "make review-check" for step in steps("review"))
