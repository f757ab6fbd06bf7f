from django.urls import include, path

from . import staff_views

app_name = "staff_events"

attendee_patterns = [
    path("", staff_views.link, name="link"),
    path("link/", staff_views.link_existing, name="link_existing"),
    path("new-person/", staff_views.create_person, name="create_person"),
    path("anonymous/", staff_views.leave_anonymous, name="leave_anonymous"),
]

# Under /staff/ (no language prefix: the admin's language rules apply), beside the
# team's dashboard at /staff/ itself (lieu_ressource.views).
urlpatterns = [
    path("check-in/", staff_views.event_list, name="events"),
    path("check-in/<int:pk>/", staff_views.check_in, name="check_in"),
    path(
        "check-in/<int:pk>/registrations/<int:registration_pk>/",
        staff_views.mark,
        name="mark",
    ),
    path("check-in/<int:pk>/all-present/", staff_views.mark_all_present, name="all_present"),
    path("check-in/<int:pk>/all-present/undo/", staff_views.undo_all_present, name="undo_all"),
    path("check-in/<int:pk>/walk-ins/", staff_views.add_walk_in, name="add_walk_in"),
    path("check-in/<int:pk>/attendees/<int:attendance_pk>/", include(attendee_patterns)),
]
