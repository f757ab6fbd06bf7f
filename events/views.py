from django.shortcuts import render

from .selectors import upcoming_public_events


def home(request):
    return render(request, "events/home.html", {"events": upcoming_public_events(limit=6)})
