# The bot in one image. Without TELEGRAM_BOT_TOKEN it serves the sandbox on port 8081.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    SANDBOX_HOST=0.0.0.0 \
    TELEGRAM_WEBHOOK_LISTEN=0.0.0.0:8080 \
    DATABASE_URL=sqlite+aiosqlite:////app/data/bot.sqlite3

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY sandbox ./sandbox
COPY dialogs ./dialogs
COPY storage ./storage
COPY locales ./locales
COPY scripts ./scripts
RUN pip install . \
    && PYTHON=python scripts/i18n compile \
    && useradd --system --uid 10001 --home /app bot \
    && mkdir -p /app/data && chown bot /app/data

USER bot
VOLUME ["/app/data"]
EXPOSE 8080 8081
CMD ["python", "-m", "bot"]
