from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import link_views, views

app_name = "referrals"

# Under /staff/referrals/ (no language prefix, as the other staff pages).
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("sent/", views.sent_list, name="sent"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("people/<int:pk>/timeline/", views.person_timeline, name="timeline"),
    path("people/<int:pk>/refer/", views.refer_person, name="refer"),
]

# Under the language prefix: /fr/orientation/<token>/, /de/vermittlung/<token>/.
link_urlpatterns = (
    [path(_("referral/"), include([path("<str:token>/", link_views.answer, name="answer")]))],
    "referrals_link",
)
