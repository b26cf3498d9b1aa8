import pytest
from django.contrib.auth.models import Group

from tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _member_of(group: str, **kwargs):
    user = factories.UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _member_of("Editor", username="editor")


@pytest.fixture
def critic_user(db):
    user = _member_of("Critic", username="critic")
    factories.CriticFactory(user=user, name="Tomás Okafor", slug="tomas-okafor")
    return user


@pytest.fixture
def photo_desk(db):
    return _member_of("Photo desk", username="photodesk")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing with the production hasher costs ~0.1 s a user; tests do not need that."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
