# syntax=docker/dockerfile:1
# GenHub in a container: `genhub start` with its HTTP endpoints (/healthz, /metrics, /files,
# /webhooks) on port 8787. compose.yaml runs a bot and workers on PostgreSQL, Redis and S3 with it.
ARG NODE_VERSION=24

# 1. Build: the whole workspace installed with pnpm, packages compiled, then the CLI and its
#    production dependencies copied out on their own.
FROM node:${NODE_VERSION}-bookworm-slim AS build
# Build tools for native addons that have no prebuilt binary for this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The pnpm version named by package.json's packageManager field.
RUN corepack enable
COPY . .
RUN pnpm install --frozen-lockfile
# The same build as ./scripts/start: genhub and the packages it runs on, into their dist/ folders.
RUN pnpm exec turbo run build --filter @genhub/cli...
RUN pnpm --filter @genhub/cli --prod deploy --legacy /app

# 2. Run: only the CLI and its production dependencies, as the unprivileged `node` user.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    GENHUB_DATA_DIR=/data \
    GENHUB_HTTP_HOST=0.0.0.0 \
    GENHUB_HTTP_PORT=8787
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.GENHUB_HTTP_PORT || 8787) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/genhub.js"]
CMD ["start"]
