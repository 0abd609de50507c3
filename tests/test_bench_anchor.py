"""bench/anchor.py: its rounds' order, its ratios and verdicts, how it runs bakerydemo.

No server, wrk or network here: the script itself is run against bakerydemo by hand.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import anchor
import bakerydemo


def run(rps, p50=10.0, non_ok=0, socket_errors=0):
    return {
        "rps": rps,
        "p50": p50,
        "p99": p50 * 2,
        "non_ok": non_ok,
        "socket_errors": socket_errors,
    }


def rows(*keys):
    servers = {"bare": anchor.UNCACHED, "bakerydemo": anchor.BAKERYDEMO}
    return [
        anchor.Row(key, anchor.title(key), servers.get(key, anchor.UNCACHED), f"/{key}/", 3)
        for key in keys
    ]


def test_every_round_visits_every_page_once_in_the_same_order():
    pages = rows("bare", "bakerydemo", "article")
    order = [(number, row.key) for number, row in anchor.schedule(pages, 3)]
    assert order == [
        (1, "bare"),
        (1, "bakerydemo"),
        (1, "article"),
        (2, "bare"),
        (2, "bakerydemo"),
        (2, "article"),
        (3, "bare"),
        (3, "bakerydemo"),
        (3, "article"),
    ]


def test_a_rows_figures_are_the_medians_of_its_rounds_and_failures_add_up():
    figures = anchor.Figures([run(50, 30), run(10, 90, non_ok=2), run(40, 40, socket_errors=1)])
    assert figures.rps == 40
    assert figures.p50 == 40
    assert figures.failures == 3


@pytest.mark.parametrize(
    ("key", "to_bare", "to_anchor", "expected"),
    [
        ("article", 0.15, 8.0, "met"),
        ("article", 0.2, 7.9, "**missed**"),
        ("article", 0.149, 9.0, "**missed**"),
        ("home", 0.1, 0.5, "met"),
        ("search", 0.099, 50.0, "**missed**"),
        ("event", 0.3, 1.0, "met"),
        ("cache-hit", 0.01, 0.01, ""),
        ("bakerydemo", 0.01, 1.0, ""),
    ],
)
def test_verdicts_follow_the_targets_of_each_page(key, to_bare, to_anchor, expected):
    assert anchor.verdict(key, to_bare, to_anchor) == expected


def test_a_page_that_failed_requests_misses_its_target_whatever_its_speed():
    assert anchor.verdict("article", 1.0, 100.0, failures=4) == "**missed** (4 failed requests)"


def test_the_table_gives_ratios_to_the_bare_view_and_to_bakerydemo():
    pages = rows("bare", "bakerydemo", "article", "cache-hit")
    figures = {
        "bare": anchor.Figures([run(2000), run(1900), run(2100)]),
        "bakerydemo": anchor.Figures([run(60), run(61.5), run(63)]),
        "article": anchor.Figures([run(500, 12.5), run(492), run(510)]),
        "cache-hit": anchor.Figures([run(3112, 2.1), run(3000, 2.5), run(3200, 2.3)]),
    }
    lines = anchor.table(pages, figures)
    assert lines[2] == "| bare Django view (reference) | 2,000 | 1.00 | 32.5 | 10.0 | 3 |  |  |"
    assert lines[3] == "| bakerydemo blog post | 61.5 | 0.031 | 1.00 | 10.0 | 3 |  |  |"
    assert lines[4] == (
        "| Newsdesk article, uncached | 500.0 | 0.25 | 8.13 | 10.0 | 3 "
        "| ≥ 0.15x bare, ≥ 8x bakerydemo | met |"
    )
    assert lines[5] == "| Newsdesk article, page cache hit | 3,112 | 1.56 | 50.6 | 2.3 | 3 |  |  |"
    assert anchor.rounds_table(pages, figures)[3] == "| bakerydemo blog post | 60.0 | 61.5 | 63.0 |"


def test_the_recorded_command_line_leaves_out_the_paths_of_the_machine():
    argv = ["--bakerydemo", "/home/me/bakerydemo", "--output=/srv/a.md", "--rounds", "2"]
    assert anchor.shareable_command(argv) == (
        ".venv/bin/python bench/anchor.py --bakerydemo BAKERYDEMO --output=FILE --rounds 2"
    )


def test_only_accepts_the_pages_of_the_benchmark(monkeypatch, capsys):
    monkeypatch.delenv("BAKERYDEMO_DIR", raising=False)
    args = anchor.parse_args(["--bakerydemo", "x", "--only", "home", "--only", "cache-hit"])
    assert args.keys == ["home", "cache-hit"]
    with pytest.raises(SystemExit):
        anchor.parse_args(["--bakerydemo", "x", "--only", "tag"])
    assert "--only tag: not a page of this benchmark" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        anchor.parse_args([])
    assert "name a bakerydemo checkout" in capsys.readouterr().err


def test_bakerydemo_runs_on_its_own_database_whatever_this_site_is_configured_with(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsdesk")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    env = bakerydemo.environment(tmp_path)
    assert "DATABASE_URL" not in env and "REDIS_URL" not in env
    assert env["DJANGO_SETTINGS_MODULE"] == "bakerydemo.settings.production"
    assert env["SECURE_SSL_REDIRECT"] == "False"
    assert "127.0.0.1" in env["DJANGO_ALLOWED_HOSTS"].split(",")
    assert env["DJANGO_SECRET_KEY"]


def test_a_folder_that_is_not_a_bakerydemo_checkout_is_refused_with_the_way_to_get_one(tmp_path):
    with pytest.raises(bakerydemo.NotACheckout, match=r"git clone https://github\.com/wagtail"):
        bakerydemo.check_checkout(tmp_path)
    (tmp_path / "runtime.txt").write_text("python-3.13.2\n")
    assert bakerydemo.required_python(tmp_path) == (3, 13)
