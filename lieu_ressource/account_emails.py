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


def email_taken(email, account=None):
    """Whether another account than `account` already uses `email`, in any case."""
    from django.contrib.auth import get_user_model

    others = get_user_model().objects.filter(email__iexact=normalise_email(email))
    if account is not None and account.pk:
        others = others.exclude(pk=account.pk)
    return others.exists()


class UniqueAccountEmailMixin:
    """The admin's account form: an email already used by another account, whatever
    its case, is refused (one address, one account: login and password reset find
    accounts by their email)."""

    def clean_email(self):
        from django import forms
        from django.utils.translation import gettext as _

        email = normalise_email(self.cleaned_data.get("email"))
        if email and email_taken(email, self.instance):
            raise forms.ValidationError(
                _("Another account already uses this email address."), code="email_taken"
            )
        return email


def guard_user_admin(site):
    """Give the admin's account form the unique-email check."""
    from django.contrib.auth import get_user_model

    model = get_user_model()
    model_admin = site._registry.get(model)
    if model_admin is None or issubclass(model_admin.form, UniqueAccountEmailMixin):
        return
    form = type(
        f"UniqueEmail{model_admin.form.__name__}", (UniqueAccountEmailMixin, model_admin.form), {}
    )
    admin_class = type(model_admin)
    site.unregister(model)
    site.register(model, type(admin_class.__name__, (admin_class,), {"form": form}))
