FROM python:3.11-slim-bookworm AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock


FROM python:3.11-slim-bookworm

ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    GUNICORN_BIND=0.0.0.0:8000 \
    DATABASE_URL=sqlite:////data/db.sqlite3

RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid app --home-dir /nonexistent \
        --shell /usr/sbin/nologin app \
    && mkdir /data \
    && chown app /data

WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY . .
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput

USER 10001:10001
EXPOSE 8000

# Healthy while the database answers a query and takes a write (/readyz), so a
# replica whose database is gone, read-only or full is taken out of service.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; host = os.environ.get('DJANGO_ALLOWED_HOSTS', 'localhost').split(',')[0].strip(' .*') or 'localhost'; r.urlopen(r.Request('http://127.0.0.1:8000/readyz', headers={'Host': host}), timeout=4)"]

ENTRYPOINT ["scripts/docker-entrypoint"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "interviewdecider.wsgi"]
