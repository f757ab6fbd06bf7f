from django.urls import path

from . import views

app_name = "beneficiaries"

# Under /staff/people/ (no language prefix: the admin's language rules apply).
urlpatterns = [
    path("", views.my_caseload, name="caseload"),
    path("dropout-risks/", views.dropout_list, name="dropout_risks"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/add/<slug:kind>/", views.add_record, name="add_record"),
]
