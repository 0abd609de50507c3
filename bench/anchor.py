r"""Newsdesk beside Wagtail's bakerydemo and a bare Django view, served the same way.

Run from the repository root, on a generated newsroom (see
`manage.py generate_newsroom`) in the configured database (DATABASE_URL, or the
SQLite file in NEWSDESK_VAR_DIR), with a checkout of bakerydemo
(git clone https://github.com/wagtail/bakerydemo.git):

    .venv/bin/python bench/anchor.py --bakerydemo ../bakerydemo
    BAKERYDEMO_DIR=../bakerydemo .venv/bin/python bench/anchor.py --rounds 2 --duration 5

The first run prepares the checkout (its own .venv with its requirements from
PyPI and gunicorn, its migrations, static files and initial data; a few
minutes); later runs reuse all of it. bakerydemo needs a newer Python than
Newsdesk (its runtime.txt says which); if the first `python3.13`, `python3.12`
or `python3` on PATH is too old, name one with --bakerydemo-python.

Three servers run side by side, each gunicorn with two sync workers, this
site's newsdesk/gunicorn.conf.py and production settings (DEBUG off):
bakerydemo (its production settings, its SQLite database, its initial data),
Newsdesk with the page cache off (PAGE_CACHE_SECONDS=0) and Newsdesk with the
page cache on. Each page is warmed up, then measured with
`wrk -t2 -c8 --latency` for --duration seconds, in --rounds interleaved rounds:
every round visits every page once, in turn, so drift on a shared machine
falls on all pages alike. A page's figures are the median of its rounds.

The pages: a bare Django view (the reference), bakerydemo's first blog post,
and Newsdesk's heaviest article, person, organisation and event (most quoted,
most positions, most speakers), its home page and a search, uncached; and the
article again as a page-cache hit. Queries are counted in process, after two
warm-up requests, with each site's own interpreter.

The table goes to stdout and to bench/results/<date>-anchor-<sqlite|postgresql>.md,
with the machine, both revisions, the newsroom's scale and the command line.
"""

import argparse
import datetime
import os
import platform
import shlex
import statistics
import sys
import tempfile
from dataclasses import dataclass
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

BARE = "bare"
ANCHOR = "bakerydemo"
# The servers a row is served by.
BAKERYDEMO, UNCACHED, CACHED = "bakerydemo", "uncached", "cached"
# Newsdesk's pages, by the labels of bench/pages.py, as (key, page label, server).
NEWSDESK_ROWS = [
    ("article", "article", UNCACHED),
    ("home", "home", UNCACHED),
    ("person", "person", UNCACHED),
    ("organisation", "organisation", UNCACHED),
    ("event", "event", UNCACHED),
    ("search", "search", UNCACHED),
    ("cache-hit", "article", CACHED),
]
# The targets of issue 15: at least this many times the bare view, and the anchor.
TARGETS = {
    "article": (0.15, 8),
    "home": (0.1, None),
    "person": (0.1, None),
    "organisation": (0.1, None),
    "event": (0.1, None),
    "search": (0.1, None),
}


@dataclass(frozen=True)
class Row:
    key: str  # what --only names
    title: str  # the table's first column
    server: str
    url: str
    queries: int | None = None


@dataclass
class Figures:
    """One row's wrk runs, one per round."""

    runs: list

    @property
    def rps(self):
        return statistics.median(run["rps"] for run in self.runs)

    @property
    def p50(self):
        return statistics.median(run["p50"] for run in self.runs)

    @property
    def failures(self):
        return sum(run["non_ok"] + run["socket_errors"] for run in self.runs)


def progress(message):
    print(message, file=sys.stderr, flush=True)


def title(key):
    if key == BARE:
        return "bare Django view (reference)"
    if key == ANCHOR:
        return "bakerydemo blog post"
    if key == "cache-hit":
        return "Newsdesk article, page cache hit"
    return f"Newsdesk {key}, uncached"


def schedule(rows, rounds):
    """The order of the wrk runs: every round visits every row once, in the rows' order."""
    return [(number, row) for number in range(1, rounds + 1) for row in rows]


def chosen_keys(only):
    """The Newsdesk rows to measure; the bare view and bakerydemo are always measured."""
    keys = [key for key, _, _ in NEWSDESK_ROWS]
    if not only:
        return keys
    unknown = sorted(set(only) - set(keys) - {BARE, ANCHOR})
    if unknown:
        raise ValueError(
            f"--only {', '.join(unknown)}: not a page of this benchmark "
            f"(choose from {', '.join(keys)})"
        )
    return [key for key in keys if key in only]


# --- Verdicts and the table --------------------------------------------------------


def ratio(value, reference):
    return value / reference if reference else float("nan")


def verdict(key, to_bare, to_anchor, failures=0):
    """'met', '**missed**' or '' (no target) for a row's ratios."""
    if key not in TARGETS:
        return ""
    need_bare, need_anchor = TARGETS[key]
    met = to_bare >= need_bare and (need_anchor is None or to_anchor >= need_anchor)
    if failures:
        return f"**missed** ({failures:,} failed requests)"
    return "met" if met else "**missed**"


def target_text(key):
    if key not in TARGETS:
        return ""
    need_bare, need_anchor = TARGETS[key]
    text = f"≥ {need_bare}x bare"
    return text + (f", ≥ {need_anchor}x bakerydemo" if need_anchor is not None else "")


def format_rps(value):
    return f"{value:,.0f}" if value >= 1000 else f"{value:.1f}"


def format_ratio(value):
    if value != value:  # nan: nothing to compare with
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def table(rows, figures):
    """The markdown table: one line a row, ratios to the bare view and to bakerydemo."""
    bare = figures[BARE].rps
    anchor = figures[ANCHOR].rps
    lines = [
        "| page | req/s | x bare Django view | x bakerydemo blog post | p50 ms | queries "
        "| target | result |",
        "| ---- | ----: | -----------------: | ---------------------: | -----: | ------: "
        "| ------ | ------ |",
    ]
    for row in rows:
        measured = figures[row.key]
        to_bare, to_anchor = ratio(measured.rps, bare), ratio(measured.rps, anchor)
        queries = "-" if row.queries is None else str(row.queries)
        lines.append(
            f"| {row.title} | {format_rps(measured.rps)} | {format_ratio(to_bare)} "
            f"| {format_ratio(to_anchor)} | {measured.p50:,.1f} | {queries} "
            f"| {target_text(row.key)} "
            f"| {verdict(row.key, to_bare, to_anchor, measured.failures)} |"
        )
    return lines


def rounds_table(rows, figures):
    """Each round's req/s, to show how much the machine drifted."""
    count = len(next(iter(figures.values())).runs)
    numbers = " | ".join(f"round {n}" for n in range(1, count + 1))
    lines = [f"| page | {numbers} |", "| ---- |" + " ---: |" * count]
    for row in rows:
        runs = " | ".join(format_rps(run["rps"]) for run in figures[row.key].runs)
        lines.append(f"| {row.title} | {runs} |")
    return lines


def failures_note(rows, figures):
    failed = [
        f"{row.title}: {figures[row.key].failures:,}" for row in rows if figures[row.key].failures
    ]
    if not failed:
        return "Every request was answered with a 2xx or 3xx status, without socket errors."
    return "**Failed requests** (non-2xx/3xx or socket errors): " + "; ".join(failed) + "."


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def shareable_command(argv):
    """The command line, with the paths of this machine (checkout, output) left out."""
    words, hide_next = [".venv/bin/python", "bench/anchor.py"], False
    for word in argv:
        if hide_next:
            words.append(hide_next)
            hide_next = False
            continue
        option, equals, _value = word.partition("=")
        placeholder = PATH_OPTIONS.get(option)
        if placeholder and equals:
            words.append(f"{option}={placeholder}")
        elif placeholder:
            words.append(word)
            hide_next = placeholder
        else:
            words.append(shlex.quote(word))
    return " ".join(words)


PATH_OPTIONS = {
    "--bakerydemo": "BAKERYDEMO",
    "--bakerydemo-python": "PYTHON",
    "--output": "FILE",
}


# --- The machine -----------------------------------------------------------------


def machine():
    def first(path, pattern):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(pattern):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return None

    memory_kb = first("/proc/meminfo", "MemTotal")
    memory = f"{int(memory_kb.split()[0]) / 1024**2:.1f} GB memory" if memory_kb else None
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        system = platform.platform()
    parts = [
        first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        f"{os.cpu_count()} cores",
        memory,
        system,
        f"Linux {platform.release()}" if platform.system() == "Linux" else None,
    ]
    return ", ".join(part for part in parts if part)


# --- Newsdesk's pages and their queries --------------------------------------------


def newsdesk_rows(keys):
    """The Newsdesk rows, each with its page's address and its query count in process."""
    import pages
    from django.conf import settings
    from django.test import Client
    from site_benchmark import time_page

    def queries(page):
        figures = time_page(Client(), page, 1)
        if figures["status"] != 200:
            raise RuntimeError(f"{page.url} answered {figures['status']} in process")
        return figures["queries"]

    progress("Newsdesk: picking the heaviest pages and counting their queries...")
    by_label = {page.label: page for page in pages.public_pages(pages.heavy_objects())}
    bare = pages.Page(BARE, "/bench/bare/")
    rows = [Row(BARE, title(BARE), UNCACHED, bare.url, queries(bare))]
    uncached_settings = settings.NEWSDESK
    for key, label, server in NEWSDESK_ROWS:
        if key not in keys:
            continue
        page = by_label.get(label)
        if page is None or page.url is None:
            progress(f"  {key}: this version of the site has no such page; left out")
            continue
        seconds = 600 if server == CACHED else 0
        settings.NEWSDESK = {**uncached_settings, "PAGE_CACHE_SECONDS": seconds}
        try:
            rows.append(Row(key, title(key), server, page.url, queries(page)))
        finally:
            settings.NEWSDESK = uncached_settings
    return rows


# --- Serving and measuring ---------------------------------------------------------


def serve_all(rows, checkout, log_dir, servers):
    """Starts the servers the rows need; returns {server name: Gunicorn}, all entered."""
    import bakerydemo
    from serving import Gunicorn

    anchor_url = next(row.url for row in rows if row.server == BAKERYDEMO)
    wanted = {
        UNCACHED: lambda log: Gunicorn(production_environment(page_cache=False), log),
        CACHED: lambda log: Gunicorn(production_environment(page_cache=True), log),
        BAKERYDEMO: lambda log: Gunicorn(
            bakerydemo.environment(checkout),
            log,
            python=bakerydemo.venv_python(checkout),
            cwd=checkout,
            app=bakerydemo.WSGI_APP,
            ready_path=anchor_url,
            inherit_env=False,
        ),
    }
    started = {}
    for name in (BAKERYDEMO, UNCACHED, CACHED):
        if any(row.server == name for row in rows):
            log = Path(log_dir) / f"gunicorn-{name}.log"
            progress(f"Starting gunicorn for {name} (log: {log})...")
            started[name] = servers.enter_context(wanted[name](log))
    return started


def warm_up(rows, servers, seconds):
    """A short wrk run a page: both workers compile its templates and fill their caches."""
    from serving import run_wrk

    for row in rows:
        server = servers[row.server]
        status, _ = server.get(row.url)
        if status != 200:
            raise RuntimeError(f"{row.title} ({row.url}) answered {status}; see {server.log_path}")
        run_wrk(server.base_url + row.url, seconds)
        if row.server == CACHED and server.get(row.url)[1].get("X-Cache") != "hit":
            raise RuntimeError(f"{row.title}: no 'X-Cache: hit' after warming; is the cache on?")
        progress(f"  warmed {row.title}")


def measure(rows, servers, rounds, duration):
    from serving import run_wrk

    figures = {row.key: Figures([]) for row in rows}
    runs = schedule(rows, rounds)
    for number, (round_number, row) in enumerate(runs, 1):
        result = run_wrk(servers[row.server].base_url + row.url, duration)
        figures[row.key].runs.append(result)
        progress(
            f"  [{number}/{len(runs)}] round {round_number}, {row.title}: "
            f"{format_rps(result['rps'])} req/s, p50 {result['p50']:.1f} ms"
        )
    return figures


# --- Report ------------------------------------------------------------------------


def report(rows, figures, context):
    import django

    c = context
    counts = ", ".join(f"{count:,} {name}" for name, count in c["scale"].items())
    anchor = c["anchor"]
    pages = "; ".join(f"{row.key} `{row.url}`" for row in rows if row.key not in (BARE, ANCHOR))
    lines = [
        f"## Newsdesk beside bakerydemo, {c['today']:%Y-%m-%d}, {c['vendor']}",
        "",
        f"- Command: `{c['command']}`",
        f"- Machine: {machine()}",
        f"- Newsdesk: revision {git_revision()}; Python {platform.python_version()}, "
        f"Django {django.get_version()}, {c['vendor']}; newsroom of {counts}",
        f"- bakerydemo: revision {c['anchor_revision']}; Python {anchor['python']}, "
        f"Django {anchor['django']}, Wagtail {anchor['wagtail']}; its production settings, "
        f"SQLite, its initial data; blog post `{anchor['url']}` ({anchor['title']})",
        f"- Newsdesk pages: {pages}",
        "- Served by gunicorn (newsdesk/gunicorn.conf.py for both sites, 2 sync workers, "
        "DEBUG off) on loopback; "
        f"wrk -t2 -c8 --latency, {c['duration']} s a page after a {c['warmup']} s warm-up, "
        f"{plural(c['rounds'], 'interleaved round')}, each visiting every page once in turn. "
        "req/s and p50 are the medians of the rounds; queries are counted in process.",
        "- Only figures from a quiet machine are comparable from run to run; anything "
        "else on the same cores lowers them, the interleaving spreads that over every page.",
        "",
        *table(rows, figures),
        "",
        failures_note(rows, figures),
        "",
        "### Requests per second in each round",
        "",
        *rounds_table(rows, figures),
    ]
    return "\n".join(lines) + "\n"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--bakerydemo",
        type=Path,
        metavar="PATH",
        default=os.environ.get("BAKERYDEMO_DIR") or None,
        help="a checkout of wagtail/bakerydemo (default: $BAKERYDEMO_DIR); "
        "prepared in place on the first run",
    )
    parser.add_argument(
        "--bakerydemo-python",
        metavar="PYTHON",
        default=os.environ.get("BAKERYDEMO_PYTHON") or None,
        help="the interpreter to make bakerydemo's .venv with, if it has none yet "
        "(default: $BAKERYDEMO_PYTHON, or the first new enough of python3.13, python3.12, "
        "python3)",
    )
    parser.add_argument(
        "--rounds", type=int, default=4, metavar="N", help="interleaved rounds (default: 4)"
    )
    parser.add_argument(
        "--duration",
        type=int,
        default=10,
        metavar="SECONDS",
        help="length of each wrk run (default: 10)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=2,
        metavar="SECONDS",
        help="length of the wrk run that warms each page up, not counted (default: 2)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="PAGE",
        help="measure only these of Newsdesk's pages: "
        f"{', '.join(key for key, _, _ in NEWSDESK_ROWS)} (repeatable; the bare view and "
        "bakerydemo are always measured, as the ratios need them)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="where to write the markdown (default: bench/results/<date>-anchor-<database>.md)",
    )
    args = parser.parse_args(argv)
    if args.bakerydemo is None:
        parser.error(
            "name a bakerydemo checkout with --bakerydemo PATH (or BAKERYDEMO_DIR); get one "
            "with: git clone https://github.com/wagtail/bakerydemo.git"
        )
    if args.rounds < 1 or args.duration < 1 or args.warmup < 0:
        parser.error("--rounds and --duration must be at least 1, --warmup at least 0")
    try:
        args.keys = chosen_keys(args.only)
    except ValueError as error:
        parser.error(str(error))
    return args


def main():
    from contextlib import ExitStack

    args = parse_args()
    import bakerydemo
    from serving import WRK_MISSING, find_wrk

    try:
        checkout = bakerydemo.check_checkout(args.bakerydemo)
    except bakerydemo.NotACheckout as error:
        sys.exit(f"error: {error}")
    if not find_wrk():
        progress(WRK_MISSING)
        sys.exit(2)
    setup_django(page_cache=False)
    require_newsroom()
    vendor = database_vendor()
    today = datetime.date.today()

    anchor_env = bakerydemo.environment(checkout)
    try:
        bakerydemo.prepare(checkout, anchor_env, python=args.bakerydemo_python)
    except bakerydemo.NotACheckout as error:
        sys.exit(f"error: {error}")
    progress("bakerydemo: picking its blog post and counting its queries...")
    anchor = bakerydemo.describe(checkout, anchor_env, count_queries=True)
    if anchor.get("status") != 200:
        sys.exit(f"error: bakerydemo's blog post did not answer 200: {anchor}")

    prepare_database()
    collect_static(production_environment())
    rows = newsdesk_rows(args.keys)
    rows.insert(1, Row(ANCHOR, title(ANCHOR), BAKERYDEMO, anchor["url"], anchor["queries"]))

    # Kept afterwards: the logs are where a failed request's traceback is.
    log_dir = tempfile.mkdtemp(prefix="newsdesk-anchor-")
    with ExitStack() as stack:
        servers = serve_all(rows, checkout, log_dir, stack)
        progress(f"Warming up every page ({args.warmup} s each)...")
        warm_up(rows, servers, args.warmup)
        progress(f"{plural(args.rounds, 'round')} of {len(rows)} pages, {args.duration} s each...")
        figures = measure(rows, servers, args.rounds, args.duration)

    text = report(
        rows,
        figures,
        {
            "today": today,
            "vendor": vendor,
            "scale": scale(),
            "command": shareable_command(sys.argv[1:]),
            "anchor": anchor,
            "anchor_revision": bakerydemo.revision(checkout),
            "rounds": args.rounds,
            "duration": args.duration,
            "warmup": args.warmup,
        },
    )
    print(text)
    output = args.output or results_path("anchor", vendor, today)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    progress(f"Written to {output}")


if __name__ == "__main__":
    main()
