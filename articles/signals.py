from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles import suggestions
from articles.models import Article, Photo, Rendition
from articles.renditions import is_current


@receiver(post_save, sender=Article)
def refresh_snippets_on_new_text(
    sender, instance, created, raw=False, update_fields=None, **kwargs
):
    """The moderators' queue quotes the text as it now reads, whichever path changed it.

    Once per save that changed the headline, standfirst or body (the admin, the
    workflow, a revision restore, an import, a script's plain `save()`), in the
    saving transaction; never on a reader's request.
    """
    before = getattr(instance, "_text_as_saved", None)
    instance._text_as_saved = now = instance.text_as_read()
    if raw or created or before == now:
        return
    if update_fields is not None and not set(update_fields) & set(Article.SNIPPET_TEXT):
        return
    suggestions.refresh_snippets(instance)


@receiver(post_save, sender=Photo)
def make_renditions_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Queue the photo's renditions when its file is new: no request pays for encoding.

    The job is a row written in the saving transaction, so the worker only sees
    it once the photo is committed, and never for a save rolled back.
    """
    from articles.tasks import make_photo_renditions

    if raw or not instance.image or (update_fields is not None and "image" not in update_fields):
        return
    new_file = getattr(instance, "_image_before_save", None) != instance.image.name
    if instance.rendition_failure:
        if not new_file:
            return  # Failed once for this file, with the reason recorded: not again.
        # A new file deserves a new try; the old reason no longer applies.
        Photo.objects.filter(pk=instance.pk).update(rendition_failure="")
        instance.rendition_failure = ""
    if is_current(list(Rendition.objects.filter(photo=instance)), instance):
        return
    make_photo_renditions.enqueue(instance.pk)


@receiver(pre_save, sender=Photo)
def remember_image_before_save(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk and instance.rendition_failure:
        old = Photo.objects.filter(pk=instance.pk).values_list("image", flat=True).first()
        instance._image_before_save = old


@receiver(post_delete, sender=Rendition)
def remove_rendition_file(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage

    def remove():
        # A rendition made again since may have been given the same name.
        if name and not Rendition.objects.filter(file=name).exists():
            storage.delete(name)

    # After commit: a rolled-back delete must still find its file.
    transaction.on_commit(remove)
