# Leerkring: one image for web (gunicorn), worker and beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH

# The uv that wrote uv.lock (a much older uv may not read it).
COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /usr/local/bin/uv

WORKDIR /app

# Dependencies first (cached layer): production dependencies only, from the lock file.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .

# Messages are compiled in pure Python (no gettext). Static files are collected with the
# production storage (hashed names + manifest for whitenoise) and a throwaway build-only key,
# because production settings refuse to start without one; no service is contacted.
RUN python manage.py compilemo \
    && DJANGO_ENV=production \
       DJANGO_SECRET_KEY=build-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
       REDIS_URL=redis://redis:6379/0 \
       python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app leerkring \
    && mkdir -p /app/var/media \
    && chown -R leerkring /app/var

USER leerkring

ENV DJANGO_ENV=production \
    PORT=8000

EXPOSE 8000

CMD ["sh", "-c", "gunicorn config.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips='*'"]
