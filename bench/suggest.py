"""How fast the entity matcher is built and scans a story.

    DJANGO_SETTINGS_MODULE=newsdesk.settings DEBUG=1 \
        .venv/bin/python bench/suggest.py --names 100000

Names are generated in memory from a fixed seed, so figures from two runs or
two machines compare like with like; --from-database reads the real ones.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django

from entities.matching import (
    EVENT,
    ORGANISATION,
    PERSON,
    EntityMatcher,
    database_names,
)


def _words(text, separator=None):
    # Word lists read and extend far more easily as prose than as quoted items.
    return text.split(separator)


SURNAMES = _words(
    "Chan Cheng Cheung Chow Fung Ho Hui Kwok Lam Lau Lee Leung Li Liang Lin Liu Lo Ma Mak Ng "
    "Poon Shum Siu Tam Tang Tsang Wan Wang Wong Wu Xu Yang Yeung Yip Yu Zhang Zhao Zhou"
)
SYLLABLES = _words(
    "an bao bin bo chao chen cheng chi chun da dong fai fan fei feng fu gang guo hai han hao "
    "hong hua hui jia jian jie jin jun kai kang ke kin kit kwan lai lan lei li lian ling long "
    "man mei ming nan ning pei ping qi qiang qing rong rui shan sheng shu si song tao ting wai "
    "wei wen xian xiao xin xiu ya yan yi ying yong yu yuan yue zhen zhi zhong"
)
GIVEN = _words(
    "Alice Andrew Anna Ben Carmen Charles Chloe Daniel David Edward Elaine Emily Eric Fiona "
    "Frank Grace Henry Irene Jack James Jason Jenny Joan John Joyce Karen Kevin Laura Louis "
    "Lucy Mark Mary Michael Nancy Oliver Patrick Paul Peter Rachel Raymond Sarah Simon "
    "Sophie Stephen Susan Thomas Tim Tony Victor Vincent William"
)
FAMILY = _words(
    "Adams Baker Bell Brown Campbell Carter Clarke Cooper Davies Edwards Evans Fischer Garcia "
    "Green Hall Harris Hughes Jackson Johnson Jones Kelly King Klein Lewis Martin Miller "
    "Moore Morgan Murphy Nakamura Novak Parker Patel Roberts Robinson Rossi Schmidt Scott "
    "Smith Suzuki Taylor Thompson Turner Walker Ward White Williams Wilson Wright Young"
)
ORG_WORDS = _words(
    "Advanced Applied Bay Biotech Capital Cloud Coastal Data Digital Dynamic Energy Frontier "
    "Future Global Green Harbour Horizon Integrated Lotus Marine Materials Micro Nano Neural "
    "Northern Ocean Pacific Pearl Photonic Precision Quantum River Robotics Silicon Smart "
    "Southern Summit Unity Vision"
)
ORG_TYPES = _words(
    "Technologies|Holdings|Research Institute|Laboratory|Ventures|University|Foundation|"
    "Association|Group|Systems",
    "|",
)
EVENT_TYPES = _words("Forum Summit Expo Conference Symposium Festival Awards Roundtable")
FILLER = _words(
    "the a of to and in on for with as at by from that this which was were said says will "
    "would could new research city government plan funding year growth market industry "
    "science technology innovation students team project talent policy data report launch "
    "partnership investment development future global local region project officials "
    "announced expected support programme further week percent million billion according"
)


def person_name(rng):
    if rng.random() < 0.75:
        given = "-".join(rng.sample(SYLLABLES, 2)).capitalize()
        name = f"{rng.choice(SURNAMES)} {given}"
        return f"{rng.choice(GIVEN)} {name}" if rng.random() < 0.3 else name
    initial = chr(ord("A") + rng.randrange(26))
    return f"{rng.choice(GIVEN)} {initial}. {rng.choice(FAMILY)}"


def organisation_names(rng):
    words = [*rng.sample(ORG_WORDS, rng.randint(1, 3)), rng.choice(ORG_TYPES)]
    name = " ".join(words)
    acronym = "".join(word[0] for part in words for word in part.split())
    return [name, acronym] if len(acronym) >= 2 else [name]


def event_name(rng):
    words = " ".join(rng.sample(ORG_WORDS, 2))
    return f"{rng.randint(2015, 2030)} {words} {rng.choice(EVENT_TYPES)}"


def synthetic_names(count, seed):
    """(kind, pk, name) triples: about 60% people, 30% organisation names, 10% events."""
    rng = random.Random(seed)
    names, pk = [], 0
    while len(names) < count:
        pk += 1
        roll = rng.random()
        if roll < 0.6:
            names.append((PERSON, pk, person_name(rng)))
        elif roll < 0.9:
            names.extend((ORGANISATION, pk, name) for name in organisation_names(rng))
        else:
            names.append((EVENT, pk, event_name(rng)))
    return names[:count]


def story(names, words, mentioned, seed):
    """About `words` words of filler naming `mentioned` entities picked from `names`."""
    rng = random.Random(seed)
    picked = rng.sample([name for kind, pk, name in names if len(name) > 5], mentioned)
    tokens = [rng.choice(FILLER) for _ in range(words - sum(len(n.split()) for n in picked))]
    for name in picked:
        tokens.insert(rng.randrange(len(tokens)), name + rng.choice(["", "'s", ",", "."]))
    return " ".join(tokens), picked


def with_progress(names, total, label):
    """Passes the names through, reporting progress once the work takes a while."""
    started = time.perf_counter()
    step = max(1, total // 10) if total else 10_000
    for index, item in enumerate(names, 1):
        if index % step == 0 and time.perf_counter() - started > 2:
            print(f"  {label}: {index:,} of about {total:,} names", file=sys.stderr, flush=True)
        yield item


def peak_rss_mb():
    # Linux reports kilobytes, macOS bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=100_000, help="synthetic names to build from")
    parser.add_argument("--words", type=int, default=1000, help="length of the story scanned")
    parser.add_argument("--mentions", type=int, default=20, help="names the story contains")
    parser.add_argument("--runs", type=int, default=50, help="scans of the story to time")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--from-database",
        action="store_true",
        help="build from the people, organisations and events in the configured database",
    )
    args = parser.parse_args()
    django.setup()

    rss_before = peak_rss_mb()
    started = time.perf_counter()
    if args.from_database:
        names = list(with_progress(database_names(), 0, "reading"))
        print(
            f"read {len(names):,} names from the database in {time.perf_counter() - started:.2f} s"
        )
        if len(names) < args.mentions:
            parser.error("the database has too few names for the story; load some first")
    else:
        names = synthetic_names(args.names, args.seed)
        print(f"generated {len(names):,} names in {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    matcher = EntityMatcher(with_progress(names, len(names), "building"))
    build = time.perf_counter() - started
    print(f"build: {build:.2f} s ({matcher.size:,} distinct names in the automaton)")

    text, picked = story(names, args.words, args.mentions, args.seed)
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        matches = matcher.find(text)
        timings.append((time.perf_counter() - started) * 1000)
    found = {m.text.casefold() for m in matches}
    missed = [name for name in picked if name.casefold() not in found]
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    print(f"story: {len(text.split()):,} words, {len(text):,} characters, {len(picked)} names")
    print(
        f"find(): p50 {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms over {args.runs} runs"
    )
    print(
        f"matches: {len(matches)} ({len({(m.kind, m.pk) for m in matches})} entities); "
        f"names placed but not found: {len(missed)}"
    )
    print(
        f"peak memory (RSS): {peak_rss_mb():.0f} MB, "
        f"{peak_rss_mb() - rss_before:.0f} MB more than at start; "
        f"automaton {matcher.automaton.get_stats()['total_size'] / 1024 / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
