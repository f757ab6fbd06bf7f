from allauth.account.adapter import DefaultAccountAdapter


class ClosedSignupAdapter(DefaultAccountAdapter):
    """Accounts are created by staff in the admin: the public registers to events
    without one, so there is no self-service sign-up."""

    def is_open_for_signup(self, request):
        return False
