# Cyber Accord: the game server image and the front proxy image, from one multi-stage build.
#   docker compose up --build          (see docker-compose.yml and README "Scaling out")
# Stages: deps (production dependencies, native modules compiled) → build (the web client, with dev
# dependencies) → server (runtime, non-root) and proxy (nginx serving the client, routing sockets).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Production dependencies only. esbuild is one of them (the server's bundle is built in the server
# stage, bin/build-server.js), and tsx (the `accord` command runs its TypeScript through it). The client's libraries (Phaser, the
# Colyseus SDK, marked, DOMPurify, qrcode, the Bengali font) are devDependencies: the build stage
# bundles them into client/dist, which is all the images ship of them.
RUN npm ci --omit=dev && npm cache clean --force

FROM deps AS build
RUN npm ci && npm cache clean --force
COPY . .
RUN npm run build:client

FROM node:20-bookworm-slim AS server
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=2567 \
    DATA_DIR=/data \
    LOG_LEVEL=info
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY server ./server
COPY shared ./shared
COPY scenarios ./scenarios
COPY --from=build /app/client/dist ./client/dist
# The service worker is not part of the built client: the game server answers GET /sw.js from it.
COPY client/sw.js ./client/sw.js
# The server's bundle (dist/server, esbuild from server/ + shared/): built here, as the user that
# runs the server cannot write /app (bin/server.js would otherwise run the sources through tsx).
RUN node bin/build-server.js
RUN mkdir -p /data && chown node:node /data
# The image's own unprivileged user.
USER node
EXPOSE 2567
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||2567)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) drains: no new joins, players told, matches released to the other replicas.
STOPSIGNAL SIGTERM
# The same Node flags as `npm start` (package.json): a larger young generation (docs/ARCHITECTURE.md, "Node's flags").
CMD ["node", "--max-semi-space-size=32", "bin/server.js"]

FROM nginx:1.27-alpine AS proxy
COPY deploy/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /app/client/dist /usr/share/nginx/html
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1/proxy-health || exit 1
