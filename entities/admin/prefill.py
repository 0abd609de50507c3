"""Add forms opened with what is already known about a new person or organisation.

`person_add_url("Tim Cheng", "vice-president", hkust)` opens the person form with
the name filled in and a first position at that organisation.
"""

from urllib.parse import urlencode

from django.urls import reverse


def _with_query(url, params):
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


def person_add_url(name, title="", organisation=None):
    return _with_query(
        reverse("admin:entities_person_add"),
        {
            "display_name": name,
            "title": title,
            "organisation": getattr(organisation, "pk", organisation),
        },
    )


def organisation_add_url(name):
    return _with_query(reverse("admin:entities_organisation_add"), {"name": name})


def position_initial(request):
    """The first position asked for by a person add form's address, or None."""
    title = request.GET.get("title", "").strip()
    organisation = request.GET.get("organisation", "")
    if request.method != "GET" or not (title or organisation.isdigit()):
        return None
    return {"title": title, "organisation": organisation if organisation.isdigit() else None}
