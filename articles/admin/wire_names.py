"""Names a wire story brought that are not on file yet, each one click from its add form."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from articles.models import Article
from entities.admin.prefill import document_add_url, organisation_add_url, person_add_url
from entities.models import Organisation


def event_add_url(entry, organisations_on_file):
    """The event form with the name, kind, day and the hosts on file already filled in."""
    hosts = [
        organisations_on_file[h] for h in entry.get("hosts") or [] if h in organisations_on_file
    ]
    params = {
        "name": entry["name"],
        "kind": entry.get("event_kind"),
        "start_date": entry.get("date"),
        "hosts": ",".join(map(str, hosts)),
    }
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{reverse('admin:entities_event_add')}?{query}"


# Shown on an imported draft that brought such names.
FIELDSET = ("Names from the wire not yet on file", {"fields": ["unknown_names"]})


def unknown_names(article, user=None):
    """An imported draft's unknown names (people, organisations, events, reports).

    Only someone who may add that kind of record gets its add link (the others
    would land on a refusal); the others hand the list to the moderators.
    """
    entries = name_entries(article)
    wanted = {entry.get("organisation") for entry in entries if entry.get("organisation")}
    wanted.update(entry.get("parent") for entry in entries if entry.get("parent"))
    wanted.update(host for entry in entries for host in entry.get("hosts") or [])
    # A person's organisation may be on file even when the person is not.
    known = dict(Organisation.objects.filter(name__in=wanted).values_list("name", "pk"))
    rows = []
    for entry in entries:
        if entry.get("kind") == "event":
            rows.append(
                (entry["name"], entry.get("date") or "", event_add_url(entry, known), "event")
            )
            continue
        if entry.get("kind") == "organisation":
            url = organisation_add_url(
                entry["name"],
                acronym=entry.get("acronym") or "",
                parent=known.get(entry.get("parent")),
                description=entry.get("description") or "",
            )
            about = ", ".join(filter(None, [entry.get("acronym"), entry.get("description")]))
            rows.append((entry["name"], about, url, "organisation"))
            continue
        if entry.get("kind") == "document":
            url = document_add_url(entry["name"], entry.get("document_kind") or "")
            rows.append((entry["name"], entry.get("event") or "", url, "document"))
            continue
        title = ", ".join(filter(None, [entry.get("title"), entry.get("organisation")]))
        url = person_add_url(
            entry["name"],
            entry.get("title") or "",
            known.get(entry.get("organisation")),
            aliases=entry.get("aliases") or (),
            family_name=entry.get("family_name") or "",
            given_names=entry.get("given_names") or "",
            english_name=entry.get("english_name") or "",
        )
        rows.append((entry["name"], title, url, "person"))
    items = []
    for name, detail, url, kind in rows:
        if user is not None and user.has_perm(f"entities.add_{kind}"):
            action = format_html(' <a href="{}">Add this {}</a>', url, kind)
        else:
            action = format_html('<span class="help"> ({}: a moderator adds it)</span>', kind)
        items.append(
            format_html('<li>{}<span class="help"> {}</span>{}</li>', name, detail, action)
        )
    handed = ""
    if article.names_handed_over_at:
        handed = format_html(
            '<p class="help">Handed to the moderators by {} on {}.</p>',
            article.names_handed_over_by or "someone",
            date_format(timezone.localtime(article.names_handed_over_at), "j M Y, H:i"),
        )
    return format_html(
        '<ul class="unknown-names">{}</ul>{}',
        format_html_join("", "{}", ((i,) for i in items)),
        handed,
    )


def name_entries(article):
    """The names among the import's notes (a "duplicate" entry names a story on file)."""
    return [
        entry
        for entry in article.wire_unknown_names
        if entry.get("name") and entry.get("kind") != "duplicate"
    ]


def may_add_all(user, article):
    kinds = {entry.get("kind") or "person" for entry in name_entries(article)}
    return all(user.has_perm(f"entities.add_{kind}") for kind in kinds)


def handover_offered(user, article):
    """Whether `user` is offered to send the article's unknown names to the moderators."""
    return (
        bool(name_entries(article))
        and article.names_handed_over_at is None
        and not may_add_all(user, article)
        and user.has_perm("articles.view_article")
    )


def awaiting_moderators():
    """Articles whose unknown names were handed over and are not yet done, oldest first."""
    return (
        Article.objects.not_trashed()
        .filter(names_handed_over_at__isnull=False)
        .order_by("names_handed_over_at", "pk")
    )
