from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Photo, Rendition
from articles.renditions import renditions_or_none


@receiver(post_save, sender=Photo)
def make_renditions_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # Made here so that no reader's request pays for the encoding; pages still
    # make them for a photo that has none (see articles.renditions).
    if raw or (update_fields is not None and "image" not in update_fields):
        return
    renditions_or_none(instance)


@receiver(post_delete, sender=Rendition)
def remove_rendition_file(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage

    def remove():
        # A rendition made again since may have been given the same name.
        if name and not Rendition.objects.filter(file=name).exists():
            storage.delete(name)

    # After commit: a rolled-back delete must still find its file.
    transaction.on_commit(remove)
