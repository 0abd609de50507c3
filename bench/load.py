"""Load test: 10,000 requests at 32 connections while an editor publishes and edits.

Run from the repository root, on a generated newsroom (see
`manage.py generate_newsroom`), on the configured database (DATABASE_URL, or
the default SQLite file):

    .venv/bin/python bench/load.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_bench .venv/bin/python bench/load.py

It serves the site with gunicorn (production settings, page cache on) on a free
loopback port and sends it a fixed number of requests with wrk, cycling through
article, person and event pages, the home page, the people and event lists,
search (when the site has it) and the feeds. Meanwhile an editor, in this
process, edits a published article's standfirst and takes another through
unpublish, back to draft, review and publish again, through the same code the
admin uses (`articles.workflow`), every --edit-interval seconds.

It passes (exit status 0) only if no response was a 5xx, wrk saw no socket
errors or timeouts, the editor met no error and gunicorn's log has no error or
traceback; the figures go to stdout as markdown and to
bench/results/<date>-load-<database>.md.
"""

import argparse
import datetime
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from environment import (
    ROOT,
    bench_user,
    collect_static,
    database_vendor,
    git_revision,
    prepare_database,
    production_environment,
    require_newsroom,
    results_path,
    scale,
    setup_django,
)

LOG_ERROR = re.compile(r"Traceback|\[ERROR\]|\[CRITICAL\]|\bERROR\b|Internal Server Error")


def progress(message):
    print(message, file=sys.stderr, flush=True)


class Editor(threading.Thread):
    """Edits and republishes published articles until told to stop."""

    MARK = " (Updated.)"

    def __init__(self, interval, seed):
        super().__init__(name="editor", daemon=True)
        self.interval = interval
        self.rng = random.Random(seed)
        self.stopping = threading.Event()
        self.edits = self.publishes = self.refused = 0
        self.errors = []

    def run(self):
        from django.db import connection

        try:
            self.user = bench_user()
            candidates = self.published_pks()
            while not self.stopping.is_set():
                self.step(candidates)
                self.stopping.wait(self.interval)
        finally:
            connection.close()

    def published_pks(self):
        from articles.models import Article

        return list(
            Article.objects.published()
            .order_by("-published_at")
            .values_list("pk", flat=True)[:2000]
        )

    def step(self, candidates):
        from articles import workflow
        from articles.models import Article

        try:
            article = Article.objects.get(pk=self.rng.choice(candidates))
            if article.standfirst.endswith(self.MARK):
                article.standfirst = article.standfirst.removesuffix(self.MARK)
            else:
                article.standfirst += self.MARK
            article._change_reason = "Load test edit."
            article.save()
            self.edits += 1

            article = Article.objects.get(pk=self.rng.choice(candidates))
            if article.status != Article.Status.PUBLISHED:
                return
            for action, note in [
                ("unpublish", "Load test: a correction."),
                ("redraft", ""),
                ("submit", ""),
                # An editor publishes over the copy desk's open items with a
                # reason, so every round republishes, as on the old revisions.
                ("publish", "Load test: republished after a correction."),
            ]:
                workflow.apply(article, self.user, action, note=note)
            self.publishes += 1
        except workflow.TransitionError:
            # The copy desk may hold a generated story back; that is the workflow working.
            self.refused += 1
        except Exception:
            self.errors.append(traceback.format_exc())


def run_wrk(base_url, urls_file, requests, connections, threads, max_seconds):
    from serving import find_wrk

    progress_prefix = f"{urls_file.parent}/progress-"
    command = [
        find_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max_seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "load.lua"),
        base_url,
        "--",
        str(urls_file),
        str(requests),
        str(threads),
        progress_prefix,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    last_report = time.monotonic()
    while process.poll() is None:
        time.sleep(0.2)
        counts = [path.read_text() for path in Path(urls_file.parent).glob("progress-*")]
        if len(counts) == threads and all(count == "done" for count in counts):
            # Every thread has its share; wrk would otherwise wait out -d.
            process.send_signal(signal.SIGINT)
            break
        if time.monotonic() - last_report >= 10:
            answered = sum(requests // threads if c == "done" else int(c or 0) for c in counts)
            progress(f"  about {answered:,} of {requests:,} requests answered")
            last_report = time.monotonic()
    output, _ = process.communicate()
    line = re.search(r"^LOAD (.*)$", output, re.MULTILINE)
    if not line:
        raise RuntimeError(f"wrk printed no summary:\n{output}")
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line.group(1))}


def log_errors(log_path):
    return [line for line in Path(log_path).read_text().splitlines() if LOG_ERROR.search(line)]


def report(vendor, counts, args, distinct_urls, figures, editor, errors_in_log, today):
    socket_errors = int(
        figures["errors_connect"]
        + figures["errors_read"]
        + figures["errors_write"]
        + figures["errors_timeout"]
    )
    complete = int(figures["responses"]) == args.requests
    checks = [
        ("all requests answered", complete),
        ("no 5xx responses", figures["status_5xx"] == 0),
        ("no socket errors or timeouts", socket_errors == 0),
        ("no editor errors", not editor.errors),
        ("no errors in the server log", not errors_in_log),
    ]
    newsroom = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    lines = [
        f"## Newsdesk load test, {today:%Y-%m-%d}, {vendor}",
        "",
        f"- Newsroom: {newsroom}; revision {git_revision()}",
        f"- gunicorn, {args.workers} sync workers, production settings, page cache on; "
        f"wrk -t{args.threads} -c{args.connections}, {args.requests:,} requests "
        f"over {distinct_urls} distinct addresses",
        f"- Editor: an edit and a republish every {args.edit_interval} s",
        "",
        "| Figure | Value |",
        "| ------ | ----: |",
        f"| Responses counted | {int(figures['responses']):,} |",
        f"| Time | {figures['duration_s']:.1f} s |",
        f"| Requests/s | {figures['responses'] / figures['duration_s']:.0f} |",
        f"| Page cache hits / pages made | {int(figures['cache_hits']):,} / "
        f"{int(figures['cache_misses']):,} |",
        f"| Latency p50 | {figures['p50_ms']:.1f} ms |",
        f"| Latency p99 | {figures['p99_ms']:.1f} ms |",
        f"| Latency max | {figures['max_ms']:.1f} ms |",
        f"| 2xx / 3xx / 4xx | {int(figures['status_2xx']):,} / {int(figures['status_3xx']):,} "
        f"/ {int(figures['status_4xx']):,} |",
        f"| **5xx** | {int(figures['status_5xx'])} |",
        f"| **Socket errors and timeouts** | {socket_errors} |",
        f"| Editor edits / republishes / held by the copy desk | {editor.edits} / "
        f"{editor.publishes} / {editor.refused} |",
        f"| **Editor errors** | {len(editor.errors)} |",
        f"| **Error lines in the server log** | {len(errors_in_log)} |",
        "",
        *(f"- {name}: {'pass' if ok else '**FAIL**'}" for name, ok in checks),
    ]
    if errors_in_log:
        lines += ["", "Server log errors (first 20):", "", "```", *errors_in_log[:20], "```"]
    if editor.errors:
        lines += ["", "Editor errors (first 3):", "", "```", *editor.errors[:3], "```"]
    return "\n".join(lines) + "\n", all(ok for _, ok in checks)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--requests", type=int, default=10_000, metavar="N", help="default: 10,000")
    parser.add_argument(
        "--connections", type=int, default=32, metavar="N", help="open connections (default: 32)"
    )
    parser.add_argument(
        "--threads", type=int, default=2, metavar="N", help="wrk threads (default: 2)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, metavar="N", help="gunicorn workers (default: 2)"
    )
    parser.add_argument(
        "--max-seconds",
        type=int,
        default=300,
        metavar="SECONDS",
        help="stop wrk after this long even if requests remain; the run then fails (default: 300)",
    )
    parser.add_argument(
        "--edit-interval",
        type=float,
        default=0.5,
        metavar="SECONDS",
        help="pause between the editor's rounds (default: 0.5)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed for the choice of pages")
    parser.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="where to write the markdown (default: bench/results/<date>-load-<database>.md)",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    setup_django(page_cache=True)
    import pages
    from serving import WRK_MISSING, Gunicorn, find_wrk

    if not find_wrk():
        progress(WRK_MISSING)
        sys.exit(2)
    require_newsroom()
    vendor = database_vendor()
    prepare_database()
    env = production_environment(page_cache=True)
    collect_static(env)
    today = datetime.date.today()
    counts = scale()

    progress("Picking the pages to request...")
    urls = pages.load_mix(pages.heavy_objects(), random.Random(args.seed))
    work_dir = Path(tempfile.mkdtemp(prefix="newsdesk-load-"))
    urls_file = work_dir / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n")
    log_path = work_dir / "gunicorn.log"

    progress(f"Starting gunicorn with {args.workers} workers (log: {log_path})")
    with Gunicorn(env, log_path, workers=args.workers, max_requests=2000) as server:
        editor = Editor(args.edit_interval, args.seed)
        editor.start()
        progress(
            f"wrk: {args.requests:,} requests at {args.connections} connections "
            f"(at most {args.max_seconds} s), the editor working alongside..."
        )
        started = time.monotonic()
        figures = run_wrk(
            server.base_url,
            urls_file,
            args.requests,
            args.connections,
            args.threads,
            args.max_seconds,
        )
        progress(f"  done in {time.monotonic() - started:.0f} s")
        editor.stopping.set()
        editor.join(timeout=60)
    errors_in_log = log_errors(log_path)

    text, passed = report(
        vendor, counts, args, len(set(urls)), figures, editor, errors_in_log, today
    )
    print(text)
    output = args.output or results_path("load", vendor, today)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    progress(f"Written to {output}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
