"""Two stale saves of a photo, person, organisation or event: the second is refused, not lost."""

import pytest
from django.urls import reverse

from articles.factories import PhotoFactory
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from tests.workflow_helpers import client_for

pytestmark = pytest.mark.django_db

# factory, the field both people change, two different values
CASES = [
    (PersonFactory, "bio", "Led the lab.", "Leads the lab."),
    (OrganisationFactory, "description", "A university.", "A research university."),
    (EventFactory, "description", "Signing at noon.", "Signing at two."),
    (PhotoFactory, "caption", "The signing.", "The signing at the harbour."),
]


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def form_data(response, **changes):
    """What the change form posts when only some fields are touched (no inline rows)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name == "image":
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**data, **changes}


@pytest.mark.parametrize("factory, field, first_value, second_value", CASES)
def test_second_stale_save_is_refused_and_keeps_the_typing(
    admin_user, django_user_model, factory, field, first_value, second_value
):
    obj = factory()
    other = django_user_model.objects.create_superuser("deputy", password="pw")
    first, second = client_for(admin_user), client_for(other)
    first_form, second_form = first.get(change_url(obj)), second.get(change_url(obj))
    assert 'name="opened_at"' in second_form.content.decode()

    saved = first.post(change_url(obj), form_data(first_form, **{field: first_value}))
    refused = second.post(change_url(obj), form_data(second_form, **{field: second_value}))

    obj.refresh_from_db()
    page = refused.content.decode()
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert refused.status_code == 200
    assert getattr(obj, field) == first_value
    assert f"{admin_user} saved this {obj._meta.verbose_name}" in page
    assert second_value in page
    # Saving again, now with their save in view, is a deliberate overwrite.
    again = second.post(
        change_url(obj),
        form_data(refused, **{field: second_value}),
    )
    obj.refresh_from_db()
    assert again.status_code == 302
    assert getattr(obj, field) == second_value
