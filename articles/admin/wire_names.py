"""Names a wire story brought that are not on file yet, each one click from its add form."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html, format_html_join

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


def unknown_names(article):
    """An imported draft's unknown names (people, organisations, events, reports)."""
    entries = [
        entry
        for entry in article.wire_unknown_names
        if entry.get("name") and entry.get("kind") != "duplicate"
    ]
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
    return format_html(
        '<ul class="unknown-names">{}</ul>',
        format_html_join(
            "",
            '<li>{}<span class="help"> {}</span> <a href="{}">Add this {}</a></li>',
            rows,
        ),
    )
