"""How well the wire importer reads stories it was not written for, field by field.

    .venv/bin/python bench/import_quality.py                 # both splits
    .venv/bin/python bench/import_quality.py --split tuned --misses

The corpus is tests/fixtures/wire_corpus/: each story `NAME.txt` has beside it
`NAME.json`, what a careful sub-editor reads in it, written by hand before the
importer was changed for that story. `tuned/` is what the parser was improved
on; `holdout/` is never looked at while tuning and shows how well that
generalises. The figures are precision, recall and F1 of the parser's reading
(the `--json` output of `import_story`, less the matching against the
database) against the expected one:

- header: headline, kicker, standfirst, published, updated, authors, dateline,
  each counted right or wrong (a published time expected as a bare date only
  has to fall on that date);
- photos: credit and the people shown, in order, as one item per photo;
- related: label and title of each link;
- people: name, title and organisation;
- organisations: names;
- events: date, hosts and supporters (the name a story gives is left aside);
- quotes: speaker, and the text starting as expected;
- documents: title and publishers;
- appearances: person and role.

Names and titles are compared without regard to case. --floors prints the
floors tests/test_import_quality.py asserts, for pasting after an improvement.
"""

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.wire import parse  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "wire_corpus"
SPLITS = ("tuned", "holdout")
HEADER = ("headline", "kicker", "standfirst", "published_at", "updated_at", "authors", "dateline")
FIELDS = (
    "header",
    "photos",
    "related",
    "people",
    "organisations",
    "events",
    "quotes",
    "documents",
    "appearances",
)


def _fold(value):
    return " ".join(str(value).split()).casefold() if value is not None else None


def _words(text):
    return " ".join(re.findall(r"\w+", text.casefold()))


def _names(values):
    return tuple(sorted(_fold(v) for v in values or []))


def _items(kind, reading):
    """The comparable items of one field of a reading (expected or actual)."""
    rows = reading.get(kind) or []
    if kind == "photos":
        return [(p.get("credit"), tuple(p.get("people_shown") or [])) for p in rows]
    if kind == "related":
        return [(r["label"].upper(), _fold(r["title"])) for r in rows]
    if kind == "people":
        return [(p["name"], _fold(p.get("title")), _fold(p.get("organisation"))) for p in rows]
    if kind == "organisations":
        return [_fold(o if isinstance(o, str) else o["name"]) for o in rows]
    if kind == "events":
        return [(e.get("date"), _names(e.get("hosts")), _names(e.get("supporters"))) for e in rows]
    if kind == "documents":
        return [(_fold(d["title"]), _names(d.get("publishers"))) for d in rows]
    if kind == "appearances":
        return [(a["person"], a["role"]) for a in rows]
    raise ValueError(kind)


@dataclass
class Score:
    right: int = 0
    found: int = 0
    expected: int = 0
    stories: int = 0
    stories_right: int = 0
    misses: list = field(default_factory=list)

    def add(self, right, found, expected, story, missed, extra):
        self.right += right
        self.found += found
        self.expected += expected
        self.stories += 1
        self.stories_right += right == found == expected
        if missed or extra:
            self.misses.append((story, missed, extra))

    @property
    def precision(self):
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self):
        return self.right / self.expected if self.expected else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _compare(expected, actual):
    left = Counter(actual)
    right = 0
    missed = []
    for item in expected:
        if left[item] > 0:
            left[item] -= 1
            right += 1
        else:
            missed.append(item)
    return right, missed, list(left.elements())


def _quotes(expected, actual):
    pool = [(q["speaker"], _words(q["text"])) for q in actual.get("quotes") or []]
    right, missed = 0, []
    for quote in expected.get("quotes") or []:
        want = (quote["speaker"], _words(quote["text"]))
        hit = next((q for q in pool if q[0] == want[0] and q[1].startswith(want[1])), None)
        if hit:
            pool.remove(hit)
            right += 1
        else:
            missed.append(want)
    return right, missed, pool


def _header(expected, actual):
    want, got = expected.get("article", {}), actual.get("article", {})
    right, missed, extra = 0, [], []
    for key in HEADER:
        a, b = want.get(key), got.get(key)
        if key == "published_at" and a and b and len(a) == 10:
            b = b[:10]
        if (a or None) == (b or None) or (key == "authors" and not a and not b):
            right += 1
        else:
            missed.append((key, a))
            extra.append((key, b))
    return right, len(HEADER), len(HEADER), missed, extra


def score(stories):
    """{field: Score} over (name, expected, actual) triples."""
    scores = {name: Score() for name in FIELDS}
    for story, expected, actual in stories:
        right, found, wanted, missed, extra = _header(expected, actual)
        scores["header"].add(right, found, wanted, story, missed, extra)
        for kind in FIELDS[1:]:
            if kind == "quotes":
                right, missed, extra = _quotes(expected, actual)
                wanted = len(expected.get("quotes") or [])
                found = len(actual.get("quotes") or [])
            else:
                want, got = _items(kind, expected), _items(kind, actual)
                right, missed, extra = _compare(want, got)
                wanted, found = len(want), len(got)
            scores[kind].add(right, found, wanted, story, missed, extra)
    return scores


def read_split(split):
    for path in sorted((CORPUS / split).glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        actual = parse(path.read_text(encoding="utf-8"), filename=path.name).to_dict()
        yield path.stem, expected, actual


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="See the top of this file for what each field counts.",
    )
    parser.add_argument(
        "--split",
        choices=[*SPLITS, "all"],
        default="all",
        help="Which part of the corpus to score (default: each part, then both).",
    )
    parser.add_argument(
        "--misses",
        action="store_true",
        help="Also print, story by story, what was missed and what was read wrongly.",
    )
    parser.add_argument(
        "--json", action="store_true", help="Print the figures as JSON instead of a table."
    )
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    results = {split: score(read_split(split)) for split in splits}
    if args.json:
        print(
            json.dumps(
                {
                    split: {
                        name: {
                            "precision": round(s.precision, 3),
                            "recall": round(s.recall, 3),
                            "f1": round(s.f1, 3),
                            "stories_right": f"{s.stories_right}/{s.stories}",
                        }
                        for name, s in scores.items()
                    }
                    for split, scores in results.items()
                },
                indent=2,
            )
        )
        return
    for split, scores in results.items():
        count = next(iter(scores.values())).stories
        print(f"\n{split} ({count} stories)")
        print(f"{'field':<15}{'precision':>10}{'recall':>8}{'F1':>7}  stories fully right")
        for name, s in scores.items():
            print(
                f"{name:<15}{s.precision:>10.2f}{s.recall:>8.2f}{s.f1:>7.2f}"
                f"  {s.stories_right}/{s.stories}"
            )
        if args.misses:
            for name, s in scores.items():
                for story, missed, extra in s.misses:
                    print(f"  {name} {story}:")
                    for item in missed:
                        print(f"      missed {item}")
                    for item in extra:
                        print(f"      wrong  {item}")


if __name__ == "__main__":
    main()
