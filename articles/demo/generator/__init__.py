"""Synthetic newsroom content at scale, written with bulk inserts.

Rows go in batch by batch through `bulk_create`, which sends no signals: no
renditions are encoded, no history rows written, no matcher rebuilt per row.
The matcher is told once, at the end, that the names changed.
"""

import random

from django.utils import timezone

from articles.demo.generator.base import Run, Sizes
from articles.demo.generator.entities import (
    generate_events,
    generate_organisations,
    generate_people,
)
from articles.demo.generator.stories import (
    generate_articles,
    generate_photos,
    generate_sections,
    generate_tags,
)
from entities.matching import names_changed

__all__ = ["Sizes", "generate"]


def generate(sizes, *, progress, seed=None, batch_size=1000, now=None):
    """Fill the database; returns the run, whose `created` counts rows by model."""
    run = Run(random.Random(seed), now or timezone.now(), batch_size, progress)
    sections = generate_sections(run)
    organisations = generate_organisations(run, sizes.organisations)
    people = generate_people(run, sizes.people, organisations)
    events = generate_events(run, sizes.events, organisations, people)
    reporters = people[: max(1, len(people) // 50)]
    photos = generate_photos(run, sizes.photos, people, organisations, events, reporters)
    tags = generate_tags(run)
    generate_articles(
        run,
        sizes.articles,
        sections=sections,
        people=people,
        organisations=organisations,
        events=events,
        photos=photos,
        tags=tags,
    )
    names_changed()
    return run
