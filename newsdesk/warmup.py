"""What every worker process would otherwise build on its first requests, built
once in the process that forks them (gunicorn's master, with `preload_app`).

Each worker compiled every template it rendered, built the URL resolver, read
the static files' manifest and loaded the translations, on its first requests
and again after each restart (every ~2,000 requests): ~0.4 s of CPU a worker.
Built before the fork, all of that is shared, and frozen with the rest of the
application (gunicorn.conf.py). No database connection is opened here.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation


def template_names(engine):
    """The name of every template file the engine can find (its dirs, then the apps')."""
    folders = [Path(folder) for folder in engine.engine.dirs]
    if engine.engine.app_dirs:
        folders += [Path(folder) for folder in get_app_template_dirs("templates")]
    return sorted(
        {str(path.relative_to(folder)) for folder in folders for path in folder.rglob("*.*")}
    )


def warm():
    """Compile the templates into the cached loader, and build the rest; returns how
    many templates were compiled."""
    compiled = 0
    for engine in engines.all():
        if not hasattr(engine, "engine"):
            continue
        for name in template_names(engine):
            try:
                engine.get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                # Not a template (a stray file), or one a third-party app never renders.
                continue
            compiled += 1
    get_resolver()._populate()
    # The storage (and its manifest of hashed names) is made on first use.
    staticfiles_storage.base_url  # noqa: B018
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Home")
    return compiled
