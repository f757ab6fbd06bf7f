"""The catalogue of inspiring practices (seed 004): actions by companies and
partners for the people of priority neighbourhoods (QPV), one sheet each, for other
partners to copy."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """What a practice is about (access to goods and services, support towards
    employment, links with companies, …): the catalogue's filter."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class Practice(models.Model):
    """One sheet of the catalogue: what was at stake, in what context, what was done
    and with what results, by whom and where, and whom to ask."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    stakes = models.TextField(_("stakes"), blank=True)
    context = models.TextField(_("context"), blank=True)
    actions = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    further = models.TextField(
        _("to go further"),
        blank=True,
        help_text=_("Lessons for whoever would do the same, related schemes."),
    )
    territory = models.CharField(
        _("territory"),
        max_length=150,
        help_text=_("Where it happens, as the public says it: “Metz – Borny”, “Grand Est”."),
    )
    neighbourhoods = models.ManyToManyField(
        "beneficiaries.PriorityNeighbourhood",
        blank=True,
        related_name="practices",
        verbose_name=_("priority neighbourhoods (QPV)"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="practices", verbose_name=_("themes")
    )
    organisations = models.ManyToManyField(
        "partners.Organisation",
        blank=True,
        related_name="practices",
        verbose_name=_("partners involved"),
    )
    other_partners = models.CharField(
        _("other partners involved"),
        max_length=500,
        blank=True,
        help_text=_("Partners that are not in the organisations list, by name."),
    )
    contact = models.TextField(
        _("contact"),
        blank=True,
        help_text=_("Whom to ask, as published: name, role, email, phone, website."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["title"]
        indexes = [models.Index(fields=["is_published", "title"], name="practice_published")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Each language gets a slug from its own title when staff left it empty.
        for lang, _name in settings.LANGUAGES:
            title = getattr(self, f"title_{lang}")
            if title and not getattr(self, f"slug_{lang}"):
                setattr(self, f"slug_{lang}", slugify(title)[:200])
        super().save(*args, **kwargs)
