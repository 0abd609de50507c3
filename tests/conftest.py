import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files in tests go to a throwaway folder, never the real media root."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_staff(db, django_user_model):
    """Creates a staff user in one of the newsroom's role groups."""
    from django.contrib.auth.models import Group

    def make(role, username=None):
        user = django_user_model.objects.create_user(
            username=username or role.lower(), password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff("Editors", "editor")


@pytest.fixture
def reporter(make_staff):
    return make_staff("Reporters", "reporter")


@pytest.fixture
def moderator(make_staff):
    return make_staff("Moderators", "moderator")
