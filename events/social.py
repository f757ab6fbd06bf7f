"""What link previews (Open Graph, Twitter cards) and JSON-LD show of a page: its
image as an absolute address. The card is a static file drawn for the site; an event
with its own image shows that one."""

from django.templatetags.static import static

from . import links

CARD_IMAGE = "img/social-card.png"
CARD_SIZE = (1200, 630)


def image_path(event=None):
    """The image of `event` (its upload) or the site's card, as a path."""
    if event and getattr(event, "image", None):
        return event.image.url
    return static(CARD_IMAGE)


def image_url(event=None):
    return links.absolute(image_path(event))
