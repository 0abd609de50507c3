"""Add forms opened with what is already known about a new person or organisation.

`person_add_url("Tim Cheng", "vice-president", hkust)` opens the person form with
the name filled in and a first position at that organisation.
"""

from urllib.parse import urlencode

from django.urls import reverse


def _with_query(url, params):
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


def person_add_url(
    name,
    title="",
    organisation=None,
    *,
    aliases=(),
    family_name="",
    given_names="",
    english_name="",
):
    """The person form with the name, its parts and other forms, and a first position."""
    return _with_query(
        reverse("admin:entities_person_add"),
        {
            "display_name": name,
            "family_name": family_name,
            "given_names": given_names,
            "english_name": english_name,
            # The aliases field takes one name a line.
            "aliases": "\n".join(a for a in aliases if a and a != name),
            "title": title,
            "organisation": getattr(organisation, "pk", organisation),
        },
    )


def organisation_add_url(name, *, acronym="", parent=None, description=""):
    """The organisation form with the acronym, the parent on file and the copy's description."""
    return _with_query(
        reverse("admin:entities_organisation_add"),
        {
            "name": name,
            "short_name": acronym,
            "parent": getattr(parent, "pk", parent),
            "description": (description or "")[:255],
        },
    )


def document_add_url(title, kind=""):
    return _with_query(reverse("admin:entities_document_add"), {"title": title, "kind": kind})


def position_initial(request):
    """The first position asked for by a person add form's address, or None."""
    title = request.GET.get("title", "").strip()
    organisation = request.GET.get("organisation", "")
    if request.method != "GET" or not (title or organisation.isdigit()):
        return None
    return {"title": title, "organisation": organisation if organisation.isdigit() else None}
