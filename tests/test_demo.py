import datetime
import html
import os
import re
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import strip_tags
from taggit.models import Tag, TaggedItem

from articles.demo import accounts, content, images
from articles.factories import ArticleFactory
from articles.models import Article, Mention, Photo, QAPair, RelatedLink
from entities.models import Appearance, Document, Event, Organisation, Person

pytestmark = pytest.mark.django_db

HONG_KONG = content.HONG_KONG
USERNAMES = [account.username for account in accounts.ACCOUNTS]


@pytest.fixture(autouse=True)
def _var_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def printed_password(output, username):
    match = re.search(rf"^\s+{username}\s+(\S+)", output, re.MULTILINE)
    return match and match.group(1)


def snapshot():
    """Every row of every model the demo could touch, by model."""
    models = [
        *apps.get_app_config("articles").get_models(include_auto_created=True),
        *apps.get_app_config("entities").get_models(include_auto_created=True),
        *apps.get_app_config("auth").get_models(include_auto_created=True),
        Tag,
        TaggedItem,
    ]
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in models
    }


def forum():
    return Event.objects.get(start_date=datetime.date(2026, 1, 22), kind=Event.Kind.FORUM)


def test_loading_twice_creates_and_changes_nothing(settings):
    load()
    before = snapshot()
    files = {p: p.stat().st_mtime_ns for p in Path(settings.MEDIA_ROOT, "photos").rglob("*.jpg")}

    output = load()

    assert snapshot() == before
    assert {
        p: p.stat().st_mtime_ns for p in Path(settings.MEDIA_ROOT, "photos").rglob("*.jpg")
    } == files
    assert len(files) == 3
    assert "Nothing to add" in output
    assert len(before["articles.Article"]) == 2
    assert len(before["entities.Person"]) == 9
    assert len(before["entities.Organisation"]) == 13


def test_a_rerun_leaves_an_editors_changes_alone():
    load()
    article = Article.objects.get(slug=content.FORUM_STORY)
    article.headline = "Edited by the desk"
    article.save()
    article.qa_pairs.first().delete()
    answers = article.qa_pairs.count()

    load()

    article.refresh_from_db()
    assert article.headline == "Edited by the desk"
    assert article.qa_pairs.count() == answers
    assert Article.objects.count() == 2


def test_tim_cheng_gives_the_opening_remarks_as_hkust_vice_president():
    load()
    tim = Person.objects.get(display_name="Tim Cheng Kwang-ting")
    appearance = Appearance.objects.get(
        person=tim, event=forum(), role=Appearance.Role.OPENING_REMARKS
    )
    title = appearance.title_at_the_time
    assert title.title == "vice-president for research and development"
    assert title.organisation.short_name == "HKUST"
    assert (tim.family_name, tim.given_names, tim.english_name) == ("Cheng", "Kwang-ting", "Tim")
    assert set(tim.aliases) == {"Tim Cheng", "Cheng Kwang-ting"}


def test_six_people_appear_at_the_forum_two_of_them_twice():
    load()
    appearances = forum().appearances.select_related("person")
    assert len({a.person for a in appearances}) == 6
    panel = [a.person.display_name for a in appearances if a.role == Appearance.Role.PANELLIST]
    assert panel == ["He Gang", "Hui Kai-Lung", "Cui Li", "Wu Junhua"]
    for name in ["Cui Li", "Wu Junhua"]:
        roles = {a.role for a in appearances if a.person.display_name == name}
        assert roles == {Appearance.Role.SPEAKER, Appearance.Role.PANELLIST}
    supports = forum().supports.get()
    assert (supports.organisation.name, supports.nature) == (
        "HKUST Business School",
        "academic support",
    )
    assert [host.name for host in forum().hosts.all()] == ["Caijing"]


def test_the_panel_photo_shows_its_people_left_to_right():
    load()
    panel = Photo.objects.get(people_shown__display_name="He Gang")
    shown = [p.person.display_name for p in panel.people_in_photo.all()]
    assert shown == ["He Gang", "Hui Kai-Lung", "Cui Li", "Wu Junhua"]
    assert panel.credit == "PROVIDED TO CHINA DAILY"
    assert panel.photographer is None
    assert panel.source.name == "China Daily"
    assert panel.event == forum()


def test_photos_are_generated_once_in_the_media_root(settings):
    load()
    vr = Photo.objects.get(event__name="Hong Kong AI Art Festival")
    assert (vr.credit, vr.photographer.display_name) == ("ANDY CHONG / CHINA DAILY", "Andy Chong")
    assert not vr.people_shown.exists()
    for photo in Photo.objects.all():
        assert Path(photo.image.path).is_relative_to(settings.MEDIA_ROOT)
        assert (photo.width, photo.height) == images.SIZE
    # A photo deleted by an editor comes back with the picture already on disk.
    name = vr.image.name
    vr.delete()
    load()
    assert Photo.objects.get(event__name="Hong Kong AI Art Festival").image.name == name
    assert len(list(Path(settings.MEDIA_ROOT, "photos").rglob("*.jpg"))) == 3


def test_both_stories_are_published_with_their_parts():
    load()
    published = Article.objects.published()
    assert set(published.values_list("slug", flat=True)) == {
        content.PARTNERSHIP_STORY,
        content.FORUM_STORY,
    }
    story = published.get(slug=content.FORUM_STORY)
    assert [a.display_name for a in story.authors.all()] == ["Li Xiaoyun"]
    assert (story.kicker, story.dateline) == ("Forum", "Hong Kong")
    assert story.published_at == datetime.datetime(2026, 1, 22, 19, 50, tzinfo=HONG_KONG)
    assert story.contact_email.endswith("@example.org")
    assert not story.was_updated
    assert story.lead_photo.people_shown.get().display_name == "Tim Cheng Kwang-ting"
    assert story.placements.get().photo.people_shown.count() == 4

    first = published.get(slug=content.PARTNERSHIP_STORY)
    assert first.published_at < story.published_at
    assert first.qa_pairs.count() == 3
    assert first.key_issues.count() == 3
    assert first.pros_cons.filter(kind="pro").count() == 3
    assert first.pros_cons.filter(kind="con").count() == 3
    signing = first.events.get()
    assert signing.kind == Event.Kind.SIGNING
    assert signing.start_date.strftime("%A") == "Wednesday"
    assert signing.start_date < first.published_at.astimezone(HONG_KONG).date()


def test_the_stories_link_to_each_other_and_to_one_outside_page():
    load()
    links = RelatedLink.objects.select_related("article", "target_article")
    pairs = {
        (link.article.slug, link.target_article.slug) for link in links if link.target_article_id
    }
    assert pairs == {
        (content.PARTNERSHIP_STORY, content.FORUM_STORY),
        (content.FORUM_STORY, content.PARTNERSHIP_STORY),
    }
    external = links.get(target_article=None)
    assert external.url.startswith("https://example.org/")
    assert external.title


def test_organisations_form_the_hkust_chain():
    load()
    centre = Organisation.objects.get(name="Center for Technology and Business Ecosystem")
    assert [org.name for org in centre.ancestors()] == [
        "HKUST Business School",
        "Hong Kong University of Science and Technology",
    ]
    assert centre.kind == Organisation.Kind.RESEARCH_CENTRE
    assert Organisation.objects.filter(description="").count() == 0


def test_the_report_was_launched_at_the_forum_by_its_two_publishers():
    load()
    report = Document.objects.get(title__startswith="Measuring the Future")
    assert report.event == forum()
    assert report.released_on == datetime.date(2026, 1, 22)
    assert [p.organisation.name for p in report.publications.all()] == [
        "Center for Technology and Business Ecosystem",
        "Ernst & Young",
    ]


def test_mentions_and_quotes_match_what_each_story_says():
    load()
    for article in Article.objects.all():
        text = html.unescape(strip_tags(f"{article.headline} {article.standfirst} {article.body}"))
        mentions = article.mentions.all()
        assert mentions
        assert all(m.status == Mention.Status.CONFIRMED for m in mentions)
        for mention in mentions:
            assert mention.snippet in text
        for quote in article.quotes.all():
            assert quote.text in text
    forum_story = Article.objects.get(slug=content.FORUM_STORY)
    assert set(forum_story.quotes.values_list("event", flat=True)) == {forum().pk}
    assert forum_story.mentions.filter(person__isnull=False).count() == 6


def test_bodies_are_stored_as_written_so_they_pass_the_sanitiser():
    load()
    sanitise = Article._meta.get_field("body").sanitize
    for spec in content.ARTICLES:
        assert sanitise(spec["body"]) == spec["body"]
        assert Article.objects.get(slug=spec["slug"]).body == spec["body"]


def test_logins_are_written_privately_and_printed(settings):
    output = load()
    path = Path(settings.VAR_DIR) / accounts.LOGINS_FILENAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    on_file = accounts.read_logins(path)
    assert set(on_file) == set(USERNAMES)
    for username in USERNAMES:
        assert printed_password(output, username) == on_file[username]
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    for role in ["editor", "reporter", "moderator"]:
        user = User.objects.get(username=role)
        assert user.is_staff and not user.is_superuser
        assert user.email == f"{role}@example.org"
        assert [g.name for g in user.groups.all()] == [f"{role.title()}s"]


def test_demo_users_can_sign_in_to_the_admin(client):
    output = load()
    for username in USERNAMES:
        assert client.login(username=username, password=printed_password(output, username))
        assert client.get("/admin/").status_code == 200
        client.logout()


def test_existing_users_keep_their_passwords_and_a_lost_file_points_to_a_reset(settings):
    first = load()
    path = Path(settings.VAR_DIR) / accounts.LOGINS_FILENAME
    assert printed_password(load(), "editor") == printed_password(first, "editor")

    path.unlink()
    output = load()
    assert "(not on file)" in output
    assert "--reset-passwords" in output
    assert not path.exists()

    output = load("--reset-passwords")
    new = printed_password(output, "editor")
    assert new != printed_password(first, "editor")
    assert accounts.read_logins(path)["editor"] == new
    assert get_user_model().objects.get(username="editor").check_password(new)


def test_if_empty_skips_a_database_that_has_articles():
    ArticleFactory()
    output = load("--if-empty")
    assert "skipped" in output
    assert not Person.objects.filter(display_name="Tim Cheng Kwang-ting").exists()
    assert "no demo accounts" in output


def test_if_empty_loads_an_empty_database_then_only_prints_the_logins():
    first = load("--if-empty")
    assert Article.objects.count() == 2
    before = snapshot()
    second = load("--if-empty")
    assert "skipped" in second
    assert snapshot() == before
    assert printed_password(second, "reporter") == printed_password(first, "reporter")


def test_a_failed_load_leaves_nothing_behind(monkeypatch, settings):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(images, "render", broken)
    with pytest.raises(OSError):
        load()
    assert not Person.objects.exists()
    assert not get_user_model().objects.exists()
    assert not QAPair.objects.exists()
    assert not (Path(settings.VAR_DIR) / accounts.LOGINS_FILENAME).exists()


# Imports every module of the site (the demo, the factories and the two
# commands that use them aside) in a fresh interpreter, and prints which of
# the content-building modules got imported along the way.
SITE_IMPORTS = """
import importlib, pkgutil, sys
import django
django.setup()
BUILDING = ("articles.demo", "articles.factories", "entities.factories", "factory")
COMMANDS = ("articles.management.commands.load_demo",
            "articles.management.commands.generate_newsroom")
def walk(package):
    for module in pkgutil.iter_modules(importlib.import_module(package).__path__, package + "."):
        if module.name.startswith(BUILDING + COMMANDS) or module.name.endswith(".migrations"):
            continue
        importlib.import_module(module.name)
        if module.ispkg:
            walk(module.name)
for package in ("newsdesk", "entities", "articles"):
    walk(package)
print(" ".join(sorted(name for name in sys.modules if name.startswith(BUILDING))))
"""


def test_the_site_never_imports_the_demo_the_generator_or_the_factories():
    result = subprocess.run(
        [sys.executable, "-c", SITE_IMPORTS],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.test_settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


# Seeds are the wire copy the demo was reported from; the demo must not reuse
# their wording, only their facts. Eight words in a row is a copied phrase.
SEEDS = Path(django_settings.BASE_DIR).parent / "shared" / "seeds"
COPIED_RUN = 8


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _words(text):
    text = html.unescape(strip_tags(text))
    # A report's title is a fact the demo must give exactly as published.
    text = text.replace(content.REPORT_TITLE, " | ")
    return re.findall(r"[a-z0-9]+|\|", text.lower())


def _runs(words):
    return {
        run
        for i in range(len(words) - COPIED_RUN + 1)
        if "|" not in (run := tuple(words[i : i + COPIED_RUN]))
    }


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed stories are not in this checkout")
def test_no_demo_text_copies_the_seed_stories():
    seeds = _runs(_words(" ".join(p.read_text() for p in sorted(SEEDS.glob("*.txt")))))
    assert seeds
    demo = [
        content.SECTIONS,
        content.ORGANISATIONS,
        content.PEOPLE,
        content.EVENTS,
        content.DOCUMENTS,
        content.PHOTOS,
        content.ARTICLES,
    ]
    copied = {" ".join(run) for text in _strings(demo) for run in _runs(_words(text)) & seeds}
    assert not copied
