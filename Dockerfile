# Mufakat in one image: the built client plus the server, which runs its TypeScript through tsx.
# Used by docker-compose.yml; the database is MongoDB at MONGODB_URI (the image carries no Go
# toolchain, so the embedded FerretDB is not available inside it).

FROM node:20-bookworm-slim AS base
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app

# Every workspace manifest, so the frozen lockfile matches the workspace it was written for.
FROM base AS manifests
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY tests/package.json tests/

# All dependencies, development ones included: the client build needs Vite.
FROM manifests AS deps
RUN pnpm install --frozen-lockfile

FROM deps AS build
COPY tsconfig.base.json ./
COPY shared shared
COPY client client
RUN pnpm --filter @mufakat/client build

# Only what the server needs at run time (its dependencies and the shared package's).
FROM manifests AS prod-deps
RUN pnpm install --frozen-lockfile --prod --filter "@mufakat/server..."

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=prod-deps /app/package.json /app/pnpm-workspace.yaml ./
COPY --from=prod-deps /app/node_modules node_modules
COPY tsconfig.base.json ./
COPY --from=prod-deps /app/shared shared
COPY shared/src shared/src
COPY shared/tsconfig.json shared/
COPY --from=prod-deps /app/server server
COPY server/src server/src
COPY server/tsconfig.json server/
COPY --from=build /app/client/dist client/dist
# The code stays root-owned and read-only to the app; only the data folder is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
WORKDIR /app/server
EXPOSE 3000
# What `pnpm --filter @mufakat/server start` runs (tsx src/main.ts in server/), started by node directly:
# no package manager to download at start, and SIGTERM reaches the server, which closes cleanly.
CMD ["node", "--import", "tsx", "src/main.ts"]
