from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from entities.matching import names_changed
from entities.models import Event, Organisation, Person

NAME_FIELDS = {
    Person: {"display_name", "aliases"},
    Organisation: {"name", "short_name", "aliases"},
    Event: {"name"},
}


def _invalidate():
    # Now, so that scans later in this same transaction see the change; and
    # again on commit, because another process may rebuild in between from
    # names it cannot see yet and would otherwise keep that stale matcher.
    names_changed()
    transaction.on_commit(names_changed)


@receiver(post_save, sender=Person)
@receiver(post_save, sender=Organisation)
@receiver(post_save, sender=Event)
def names_saved(sender, update_fields=None, **kwargs):
    if update_fields is not None and not NAME_FIELDS[sender] & set(update_fields):
        return
    _invalidate()


@receiver(post_delete, sender=Person)
@receiver(post_delete, sender=Organisation)
@receiver(post_delete, sender=Event)
def names_deleted(sender, **kwargs):
    _invalidate()
