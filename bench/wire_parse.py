"""How parse time for wire copy grows with the size of hostile input.

    .venv/bin/python bench/wire_parse.py --sizes 10k,100k,1m

Each kind of input is one paragraph under a headline, built from a fixed seed,
so figures from two runs compare like with like. Time that grows in step with
size means the parser is linear on that input; a kind whose parse takes longer
than --budget seconds is not tried at the larger sizes.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.wire import parse


def _words(text: str) -> list[str]:
    # Word lists read and extend far more easily as prose than as quoted items.
    return text.split()


_CAPITALISED = _words(
    "Hong Kong Shenzhen Science Park Board Secretary Financial Chan Mo-po Cheng Kwang-ting "
    "University Technology Innovation Council Alpha Beta Gamma Delta Fund Capital Holdings "
    "Director Minister Development Digital Vice Chairman Group Greater Bay Area"
)
# Mostly plain spaces, so that the runs of capitalised words are long.
_JOINS = [" "] * 150 + ["'s ", ", ", " said ", " of ", " and "]


def capitalised(size: int, rng: random.Random) -> str:
    """Capitalised words joined by possessives, commas, "said" and connectors."""
    parts: list[str] = []
    length = 0
    while length < size:
        part = rng.choice(_CAPITALISED) + rng.choice(_JOINS)
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size]


def repeated_name(size: int, rng: random.Random) -> str:
    return ("Chan Mo-po " * (size // 11 + 1))[:size]


def single_letters(size: int, rng: random.Random) -> str:
    return ("A " * (size // 2 + 1))[:size]


def org_chain(size: int, rng: random.Random) -> str:
    """One endless organisation name: "between the X of the Y and Z of the ..."."""
    return ("between the " + "Alpha of the Beta and Gamma " * (size // 28 + 1))[:size]


KINDS = {
    "capitalised": capitalised,
    "repeated-name": repeated_name,
    "single-letters": single_letters,
    "org-chain": org_chain,
}


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024 * 1024}
    text = text.strip().lower()
    if text[-1:] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="10k,100k,1m",
        help="comma-separated input sizes in characters; k and m suffixes allowed "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--kinds",
        default=",".join(KINDS),
        help=f"comma-separated kinds of input, of {', '.join(KINDS)} (default: all)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="seconds one parse may take before larger sizes of that kind are skipped "
        "(default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args()
    sizes = [_size(s) for s in args.sizes.split(",")]
    kinds = [k.strip() for k in args.kinds.split(",")]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)}")

    print(f"{'input':<16} {'size':>10} {'parse ms':>10} {'ms per KB':>10} {'warnings':>9}")
    for kind in kinds:
        over_budget = False
        for size in sizes:
            if over_budget:
                print(f"{kind:<16} {size:>10,} {'skipped':>10}")
                continue
            text = "Headline\n\n" + KINDS[kind](size, random.Random(args.seed))
            start = time.perf_counter()
            story = parse(text)
            elapsed = time.perf_counter() - start
            over_budget = elapsed > args.budget
            per_kb = elapsed * 1000 / (size / 1024)
            print(
                f"{kind:<16} {size:>10,} {elapsed * 1000:>10.0f} {per_kb:>10.1f}"
                f" {len(story.warnings):>9}"
            )


if __name__ == "__main__":
    main()
