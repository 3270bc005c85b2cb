# AtomForge: web app + pool of FDO daemons in one container, running as the `node` user.
#   docker build -t atomforge:latest .                 # built-in daemon (the last stage, `default`)
#   docker build -t atomforge:wine --target wine .     # adds Wine for the original fdo_daemon.exe
# Kubernetes manifests: deploy/ (docs/DEPLOY.md).

# --- build: the whole toolchain, thrown away after the build ---------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The Next build and the bundles of dist/ (the daemon and the web server): built here, the
# image runs on a read-only root filesystem. Next's build cache and the dev dependencies
# are not needed to serve.
RUN npm run build \
 && rm -rf .next/cache \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: what serves, owned by root and read-only to the service ------------------
FROM node:20-bookworm-slim AS runtime
# tini is PID 1: it passes SIGTERM on to the server and reaps processes a daemon leaves
# behind (Wine starts helpers); node as PID 1 would leave them as zombies
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# NODE_OPTIONS: the young-generation cap `npm start` gives the server (daemons set their own)
# (~40 MB less resident each at the same throughput, docs/BENCHMARKS.md)
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NODE_OPTIONS=--max-semi-space-size=4 \
    PORT=8000 \
    HOST=0.0.0.0 \
    ATOMFORGE_HOME=/app \
    FDO_DAEMON_POOL_ROOT=/var/lib/atomforge/pool
COPY --from=build /app/package.json /app/next.config.js ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/public ./public
COPY --from=build /app/dist ./dist
COPY --from=build /app/.next ./.next
# the only folders the service writes: daemon working folders, the library's data, Next's cache
RUN install -d -o node -g node /var/lib/atomforge /var/lib/atomforge/pool /var/lib/atomforge/data /app/.next/cache
USER node
EXPOSE 8000
# 503 means no daemon can serve; degraded (some restarting) still passes
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health').then(r=>process.exit(r.status<500?0:1)).catch(()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# the server itself, as `npm start` runs it (scripts/start.cjs loads this bundle) without
# npm in between, so SIGTERM reaches the server directly (it stops every daemon)
CMD ["node", "--single-threaded-gc", "--optimize-for-size", "--no-node-snapshot", "dist/web-server.js"]

# --- wine: the original AOL engine under Wine ------------------------------------------
# Mount the folder holding fdo_daemon.exe, Ada32.dll, ADA.BIN, SUPERSUB.DLL and the MSVC/MFC
# DLLs at /opt/fdo (read-only) and set
#   FDO_DAEMON_COMMAND="wine /opt/fdo/fdo_daemon.exe --port {port} --host {host}"
#   FDO_DAEMON_BIN_DIR=/opt/fdo
# (docker-compose.wine.yml, deploy/components/wine).
FROM runtime AS wine
USER root
RUN dpkg --add-architecture i386 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wine wine32 \
 && rm -rf /var/lib/apt/lists/*
ENV WINEDEBUG=-all \
    WINEARCH=win32 \
    WINEPREFIX=/var/lib/atomforge/wineprefix \
    FDO_DAEMON_READY_TIMEOUT=60
USER node
# A 32-bit prefix made once, as node: Wine refuses a prefix its user does not own. With
# mscoree and mshtml disabled wineboot offers no Mono/Gecko installers (nothing is downloaded).
RUN WINEDLLOVERRIDES="mscoree,mshtml=" wineboot --init \
 && wineserver --wait

# --- default: the built-in daemon (the last stage, so `docker build .` builds it) -------
FROM runtime AS default
