import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction


@dataclass
class Sizes:
    articles: int
    people: int
    organisations: int
    events: int
    photos: int


@dataclass
class Run:
    """What every phase shares: the random source, the clock, the batching and the tallies."""

    rng: object
    now: datetime.datetime
    batch_size: int
    progress: object
    created: Counter = field(default_factory=Counter)  # verbose plural name -> rows

    def batches(self, total):
        """The size of each batch of `total` rows."""
        for start in range(0, total, self.batch_size):
            yield min(self.batch_size, total - start)

    def insert(self, model, objs):
        """Bulk insert; the objects come back with their primary keys on every backend."""
        if objs:
            model._default_manager.bulk_create(objs, batch_size=self.batch_size)
            self.created[str(model._meta.verbose_name_plural)] += len(objs)
        return objs

    atomic = staticmethod(transaction.atomic)

    def today(self):
        return self.now.date()

    def date_within(self, days_back, days_forward=0):
        return self.today() + datetime.timedelta(days=self.rng.randint(-days_back, days_forward))

    def pick(self, population, count):
        """`count` distinct items, or all of them when there are fewer."""
        return self.rng.sample(population, min(count, len(population)))
