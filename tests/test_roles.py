import pytest
from django.contrib.auth.models import Group, Permission

from newsdesk.roles import role_permissions

pytestmark = pytest.mark.django_db


def test_every_listed_permission_exists_and_is_granted():
    for role, codenames in role_permissions().items():
        granted = set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        assert granted == set(codenames), role
        for app_label, codename in codenames:
            assert Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists()


def test_only_editors_publish():
    holders = Group.objects.filter(permissions__codename="publish_article")
    assert list(holders.values_list("name", flat=True)) == ["Editors"]
