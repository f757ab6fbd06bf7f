"""Public pages: home, agenda, event pages with registration, private registration
links, calendar files and the privacy and legal notices."""

import hashlib
import json
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_http_methods

from . import (
    accessibility,
    calendar,
    links,
    page_cache,
    ratelimit,
    registration_state,
    selectors,
    services,
    sitemaps,
    social,
    tokens,
)
from .forms import AgendaFilter, RegistrationForm
from .models import Event, Registration
from .paging import uncounted_page

EVENTS_PER_PAGE = 20
# A built feed is kept this long (or until the content changes).
FEED_SECONDS = 3600


# Query parameters a cached list understands; any other one renders the page afresh
# (a stranger's made-up parameters never reach other visitors through the cache).
AGENDA_PARAMETERS = {"format", "audience", "language", "month", "page"}


def _until_a_state_changes(events):
    """How long a list's rendering stays true: until a listed event's registration
    opens or closes or it starts (the cache would otherwise hold the old badge)."""
    return registration_state.seconds_to_next_change(events, longest=page_cache.PAGE_SECONDS)


def home(request):
    def context():
        events = list(selectors.upcoming_public_events(limit=6))
        return {
            "events": events,
            "centre": selectors.centre_venue(),
            "nav": "home",
            "cache_seconds": _until_a_state_changes(events),
        }

    return page_cache.cached_page(request, "events/home.html", context)


def agenda(request):
    def context():
        filters = AgendaFilter(request.GET or None, queryset=selectors.upcoming_public_events())
        page = Paginator(filters.qs, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        return {
            "filter": filters,
            "page": page,
            "nav": "agenda",
            "cache_seconds": _until_a_state_changes(page.object_list),
        }

    return page_cache.cached_page(
        request, "events/agenda.html", context, parameters=AGENDA_PARAMETERS
    )


def past_events(request):
    def context():
        return {
            "page": uncounted_page(
                selectors.past_public_events(), request.GET.get("page"), EVENTS_PER_PAGE
            ),
            "nav": "past",
        }

    return page_cache.cached_page(request, "events/past_events.html", context, parameters={"page"})


def _public_event_or_404(pk):
    event = selectors.public_event(pk)
    if event is None:
        raise Http404(_("No such event."))
    return event


def event_redirect(request, pk):
    """An event's address without its slug leads to the canonical one."""
    return redirect(links.event_path(_public_event_or_404(pk)), permanent=True)


@require_http_methods(["GET", "HEAD", "POST"])
def event_detail(request, pk, slug):
    if request.method != "POST":
        # The page is cached with its empty form; the visitor's CSRF token goes in
        # after the cache, and a POST (with its errors) is never cached.
        return page_cache.cached_page(
            request, "events/event_detail.html", lambda: _event_page(request, pk, slug)
        )
    result = _event_page(request, pk, slug)
    if isinstance(result, HttpResponse):
        return result
    event = result["event"]
    form = RegistrationForm(request.POST)
    if ratelimit.exceeded(request, "registration"):
        return render(request, "events/too_many_requests.html", {"event": event}, status=429)
    if form.is_spam:
        # Robots get the same neutral answer as people would, and nothing is saved.
        return render(request, "events/registration_received.html", {"event": event})
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register(
                event,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                organisation_name=data["organisation_name"],
                language=data["language"],
                consent=data["consent"],
            )
        except services.AlreadyRegistered as exc:
            form.add_error("email", exc.message)
        except services.RegistrationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(links.done_path(registration))
    result.pop("cache_seconds")
    return render(request, "events/event_detail.html", {**result, "form": form})


def _event_page(request, pk, slug):
    """The event page's context with an empty form, or the redirect to its canonical
    address."""
    event = _public_event_or_404(pk)
    canonical = links.event_path(event)
    if slug != links.event_slug(event):
        # An old slug or the other language's slug: send to this language's address.
        query = request.META.get("QUERY_STRING")
        return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)
    now = timezone.now()
    state = registration_state.state_of(event, now)
    return {
        "event": event,
        "form": RegistrationForm(),
        "registration_state": state,
        "closed_because": registration_state.explanation(state),
        "is_full": state.is_waiting_list,
        "alternate_urls": links.event_paths_by_language(event),
        "json_ld": _json_ld(event, request.build_absolute_uri(canonical), state),
        "centre": selectors.centre_venue(),
        "nav": "agenda",
        # Only the invited have the address of a closed action: search engines skip it.
        "private": event.openness == Event.Openness.CLOSED,
        # The cached page must not outlive what it says about registration.
        "cache_seconds": registration_state.seconds_to_next_change(
            [event], now, longest=page_cache.PAGE_SECONDS
        ),
    }


def registration_done(request, token):
    """The page after a sign-up: confirmed place or waiting list."""
    registration = tokens.registration_for_done_token(token)
    if registration is None:
        raise Http404(_("This link is not valid or has expired."))
    return render(
        request,
        "events/registration_done.html",
        {"registration": registration, "event": registration.event, "private": True},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request, token):
    """The private link of the emails: GET asks to confirm, only POST cancels (mail
    scanners follow links)."""
    registration = tokens.registration_for_cancel_token(token)
    if registration is None:
        raise Http404(_("This link is not valid."))
    event = registration.event
    is_over = event.end <= timezone.now()
    if request.method == "POST" and not is_over:
        services.cancel(registration)
        return redirect(request.path)
    return render(
        request,
        "events/cancel_registration.html",
        {
            "registration": registration,
            "event": event,
            "is_cancelled": registration.status == Registration.Status.CANCELLED,
            "is_over": is_over,
            "private": True,
        },
    )


def _feed_etag(request):
    """Changes with any public content, the language, the filters and the day (the
    feed's window moves daily); needs no database query."""
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    parts = (page_cache.current_version(), get_language(), query, str(timezone.localdate()))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _feed_last_modified(request):
    changed = datetime.fromtimestamp(page_cache.last_change(), tz=UTC)
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(changed, midnight)


# Calendar applications poll the feed: they get 304 Not Modified while nothing changed.
@condition(etag_func=_feed_etag, last_modified_func=_feed_last_modified)
def agenda_calendar(request):
    """The iCalendar feed of coming events (see selectors.calendar_events for its
    window), narrowed by the agenda's filters when the address carries them."""

    def build():
        filters = AgendaFilter(request.GET or None, queryset=Event.objects.all())
        return calendar.build_calendar(
            selectors.calendar_events(filters.qs), name=_("Lieu ressource – agenda")
        )

    content = page_cache.cached_bytes(
        request, build, seconds=FEED_SECONDS, parameters=AGENDA_PARAMETERS - {"page"}
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


def sitemap_section(request, section):
    """One page of a sitemap section (the index, Django's view, lists them)."""
    if section not in sitemaps.sitemaps:
        raise Http404(_("No such sitemap."))
    site = sitemaps.sitemaps[section]()

    def build():
        try:
            page = site.get_urls(
                page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme
            )
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404(_("No such sitemap page.")) from exc
        return sitemaps.urlset_xml(page)

    content = page_cache.cached_bytes(request, build, parameters={"p"})
    return HttpResponse(content, content_type="application/xml")


def event_calendar(request, pk):
    """One event as an .ics file, to add to a calendar."""
    event = _public_event_or_404(pk)
    response = HttpResponse(
        calendar.build_calendar([event], name=event.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def privacy(request):
    from privacy.processing import retention_rules

    context = {
        "nav": "privacy",
        "contact_email": getattr(settings, "PUBLIC_CONTACT_EMAIL", ""),
        "retention_years": getattr(settings, "PERSONAL_DATA_RETENTION_YEARS", 3),
        # The same rules as the record of processing (privacy/processing.py).
        "retention_rules": retention_rules(),
    }
    return render(request, "events/privacy.html", context)


def legal_notice(request):
    centre = selectors.centre_venue()
    context = {
        "nav": "legal",
        "contact_email": (centre.email if centre else "") or settings.PUBLIC_CONTACT_EMAIL,
        "publisher": settings.LEGAL_PUBLISHER,
        "publisher_address": settings.LEGAL_PUBLISHER_ADDRESS,
        "publication_director": settings.LEGAL_PUBLICATION_DIRECTOR,
        "host": settings.LEGAL_HOST,
        "host_address": settings.LEGAL_HOST_ADDRESS,
        "host_phone": settings.LEGAL_HOST_PHONE,
        "centre": centre,
    }
    return render(request, "events/legal_notice.html", context)


def accessibility_statement(request):
    """The RGAA accessibility statement, linked from every page's footer."""
    return render(
        request,
        "events/accessibility.html",
        {
            "nav": "accessibility",
            "statement": accessibility.statement(),
            "rgaa_version": accessibility.RGAA_VERSION,
            "criteria": accessibility.CRITERIA_TESTED,
            "pages": accessibility.PAGES_TESTED,
            "non_conformities": accessibility.KNOWN_NON_CONFORMITIES,
            "publisher": settings.LEGAL_PUBLISHER,
            "centre": selectors.centre_venue(),
        },
    )


# schema.org availability of the free "offer" (a place) in each registration state.
AVAILABILITY = {
    registration_state.OPEN: "InStock",
    registration_state.NO_REGISTRATION: "InStock",
    registration_state.WAITING_LIST: "SoldOut",
    registration_state.NOT_YET_OPEN: "PreSale",
    registration_state.CLOSED: "OutOfStock",
    registration_state.STARTED: "OutOfStock",
    registration_state.OVER: "OutOfStock",
    registration_state.CANCELLED: "Discontinued",
}


def _json_ld(event, url, state):
    """schema.org Event data, escaped for a <script> element."""
    venue = event.venue
    statuses = {
        Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary or event.description[:300],
        "url": url,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": statuses.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": event.language.split("-"),
        "isAccessibleForFree": True,
        "location": {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address,
                "postalCode": venue.postcode,
                "addressLocality": venue.city,
                "addressCountry": venue.country,
            },
        },
        "image": [links.absolute(social.image_path(event))],
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": url,
            "availability": "https://schema.org/" + AVAILABILITY.get(state.code, "OutOfStock"),
            # Places are offered from the opening of registration (or publication).
            "validFrom": timezone.localtime(
                event.registration_opens or event.created_at
            ).isoformat(),
        },
    }
    organisers = [
        {"@type": "Organization", "name": p.organisation.name}
        | ({"url": p.organisation.website} if p.organisation.website else {})
        for p in event.participations.all()
        if p.role != p.Role.PARTICIPANT
    ]
    if organisers:
        data["organizer"] = organisers
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(escaped)
