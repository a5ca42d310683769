# syntax=docker/dockerfile:1
# Stage 1: build the SPA.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# Stage 2: the API, serving the built SPA. Migrations run on start (replicas serialize on a database lock).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ENVIRONMENT=production \
    DATA_DIR=/data
WORKDIR /srv
COPY pyproject.toml ./
COPY app ./app
RUN pip install --no-cache-dir -e .
COPY alembic.ini ./
COPY alembic ./alembic
COPY --from=spa /src/frontend/dist ./frontend/dist
RUN useradd --system --uid 10001 dangjian && mkdir -p /data && chown dangjian /data
USER dangjian
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/ping')"
CMD ["sh", "-c", "python -m app migrate && exec python -m app serve --host 0.0.0.0 --port 8000 --workers ${WEB_CONCURRENCY:-2}"]
