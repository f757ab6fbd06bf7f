from django.urls import path

from . import views

app_name = "fse"

# Under /staff/fse/ (no language prefix: the admin's language rules apply).
urlpatterns = [path("", views.steps_due, name="steps_due")]
