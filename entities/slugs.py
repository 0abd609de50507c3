from django.utils.text import slugify


def unique_slug(instance, value, field="slug", max_length=None):
    """A slug for `value` not yet used by another row of the instance's model.

    A numeric suffix is added on collision ("tim-cheng", "tim-cheng-2").
    """
    model = type(instance)
    max_length = max_length or model._meta.get_field(field).max_length
    base = (slugify(value) or model._meta.model_name)[:max_length].strip("-")
    others = (
        model._default_manager.exclude(pk=instance.pk)
        if instance.pk
        else (model._default_manager.all())
    )
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return candidate
