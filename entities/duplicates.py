"""People and organisations already known by one of a new record's names.

Matching is on whole names, ignoring case and spacing: "hkust" finds the
organisation whose short name is "HKUST", "鄭光廷" the person with that alias.
"""

from django.db.models import Q

from entities.admin.search import AliasesText
from entities.models import Organisation, Person

NAME_FIELDS = {
    Person: ["display_name"],
    Organisation: ["name", "short_name"],
}


def name_key(name):
    return " ".join(str(name).split()).casefold()


def likely_duplicates(model, names, exclude_pk=None):
    keys = {name_key(name) for name in names if name and name_key(name)}
    if not keys:
        return []
    query = Q()
    for name in names:
        name = " ".join(str(name).split())
        if not name:
            continue
        for field in NAME_FIELDS[model]:
            query |= Q(**{f"{field}__iexact": name})
        # A substring of the aliases' text narrows the candidates; the exact
        # comparison below decides.
        query |= Q(aliases_text__icontains=name)
    candidates = model.objects.alias(aliases_text=AliasesText("aliases")).filter(query)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return [
        candidate
        for candidate in candidates[:50]
        if keys & {name_key(name) for name in candidate.names}
    ]
