"""Every admin page opens for a superuser on the data `seed_demo` writes."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_admin_list_add_and_change_page_opens_on_demo_data(client, rf):
    call_command("seed_demo", scale=0.05, seed=3, today="2026-11-25", verbosity=0)
    superuser = get_user_model().objects.get(email="admin@example.org")
    TOTP.activate(superuser, generate_totp_secret())
    client.force_login(superuser)
    request = rf.get("/admin/")
    request.user = superuser

    failures = []
    for model, model_admin in admin.site._registry.items():
        urls = [admin_url(model, "changelist")]
        if model_admin.has_add_permission(request):
            urls.append(admin_url(model, "add"))
        first = model_admin.get_queryset(request).first()
        if first is not None:
            urls.append(admin_url(model, "change", first.pk))
        for url in urls:
            status = client.get(url).status_code
            if status != 200:
                failures.append(f"{url}: {status}")
    assert failures == []
