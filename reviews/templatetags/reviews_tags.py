from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def stars(review) -> SafeString:
    """The star rating as glyphs, with its text equivalent for screen readers."""
    rating = review.rating
    context = {"rating": rating, "text": review.stars_text}
    if rating is not None:
        whole, half = divmod(int(rating * 2), 2)
        context |= {
            "full_stars": range(whole),
            "half": bool(half),
            "empty_stars": range(4 - whole - half),
        }
    return render_to_string("reviews/includes/stars.html", context)
