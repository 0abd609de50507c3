from django.db import models
from django_prose_editor.fields import ProseEditorField

from newsdesk.addresses import object_address
from newsdesk.richtext import BODY_EDITOR_CONFIG


class Page(models.Model):
    """A standing page of the site (About, Contact, Corrections policy, Privacy).

    Editors write them in the admin with the story editor; the site's footer
    links the four it knows (articles/flatpages.py creates them at first).
    """

    slug = models.SlugField(max_length=100, unique=True, help_text='Its address, e.g. "about".')
    title = models.CharField(max_length=200)
    content = ProseEditorField(config=BODY_EDITOR_CONFIG, sanitize=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "flat page"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_address("articles:page", slug=self.slug)
