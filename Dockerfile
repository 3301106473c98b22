# syntax=docker/dockerfile:1
# 联防 Lianfang: a build stage with the dev tools (tsc, vite) and a runtime stage without them.
#   docker build -t lianfang .      then see compose.yaml
# scripts/check-runtime-image.sh checks the runtime stage's file list without Docker: it copies
# exactly the COPY lines below into a folder, runs `npm ci --omit=dev` there and starts the server.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The postinstall step patches the PostgreSQL driver (see the README).
COPY scripts/patch-postgres-driver.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# web/dist (vite) and dist/ (tsc: the server as plain JavaScript)
RUN npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-postgres-driver.mjs scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/drizzle ./drizzle
# Non-root; data/ holds the embedded database when no DATABASE_URL is given (mount a volume).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations: `docker compose run --rm app node dist/db/migrate.js`, or MIGRATE=true (the default).
CMD ["node", "dist/server.js"]
