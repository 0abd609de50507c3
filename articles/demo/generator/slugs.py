from django.utils.text import slugify


class Slugs:
    """Unique slugs for one model without a query per row: the taken ones are read once.

    Collisions get a numeric suffix ("tim-cheng", "tim-cheng-2"), as a saved
    object would; the next suffix to try is remembered per base, so a thousand
    stories with the same headline do not each walk the whole run of numbers.
    """

    def __init__(self, model, field="slug"):
        self.max_length = model._meta.get_field(field).max_length
        self.fallback = model._meta.model_name
        self.taken = set(model._default_manager.values_list(field, flat=True))
        self.next_suffix = {}

    def __call__(self, text):
        base = (slugify(text) or self.fallback)[: self.max_length].strip("-")
        candidate, n = base, self.next_suffix.get(base, 2)
        while candidate in self.taken:
            suffix = f"-{n}"
            candidate = f"{base[: self.max_length - len(suffix)]}{suffix}"
            n += 1
        self.next_suffix[base] = n
        self.taken.add(candidate)
        return candidate
