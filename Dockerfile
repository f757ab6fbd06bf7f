FROM python:3.11-slim
# WeasyPrint renders PDFs with Pango; gettext compiles the translations.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV DJANGO_SETTINGS_MODULE=lieu_ressource.settings PYTHONUNBUFFERED=1 \
    PYTHON=python STATIC_ROOT=/app/staticfiles
# Translations and static files (hashed, with gzip and Brotli copies) are built into
# the image: they need no secret and no database (see bin/production).
RUN bin/production assets
EXPOSE 8000
CMD ["bin/production", "web"]
