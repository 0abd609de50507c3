r"""Measure the site on a generated newsroom and write a table of the figures.

Run from the repository root, on the database the site is configured for
(DATABASE_URL, or the default SQLite file; make one with
`manage.py generate_newsroom`):

    .venv/bin/python bench/site_benchmark.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_bench \
        .venv/bin/python bench/site_benchmark.py

It runs four steps, each with the production settings (DEBUG off):

1. In process, through Django's test client with the page cache off: p50 and
   p95 time and the number of queries of every public page, each filtered
   listing and the main admin pages, against the targets (public pages 50 ms,
   admin pages 300 ms at p95).
2. Served by gunicorn (two sync workers) and measured with wrk (-t2 -c8):
   requests per second and p50/p99 latency of a bare Django view and of the
   article, home, person and search pages, once with the page cache off and
   once with it on (warmed), each as a ratio to the bare view.
3. Entity suggestion: scanning a 1,000-word story against 100,000 names.
4. The peak memory of a gunicorn worker after step 2.

The figures go to stdout as markdown and to bench/results/<date>-<database>.md.
The benchmark adds one superuser, "bench-admin", to the database, to open the
admin pages.
"""

import argparse
import datetime
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from environment import (
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

RATIO_UNCACHED = 0.15
RATIO_CACHED = 0.8
SUGGEST_TARGET_MS = 50
WORKER_MEMORY_TARGET_MB = 150


def progress(message):
    print(message, file=sys.stderr, flush=True)


def verdict(ok):
    return "pass" if ok else "**miss**"


def percentile_95(samples):
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


# --- Step 1: in process -------------------------------------------------------


def time_page(client, page, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm-up: imports, template compilation, database caches
        client.get(page.url)
    # As gunicorn.conf.py does before forking a worker: what is loaded by now
    # lives as long as the process, and full collections need not walk it.
    gc.collect()
    gc.freeze()
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(page.url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(page.url)
    return {
        "status": response.status_code,
        "p50": statistics.median(timings),
        "p95": percentile_95(timings),
        "queries": len(queries),
        "slowest": max(queries.captured_queries, key=lambda q: float(q["time"]), default=None),
    }


def in_process(pages, requests, verbose=False):
    from django.test import Client
    from environment import bench_user

    anonymous = Client()
    staff = Client()
    staff.force_login(bench_user())
    rows = []
    for number, page in enumerate(pages, 1):
        if page.url is None:
            progress(f"  [{number}/{len(pages)}] {page.label}: not available")
            rows.append((page, None))
            continue
        figures = time_page(staff if page.admin else anonymous, page, requests)
        progress(
            f"  [{number}/{len(pages)}] {page.label}: p95 {figures['p95']:.1f} ms, "
            f"{figures['queries']} queries"
        )
        slowest = figures["slowest"]
        if verbose and slowest:
            took = float(slowest["time"]) * 1000
            progress(f"      slowest query, {took:.0f} ms: {slowest['sql'][:300]}")
        rows.append((page, figures))
    return rows


def in_process_table(rows, requests):
    lines = [
        f"### In process (Django test client, page cache off, {requests} requests each)",
        "",
        "| Page | Address | Status | p50 ms | p95 ms | Queries | Target p95 | Result |",
        "| ---- | ------- | -----: | -----: | -----: | ------: | ---------: | ------ |",
    ]
    for page, figures in rows:
        if figures is None:
            empty = " - |" * 5
            lines.append(f"| {page.label} |{empty} {page.target_ms} ms | not available |")
            continue
        ok = figures["status"] == 200 and figures["p95"] <= page.target_ms
        lines.append(
            f"| {page.label} | `{page.url}` | {figures['status']} | {figures['p50']:.1f} "
            f"| {figures['p95']:.1f} | {figures['queries']} | {page.target_ms} ms | {verdict(ok)} |"
        )
    return lines


# --- Steps 2 and 4: served by gunicorn ------------------------------------------


def serve_and_measure(pages, duration, log_dir):
    from serving import Gunicorn, run_wrk

    measured = {"bare": "/bench/bare/"}
    measured.update(
        {p.label: p.url for label in SERVED for p in pages if p.label == label and p.url}
    )
    rows, memory = [], []
    for cached in (False, True):
        env = production_environment(page_cache=cached)
        log = Path(log_dir) / f"gunicorn-{'cached' if cached else 'uncached'}.log"
        progress(f"Serving with gunicorn, page cache {'on' if cached else 'off'} (log: {log})")
        with Gunicorn(env, log) as server:
            for label, url in measured.items():
                # Warm up: the workers' first requests compile templates, and with
                # the cache on, the first request of a page fills it.
                try:
                    for _ in range(4):
                        status, headers = server.get(url)
                    cache_header = headers.get("X-Cache", "")
                except OSError as error:
                    progress(f"  {label}: warm-up request failed ({error}); measuring anyway")
                    status, cache_header = "failed", ""
                progress(f"  wrk {label} ({duration} s)...")
                figures = run_wrk(server.base_url + url, duration)
                rows.append((label, url, cached, status, cache_header, figures))
            memory += server.worker_memory_mb()
    return rows, memory


SERVED = ["article", "home", "person", "search"]


def served_table(rows, duration):
    lines = [
        f"### Served (gunicorn, 2 sync workers; wrk -t2 -c8 -d{duration}s)",
        "",
        "| Page | Page cache | Status | X-Cache | req/s | x bare | p50 ms | p99 ms "
        "| Non-2xx | Socket errors | Target | Result |",
        "| ---- | ---------- | -----: | ------- | ----: | -----: | -----: | -----: "
        "| ------: | ------------: | ------ | ------ |",
    ]
    bare = {cached: figures["rps"] for label, _, cached, _, _, figures in rows if label == "bare"}
    for label, _url, cached, status, cache_header, figures in rows:
        ratio = figures["rps"] / bare[cached] if bare.get(cached) else 0
        target, result = "", ""
        if label == "article":
            needed = RATIO_CACHED if cached else RATIO_UNCACHED
            target = f"≥ {needed}x bare"
            result = verdict(ratio >= needed and not figures["non_ok"])
            if cached and cache_header != "hit":
                result += " (no X-Cache: hit: the page cache is not active)"
        lines.append(
            f"| {label} | {'on' if cached else 'off'} | {status} | {cache_header or '-'} "
            f"| {figures['rps']:.0f} | {ratio:.2f} | {figures['p50']:.1f} | {figures['p99']:.1f} "
            f"| {figures['non_ok']} | {figures['socket_errors']} | {target} | {result} |"
        )
    return lines


def memory_table(memory):
    if not memory:
        return ["### Worker memory", "", "Not measured (no workers found)."]
    peak = max(p for p, _ in memory)
    pss = max(s for _, s in memory)
    return [
        "### Worker memory (after the served measurements)",
        "",
        "| Figure | MB | Target | Result |",
        "| ------ | -: | ------ | ------ |",
        f"| Peak resident set of a worker (VmHWM, largest of {len(memory)}) | {peak:.0f} "
        f"| ≤ {WORKER_MEMORY_TARGET_MB} MB | {verdict(peak <= WORKER_MEMORY_TARGET_MB)} |",
        f"| Proportional set size of a worker (shared pages split) | {pss:.0f} | | |",
    ]


# --- Step 3: entity suggestion ---------------------------------------------------


def suggestion(names_count, runs):
    import suggest

    from entities.matching import EntityMatcher

    progress(f"Entity suggestion: building the matcher from {names_count:,} names...")
    names = suggest.synthetic_names(names_count, seed=2026)
    started = time.perf_counter()
    matcher = EntityMatcher(names)
    build = time.perf_counter() - started
    text, _picked = suggest.story(names, 1000, 20, seed=2026)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        matcher.find(text)
        timings.append((time.perf_counter() - started) * 1000)
    p95 = percentile_95(timings)
    return [
        "### Entity suggestion",
        "",
        "| Names | Story | Build s | find() p50 ms | find() p95 ms | Target p95 | Result |",
        "| ----: | ----- | ------: | ------------: | ------------: | ---------- | ------ |",
        f"| {names_count:,} | {len(text.split()):,} words | {build:.1f} "
        f"| {statistics.median(timings):.2f} | {p95:.2f} | ≤ {SUGGEST_TARGET_MS} ms "
        f"| {verdict(p95 <= SUGGEST_TARGET_MS)} |",
    ]


# --- Report ----------------------------------------------------------------------


def header(vendor, figures, today):
    import django

    counts = ", ".join(f"{count:,} {name}" for name, count in figures.items())
    return [
        f"## Newsdesk benchmark, {today:%Y-%m-%d}, {vendor}",
        "",
        f"- Newsroom: {counts}",
        f"- Revision {git_revision()}; Python {platform.python_version()}, "
        f"Django {django.get_version()}; {platform.machine()}, "
        f"{os.cpu_count()} cores",
        "- Only figures from a quiet machine are comparable from run to run.",
    ]


def _chosen(label, text):
    return label == text or label.startswith(f"{text}:")


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=50,
        metavar="N",
        help="timed requests per page in process (default: 50)",
    )
    parser.add_argument(
        "--duration",
        type=int,
        default=10,
        metavar="SECONDS",
        help="length of each wrk run (default: 10)",
    )
    parser.add_argument(
        "--names",
        type=int,
        default=100_000,
        metavar="N",
        help="names the entity matcher is built from (default: 100,000)",
    )
    parser.add_argument("--skip-inprocess", action="store_true", help="skip step 1")
    parser.add_argument(
        "--skip-wrk", action="store_true", help="skip steps 2 and 4 (gunicorn and wrk)"
    )
    parser.add_argument("--skip-suggest", action="store_true", help="skip step 3")
    parser.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="where to write the markdown (default: bench/results/<date>-<database>.md)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="measure only the page labelled TEXT, or the group of pages whose labels start "
        "with 'TEXT:', e.g. --only admin --only article (repeatable; the bare view is "
        "always served)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="print each page's slowest query while measuring"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any figure misses its target"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    setup_django(page_cache=False)
    import pages
    from serving import WRK_MISSING, find_wrk

    require_newsroom()
    vendor = database_vendor()
    prepare_database()
    collect_static(production_environment())
    today = datetime.date.today()
    lines = header(vendor, scale(), today)

    progress("Picking the pages to measure...")
    objects = pages.heavy_objects()
    public = pages.public_pages(objects)
    admin = pages.admin_pages(objects)
    if args.only:
        public, admin = (
            [page for page in chosen if any(_chosen(page.label, text) for text in args.only)]
            for chosen in (public, admin)
        )

    if not args.skip_inprocess:
        progress(f"Step 1: in process, {args.requests} requests per page")
        rows = in_process([*public, *admin], args.requests, args.verbose)
        lines += ["", *in_process_table(rows, args.requests)]

    if args.skip_wrk:
        progress("Steps 2 and 4 skipped (--skip-wrk).")
    elif not find_wrk():
        progress(WRK_MISSING)
        lines += ["", "### Served", "", "Skipped: wrk is not installed (apt-get install wrk)."]
    else:
        prepare_database()
        # Kept afterwards: the logs are where a failed request's traceback is.
        log_dir = tempfile.mkdtemp(prefix="newsdesk-bench-")
        rows, memory = serve_and_measure(public, args.duration, log_dir)
        lines += ["", *served_table(rows, args.duration), "", *memory_table(memory)]

    if not args.skip_suggest:
        lines += ["", *suggestion(args.names, runs=50)]

    report = "\n".join(lines) + "\n"
    print(report)
    output = args.output or results_path("", vendor, today)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    progress(f"Written to {output}")
    if args.strict and "**miss**" in report:
        sys.exit(1)


if __name__ == "__main__":
    main()
