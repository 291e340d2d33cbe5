# syntax=docker/dockerfile:1
# Every image of the storefront, one target per deployable (the target is the image's name):
#   docker build --target user -t storefront/storefront-user .
# Build context = the repo root (npm workspaces, one lockfile). The dependencies are installed once and the whole
# monorepo is built once (the stages every target shares, reused from the build cache); each target then adds only
# its own workspace's production dependencies and built files to a small runtime stage.
ARG NODE_IMAGE=node:24-bookworm-slim
ARG DEBIAN_IMAGE=debian:bookworm-slim
# What a runtime image never needs: the package managers (npm, npx, corepack, yarn, apt, dpkg, debconf), Perl, docs.
ARG UNNEEDED="/usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
  /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* /usr/bin/apt* /usr/bin/dpkg* /usr/lib/apt /etc/apt \
  /var/lib/apt /var/cache/apt /var/lib/dpkg /var/cache/debconf /usr/share/debconf /usr/bin/debconf* \
  /usr/bin/perl* /usr/lib/*/perl-base /usr/share/perl5 /usr/lib/*/gconv /usr/share/doc /usr/share/man \
  /usr/share/info /usr/share/locale"
# What the gateway's nginx and configure.sh never need on top of that: the libraries only apt, gpgv, PAM, Kerberos,
# e2fsprogs and systemd use, iproute2's tools, the time zones (nginx logs in UTC), shell completions. A check in the
# same step fails the build if a program the gateway runs lost a library.
ARG GATEWAY_UNNEEDED="/usr/share/zoneinfo /usr/share/bash-completion /usr/lib/x86_64-linux-gnu/security \
  /usr/lib/x86_64-linux-gnu/libapt-* /usr/lib/x86_64-linux-gnu/libdb-5.3.so /usr/lib/x86_64-linux-gnu/libgnutls* \
  /usr/lib/x86_64-linux-gnu/libunistring* /usr/lib/x86_64-linux-gnu/libp11-kit* /usr/lib/x86_64-linux-gnu/libnettle* \
  /usr/lib/x86_64-linux-gnu/libhogweed* /usr/lib/x86_64-linux-gnu/libidn2* /usr/lib/x86_64-linux-gnu/libtasn1* \
  /usr/lib/x86_64-linux-gnu/libstdc++* /usr/lib/x86_64-linux-gnu/libgcrypt* /usr/lib/x86_64-linux-gnu/libkrb5* \
  /usr/lib/x86_64-linux-gnu/libgssapi_krb5* /usr/lib/x86_64-linux-gnu/libk5crypto* \
  /usr/lib/x86_64-linux-gnu/libbpf* /usr/lib/x86_64-linux-gnu/libelf* /usr/lib/x86_64-linux-gnu/libext2fs* \
  /usr/lib/x86_64-linux-gnu/e2fsprogs /usr/lib/x86_64-linux-gnu/libsystemd* /usr/lib/x86_64-linux-gnu/libudev* \
  /usr/lib/x86_64-linux-gnu/libsemanage* /usr/lib/x86_64-linux-gnu/libsepol* /usr/lib/x86_64-linux-gnu/libtirpc* \
  /usr/bin/ip /usr/bin/ss /usr/sbin/tc /usr/sbin/devlink /usr/sbin/rdma /usr/sbin/bridge /usr/sbin/tipc \
  /usr/sbin/e2fsck /usr/sbin/debugfs /usr/sbin/mke2fs /usr/bin/gpgv /usr/bin/localedef"

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# A registry reached through a TLS-inspecting proxy: its CA certificate comes in as the optional build secret "ca"
# (--secret id=ca,src=<pem>) and the build's Node trusts it. No runtime stage starts from this one.
RUN --mount=type=secret,id=ca cat /run/secrets/ca >/usr/local/share/build-ca.pem 2>/dev/null || true
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false \
    NEXT_TELEMETRY_DISABLED=1 NG_CLI_ANALYTICS=false NODE_EXTRA_CA_CERTS=/usr/local/share/build-ca.pem

# Every workspace's package.json and the lockfile, nothing else: BuildKit reuses the npm ci layers below until one
# of them changes, whatever source file changed (buildah, until anything in the context changes).
FROM base AS manifests
COPY . /src
RUN cd /src \
 && find . -name package.json -not -path '*/node_modules/*' \
      -exec sh -c 'mkdir -p "/app/$(dirname "$1")" && cp "$1" "/app/$1"' _ {} \; \
 && cp package-lock.json /app/

FROM base AS lockfile
COPY --from=manifests /app ./

# Everything the build needs (dev dependencies included), exactly as locked. Every native module the storefront
# uses ships a prebuilt binary for glibc: no compiler. (Each image's own install leaves out optional dependencies
# too: TypeScript and sass are optional peers of vue, nothing a server runs.)
FROM lockfile AS deps
RUN --mount=type=cache,target=/root/.npm npm ci

# The whole monorepo, built once; then, for every workspace with a start script, the files it runs from (its own
# and those of the workspaces it imports, without sources or node_modules) in /out/<its folder>.
FROM deps AS build
COPY . .
RUN NEXT_OUTPUT=standalone node scripts/build.mjs && node scripts/containers/collect-built.mjs /out

# The runtime every Node part shares: Debian slim and Node without what they never need at run time, flattened into
# one layer (removing files in a later layer would not make the image smaller), the same layer in eight images.
FROM ${NODE_IMAGE} AS node-trimmed
ARG UNNEEDED
RUN rm -rf ${UNNEEDED}
COPY scripts/containers/healthcheck.mjs /usr/local/lib/healthcheck.mjs

FROM scratch AS node-runtime
COPY --from=node-trimmed / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
# The unprivileged user of the node image (uid 1000); the app's files stay root-owned and read-only to it.
USER node
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["node", "/usr/local/lib/healthcheck.mjs"]

# ---- the gateway: Debian slim and nginx from Debian (SSI, sub_filter, proxy_cache, gzip, limit_req, realip are
# built in), no Node. nginx.conf is rendered here as templates with a placeholder for each value a deployment sets
# (the upstream addresses differ between compose, Kubernetes and a laptop); configure.sh (POSIX sh) fills them in
# from the environment at every start. ----
FROM base AS gateway-templates
COPY nginx/render.mjs nginx/api-routes.json /src/nginx/
RUN node /src/nginx/render.mjs --templates /out/templates

FROM ${DEBIAN_IMAGE} AS gateway-trimmed
ARG UNNEEDED
ARG GATEWAY_UNNEEDED
# Debian's nginx package: the modules above built in, none of the optional (dynamic) ones. The
# unprivileged user nginx runs as (uid 1000, as the Kubernetes securityContext says).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx \
 && groupadd --gid 1000 gateway \
 && useradd --uid 1000 --gid gateway --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin gateway \
 && rm -rf /var/lib/apt/lists/* ${UNNEEDED} ${GATEWAY_UNNEEDED} \
 && if for program in nginx sh bash sed grep od tr realpath id mktemp mkdir chmod mv sort head; do \
      ldd "$(command -v "$program")"; done | grep 'not found'; then exit 1; fi
COPY scripts/containers/healthcheck.sh /usr/local/lib/healthcheck.sh
COPY nginx/configure.sh /app/nginx/configure.sh
COPY --from=gateway-templates /out/templates /app/nginx/templates
COPY --from=build /app/packages/store/dist-browser /app/packages/store/dist-browser

FROM scratch AS gateway
COPY --from=gateway-trimmed / /
# nginx.conf, its pid, temp and cache folders all live under NGINX_PREFIX (/tmp: an emptyDir in Kubernetes), so the
# root filesystem stays read-only and nginx runs as an unprivileged user on an unprivileged port.
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    GATEWAY_HOST=0.0.0.0 GATEWAY_PORT=8080 NGINX_PREFIX=/tmp/nginx \
    STORE_BUNDLE_PATH=/app/packages/store/dist-browser/store.js GATEWAY_ACCESS_LOG=/dev/stdout
WORKDIR /app/nginx
USER gateway
EXPOSE 8080
# nginx finishes in-flight requests on SIGQUIT (SIGTERM would drop them).
STOPSIGNAL SIGQUIT
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 CMD ["/usr/local/lib/healthcheck.sh"]
CMD ["sh", "-c", "./configure.sh templates && exec nginx -p \"$NGINX_PREFIX\" -c \"$NGINX_PREFIX/nginx.conf\" -e stderr -g 'daemon off;'"]

# ---- the layout: Next.js standalone (the traced files it needs, node_modules included), started by its start.mjs ----
FROM node-runtime AS layout
ENV PORT=3000
COPY --from=build /out/layout /app
WORKDIR /app/layout
EXPOSE 3000
CMD ["node", "start.mjs"]

# ---- podlets ----
FROM lockfile AS user-dashboard-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --workspace @storefront/user-dashboard

FROM node-runtime AS user-dashboard
ENV PORT=7101
COPY --from=user-dashboard-deps /app /app
COPY --from=build /out/fragments/user-dashboard /app
WORKDIR /app/fragments/user-dashboard
EXPOSE 7101
CMD ["node", "dist/server/server.js"]

FROM lockfile AS product-catalog-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --workspace @storefront/product-catalog

FROM node-runtime AS product-catalog
ENV PORT=7102
COPY --from=product-catalog-deps /app /app
COPY --from=build /out/fragments/product-catalog /app
WORKDIR /app/fragments/product-catalog
EXPOSE 7102
CMD ["node", "dist/server/server.js"]

FROM lockfile AS order-management-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --workspace @storefront/order-management

FROM node-runtime AS order-management
ENV PORT=7103
COPY --from=order-management-deps /app /app
COPY --from=build /out/fragments/order-management /app
WORKDIR /app/fragments/order-management
EXPOSE 7103
CMD ["node", "dist/server/server.js"]

# ---- services ----
FROM lockfile AS user-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --workspace @storefront/user-service

FROM node-runtime AS user
ENV PORT=7201
COPY --from=user-deps /app /app
COPY --from=build /out/services/user /app
WORKDIR /app/services/user
EXPOSE 7201
CMD ["node", "dist/entry-points/server.js"]

FROM lockfile AS product-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --workspace @storefront/product-service

FROM node-runtime AS product
ENV PORT=7202
COPY --from=product-deps /app /app
COPY --from=build /out/services/product /app
WORKDIR /app/services/product
EXPOSE 7202
CMD ["node", "dist/entry-points/server.js"]

FROM lockfile AS order-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --workspace @storefront/order-service

FROM node-runtime AS order
ENV PORT=7203
COPY --from=order-deps /app /app
COPY --from=build /out/services/order /app
WORKDIR /app/services/order
EXPOSE 7203
CMD ["node", "dist/entry-points/server.js"]

FROM lockfile AS notification-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --workspace @storefront/notification-service

FROM node-runtime AS notification
ENV PORT=7204
COPY --from=notification-deps /app /app
COPY --from=build /out/services/notification /app
WORKDIR /app/services/notification
EXPOSE 7204
CMD ["node", "dist/entry-points/server.js"]
