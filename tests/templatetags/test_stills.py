"""``{% still %}`` and ``still_url``: renditions once made, the original until then."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from reviews.models import Photo
from tests import factories
from tests.helpers import processed_still

pytestmark = pytest.mark.django_db


def render(photo, arguments: str = "") -> str:
    template = Template("{% load stills %}{% still photo " + arguments + " %}")
    return template.render(Context({"photo": photo}))


def test_still_falls_back_to_the_original_until_renditions_exist():
    photo = factories.PhotoFactory(caption="Emma Stone as Mia.")
    html = render(photo)
    assert f'src="{photo.image.url}"' in html
    assert "srcset" not in html and "<source" not in html
    assert 'width="64" height="36"' in html and 'loading="lazy"' in html
    assert '<span class="credit">Dale Robinette/Lionsgate</span>' in html


def test_still_uses_webp_and_jpeg_renditions_once_made(django_capture_on_commit_callbacks):
    photo = processed_still(django_capture_on_commit_callbacks)
    photo = Photo.objects.prefetch_related("renditions").get(pk=photo.pk)
    html = render(photo, 'sizes="50vw"')
    webp = photo.renditions.get(spec="w640", format="webp").file.url
    jpeg = photo.renditions.get(spec="w960", format="jpeg").file.url
    assert '<source type="image/webp" srcset="' in html and f"{webp} 640w" in html
    assert f'src="{jpeg}"' in html and f"{jpeg} 960w" in html
    assert 'sizes="50vw"' in html and 'width="1400" height="700"' in html
    assert 'alt="A woman at a piano."' in html
    assert '<figcaption>Emma Stone as Mia. <span class="credit">' in html


def test_card_crop_is_used_when_asked(django_capture_on_commit_callbacks):
    photo = processed_still(django_capture_on_commit_callbacks)
    html = render(photo, 'crop="card"')
    card = photo.renditions.get(spec="card", format="jpeg")
    assert f'src="{card.file.url}"' in html and 'width="1244" height="700"' in html


def test_expired_still_renders_nothing():
    photo = factories.PhotoFactory(usage_expires=timezone.localdate() - datetime.timedelta(1))
    assert render(photo) == ""


def test_still_url_gives_the_social_crop_or_the_original(django_capture_on_commit_callbacks):
    from reviews.templatetags.stills import still_url

    plain = factories.PhotoFactory()
    assert still_url(plain) == plain.image.url
    photo = processed_still(django_capture_on_commit_callbacks)
    social = photo.renditions.get(spec="social", format="jpeg")
    assert still_url(photo) == social.file.url and (social.width, social.height) == (700, 700)
    plain.usage_expires = timezone.localdate() - datetime.timedelta(1)
    assert still_url(plain) == ""
