"""Account emails are kept in lower case. allauth lowercases the address a person
types and looks it up exactly, so an account saved as `Mixed.Case@Example.org` (as
the admin keeps what staff type) could not log in nor reset its password, typed
either way. Lowercasing on every save makes the stored form match the lookup."""


def normalise_email(value):
    """The form an account's email is stored and compared in."""
    return (value or "").strip().lower()


def lowercase_account_email(sender, instance, **kwargs):
    """pre_save of the user model: the admin, `createsuperuser`, `seed_demo` and the
    shell all save accounts, and the user model is Django's own, so its save is the
    one place they share."""
    instance.email = normalise_email(instance.email)
