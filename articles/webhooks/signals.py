"""An edit to a story that is public before and after the save is an "updated" event."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from articles.models import Article
from articles.webhooks import outbox


@receiver(pre_save, sender=Article, dispatch_uid="webhooks_article_was_public")
def remember_if_public(sender, instance, raw=False, **kwargs):
    # Only an article that is live after this save can have been "updated after publication".
    instance._was_public = bool(
        not raw
        and instance.pk
        and instance.is_public
        and Article.objects.published().filter(pk=instance.pk).exists()
    )


@receiver(post_save, sender=Article, dispatch_uid="webhooks_article_updated")
def article_updated(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created and getattr(instance, "_was_public", False) and instance.is_public:
        outbox.updated(instance)
