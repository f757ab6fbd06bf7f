from django.urls import path

from . import staff_views

app_name = "privacy_staff"

urlpatterns = [path("record/", staff_views.record_of_processing, name="record")]
