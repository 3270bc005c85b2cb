# AtomForge: web app + pool of FDO daemons in one container.
#   docker build -t atomforge .                      # built-in daemon (default)
#   docker build -t atomforge:wine --target wine .   # adds Wine for the original fdo_daemon.exe

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=8000 \
    HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && mkdir -p /var/lib/atomforge/pool
ENV FDO_DAEMON_POOL_ROOT=/var/lib/atomforge/pool
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health').then(r=>process.exit(r.status<500?0:1)).catch(()=>process.exit(1))"
# The service is PID 1's only child tree: SIGTERM stops the pool and every daemon.
CMD ["npm", "start"]

# Variant: the original AOL engine under Wine. Mount the folder holding fdo_daemon.exe,
# Ada32.dll, ADA.BIN, SUPERSUB.DLL and the MSVC/MFC DLLs at /opt/fdo (read-only) and set
#   FDO_DAEMON_COMMAND="wine /opt/fdo/fdo_daemon.exe --port {port} --host {host}"
#   FDO_DAEMON_BIN_DIR=/opt/fdo
# (see docker-compose.wine.yml).
FROM base AS wine
USER root
RUN dpkg --add-architecture i386 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wine wine32 \
 && rm -rf /var/lib/apt/lists/*
ENV WINEDEBUG=-all \
    WINEPREFIX=/var/lib/atomforge/wineprefix \
    FDO_DAEMON_READY_TIMEOUT=60
RUN wineboot --init || true

FROM base AS default
