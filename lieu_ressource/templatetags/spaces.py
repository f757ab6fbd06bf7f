"""`{% user_space as space %}`: the logged-in account's own space (see
lieu_ressource.spaces), for the header every logged-in page shows."""

from django import template

from lieu_ressource.spaces import space_of

register = template.Library()


@register.simple_tag(takes_context=True)
def user_space(context):
    user = context.get("user")
    if user is None and context.get("request") is not None:
        user = context["request"].user
    if user is None or not user.is_authenticated:
        return None
    return space_of(user)
