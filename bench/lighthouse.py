"""Lighthouse on the pages people read, for `make lighthouse` (scripts/lighthouse).

gunicorn in production mode on a fresh database (bench/run.py's helpers), one
decision made through the real pages (start, every question, details, check,
verdict) and shared, then Lighthouse's mobile profile on the start page, a
question page and the verdict page (with that browser's session cookie) and the
shared page. Each page's category scores, timings and the audits below full
marks go to bench/results/lighthouse.json, which bench/doc.py turns into the
Lighthouse section of docs/benchmarks.md.

Environment: LIGHTHOUSE (the command; scripts/lighthouse installs it),
CHROME_PATH (the browser it drives), BENCH_DB (sqlite, postgres),
LIGHTHOUSE_RUNS (3 per page; the median run is kept),
BENCH_WRITE_DOC (1; 0 prints only and keeps no record), BENCH_KEEP (1 keeps
the temporary directory with the logs and the full reports).
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import doc, run  # noqa: E402
from tests.answers import DECLINE_ANSWERS  # noqa: E402

# No background traffic of the browser's own to blur the page's.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-background-networking "
    "--disable-component-update --no-first-run"
)
DETAILS = {
    "role_title": "Account Manager",
    "company_name": "Acme Widgets",
    "contact_name": "Ms Patel",
    "your_name": "Sam Jones",
}


class Browser:
    """One visitor's cookies, sending the site's forms with their CSRF token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str) -> str:
        response = self.session.get(self.base_url + path, allow_redirects=False)
        if response.status_code != 200:
            sys.exit(f"GET {path} answered {response.status_code}, expected 200")
        return response.text

    def submit(
        self, path: str, data: dict[str, str] | None = None, *, on: str = ""
    ) -> str:
        """Read the page with the form (`on`, or else `path` itself), send the
        form to `path`: where the visitor goes next."""
        self.get(on or path)
        token = self.session.cookies["csrftoken"]
        response = self.session.post(
            self.base_url + path,
            data={"csrfmiddlewaretoken": token, **(data or {})},
            allow_redirects=False,
        )
        if response.status_code != 302:
            sys.exit(f"POST {path} answered {response.status_code}, expected 302")
        return response.headers["Location"]

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)


def make_decision(browser: Browser) -> list[tuple[str, str, bool]]:
    """Start, answer every question, give the details, confirm, share: the pages
    to measure, each with its name and whether it is the owner's (loaded with
    the owner's cookies) or a new visitor's."""
    browser.get("/")
    path = browser.submit("/start/", {"answer": DECLINE_ANSWERS["employment"]})
    question_path = path
    while "/questions/" in path:
        question_id = path.rstrip("/").rsplit("/", 1)[1]
        path = browser.submit(path, {"answer": DECLINE_ANSWERS[question_id]})
    path = browser.submit(path, DETAILS)
    verdict_path = browser.submit(path)
    share_path = verdict_path.replace("/verdict/", "/share/")
    browser.submit(share_path, {"include_company": "on"}, on=verdict_path)
    shared_path = re.search(r'(/s/[^/"]+/)"', browser.get(verdict_path))
    if shared_path is None:
        sys.exit(f"No share link on {verdict_path}")
    return [
        ("start page", "/", False),
        ("question page", question_path, True),
        ("verdict page", verdict_path, True),
        ("shared page", shared_path[1], False),
    ]


def browser_version() -> str:
    """The browser's name and full version (the user agent that Lighthouse
    reports rounds it to 150.0.0.0)."""
    chrome = os.environ.get("CHROME_PATH", "chromium")
    result = subprocess.run([chrome, "--version"], capture_output=True, text=True)
    return result.stdout.split(" built ", 1)[0].strip()


def lighthouse(url: str, report_path: Path, headers_path: Path | None) -> dict:
    """Lighthouse's full report on one page, mobile profile (its default), sending
    the headers in the file at `headers_path` if given."""
    command = [
        os.environ.get("LIGHTHOUSE", "lighthouse"),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(doc.LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    if headers_path:
        command.append(f"--extra-headers={headers_path}")
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stdout}{result.stderr}")
    return json.loads(report_path.read_text())


def summary(report: dict) -> dict:
    """What to keep of a report: each category's score out of 100, the audits
    that scored below full marks, and the timings the performance score weighs."""
    audits = report["audits"]
    scores, failing = {}, {}
    for name, category in report["categories"].items():
        score = category["score"]
        scores[name] = None if score is None else round(score * 100)
        below = [
            ref["id"]
            for ref in category["auditRefs"]
            if ref["weight"] > 0
            and audits[ref["id"]]["scoreDisplayMode"] != "notApplicable"
            and (audits[ref["id"]]["score"] or 0) < 1
        ]
        if below:
            failing[name] = below
    metrics = {
        name: audits[name].get("displayValue", "–") for name in doc.LIGHTHOUSE_TIMINGS
    }
    return {"scores": scores, "failing": failing, "metrics": metrics}


def median_run(summaries: list[dict]) -> dict:
    """The run with the median performance score: a busy machine slows some
    runs' main thread, as Lighthouse's own advice on variability says."""
    ranked = sorted(summaries, key=lambda run: run["scores"]["performance"] or 0)
    return ranked[len(ranked) // 2]


def measure(base_url: str, workdir: Path) -> tuple[dict, list[dict]]:
    """The Lighthouse run's settings, and each page's summary."""
    browser = Browser(base_url)
    pages = make_decision(browser)
    # A file, so the session cookie isn't on a command line for all to see.
    headers_path = workdir / "headers.json"
    headers_path.write_text(json.dumps({"Cookie": browser.cookie_header()}))
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    results = []
    for page, path, owners in pages:
        print(f"Lighthouse: {page}, {runs} runs", flush=True)
        headers = headers_path if owners else None
        summaries = []
        for number in range(1, runs + 1):
            report_path = workdir / f"{page.replace(' ', '-')}-{number}.report.json"
            report = lighthouse(base_url + path, report_path, headers)
            summaries.append(summary(report))
        results.append({"page": page, **median_run(summaries)})
    settings = {
        "runs": runs,
        "lighthouse": report["lighthouseVersion"],
        "browser": browser_version(),
        "form_factor": report["configSettings"]["formFactor"],
        "throttling": report["configSettings"]["throttlingMethod"],
    }
    return settings, results


def main() -> None:
    db = run.database_kind()
    run.collect_static()
    config = run.gunicorn_config()
    workdir = Path(tempfile.mkdtemp(prefix="interviewdecider-lighthouse-"))
    try:
        with run.database(db, workdir) as database_url:
            env = run.server_env(database_url, config["workers"], config["threads"])
            run.manage(env, "manage.py", "migrate", "--noinput")
            with run.gunicorn(env, workdir / "gunicorn.log") as (base_url, _):
                settings, pages = measure(base_url, workdir)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}", file=sys.stderr)
    record = {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": "{cpus} CPUs ({model})".format(**run.machine()),
        "db": doc.DATABASES[db],
        **settings,
        "pages": pages,
    }
    print("\n" + doc.lighthouse_table(record))
    if os.environ.get("BENCH_WRITE_DOC", "1") != "1":
        return
    doc.RESULTS_DIR.mkdir(exist_ok=True)
    doc.LIGHTHOUSE_RESULT.write_text(json.dumps(record, indent=2) + "\n")
    doc.write()
    print(f"Wrote {doc.DOC.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
