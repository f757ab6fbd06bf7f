"""Links that open the phone's dialler from a person's page."""

import re

from django import template

register = template.Library()


@register.filter
def tel_uri(phone):
    """`tel:` address of a phone number as people write it ("03 88 12 34 56",
    "+49 (0)781 123-45"): a URI holds no spaces, so only the digits and a leading "+"
    are kept; "(0)" is the trunk prefix, dropped after a country code."""
    number = re.sub(r"\(0\)", "", phone) if phone.strip().startswith("+") else phone
    digits = re.sub(r"\D", "", number)
    return f"tel:+{digits}" if number.strip().startswith("+") else f"tel:{digits}"
