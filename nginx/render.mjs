// Renders the gateway's nginx.conf from the environment (docs/conventions.md) into $NGINX_PREFIX and creates the
// folders nginx writes to, all under that prefix, so the gateway runs as any user:
//   node render.mjs && nginx -p $NGINX_PREFIX -c $NGINX_PREFIX/nginx.conf -e stderr -g "daemon off;"
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');

/**
 * The podlets the layout composes — the one place their gateway policy is set:
 * - `budgetMs`: the fragment's time budget (connect, send and read timeouts of its SSI subrequest). Past it, or on
 *   any 5xx, the include shows the podlet's fallback (cached by nginx), so the rest of the page is unharmed.
 * - `cache`: with GATEWAY_FRAGMENT_CACHE=on, `public` fragments are kept in nginx's shared cache as long as the
 *   podlet's Cache-Control allows (stale copies are served while revalidating or when the podlet fails), except for
 *   visitors with a session or preview cookie; `private` fragments are never cached.
 */
export const fragments = [
  { name: 'product-catalog', urlEnv: 'PRODUCT_CATALOG_URL', port: 7102, budgetMs: 300, cache: 'public' },
  { name: 'order-management', urlEnv: 'ORDER_MANAGEMENT_URL', port: 7103, budgetMs: 500, cache: 'private' },
  { name: 'user-dashboard', urlEnv: 'USER_DASHBOARD_URL', port: 7101, budgetMs: 500, cache: 'private' },
];

/**
 * `/api/<prefix>/…` goes to the service with `/api` stripped (the service owns the first segment). `cache: 'public'`
 * keeps GET answers the service marks public in nginx's shared cache (never for a session or preview cookie).
 */
export const services = [
  { prefix: 'users', urlEnv: 'USER_SERVICE_URL', port: 7201, cache: 'private' },
  { prefix: 'products', urlEnv: 'PRODUCT_SERVICE_URL', port: 7202, cache: 'public' },
  { prefix: 'orders', urlEnv: 'ORDER_SERVICE_URL', port: 7203, cache: 'private' },
  { prefix: 'notifications', urlEnv: 'NOTIFICATION_SERVICE_URL', port: 7204, cache: 'private' },
];

/**
 * The allow-list of /api: the public routes of each service, as its OpenAPI document lists them (internal and
 * operational routes left out), generated into api-routes.json by scripts/gateway-routes.mjs. Anything else under
 * /api is a 404 here, whatever a service would make of it.
 */
export const apiRoutes = JSON.parse(readFileSync(join(here, 'api-routes.json'), 'utf8'));

/** A path parameter: the characters of slugs and ids, none that spells a path another way (., %, ;). */
const PARAMETER = '[A-Za-z0-9_-]+';

/** An OpenAPI path (`/products/{slug}`) as the regex of its one spelling under /api. */
const pathPattern = (path) =>
  `/api${path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? PARAMETER : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('')}`;

/**
 * Maps "METHOD raw-path" to `<prefix>` (allowed) or `<prefix>:limited` (allowed, rate limited per client). The raw
 * path ($request_uri without the query), not nginx's normalised $uri: `/api/users/./login`, `/api/Users/login`,
 * `/api/users/login/`, `/api//users/login`, `/api/users/%6Cogin` and `/api/users/login;x` match nothing.
 */
function apiAllowList(routes) {
  const lines = Object.entries(routes).flatMap(([prefix, list]) =>
    list.map((route) => {
      const methods = route.method === 'GET' ? '(GET|HEAD)' : route.method;
      return `        "~^${methods} ${pathPattern(route.path)}$" ${prefix}${route.rateLimited ? ':limited' : ''};`;
    }),
  );
  return `    map $request_uri $sf_api_path {
        "~^(?<sf_api_raw>[^?]*)" $sf_api_raw;
        default "";
    }
    map "$request_method $sf_api_path" $sf_api_route {
        default "";
${lines.join('\n')}
    }
    # Only the rate-limited routes have a key; requests with an empty key are not counted.
    map $sf_api_route $sf_auth_key {
        "~:limited$" $binary_remote_addr;
        default "";
    }`;
}

/**
 * The visitor's address behind trusted proxies (GATEWAY_TRUSTED_PROXIES, e.g. the ingress controller's pods):
 * their X-Forwarded-For is believed, from the right, up to the first address that is not theirs. Without any, the
 * connection's address is the visitor's and a client's X-Forwarded-For is ignored.
 */
function realClientAddress(trustedProxies, indent) {
  if (trustedProxies.length === 0)
    return `${indent}# No trusted proxies: the connection's address is the visitor's.`;
  return [
    ...trustedProxies.map((range) => `set_real_ip_from ${range};`),
    'real_ip_header X-Forwarded-For;',
    'real_ip_recursive on;',
  ]
    .map((line) => indent + line)
    .join('\n');
}

const addressOrRange = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[0-9a-f:]*:[0-9a-f:]*(?:\/\d{1,3})?)$/i;

function readTrustedProxies(raw = '') {
  const ranges = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = ranges.find((range) => !addressOrRange.test(range));
  if (bad !== undefined) {
    throw new Error(
      `GATEWAY_TRUSTED_PROXIES must be comma-separated addresses or CIDR ranges (got ${JSON.stringify(bad)})`,
    );
  }
  return ranges;
}

/** The shared cache, used only where the upstream's Cache-Control allows it (no proxy_cache_valid). */
const publicCache = (key, indent, lockTimeout = '2s') =>
  [
    'proxy_cache sf_public;',
    `proxy_cache_key "${key}";`,
    'proxy_cache_bypass $sf_personal;',
    'proxy_no_cache $sf_personal;',
    'proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;',
    'proxy_cache_background_update on;',
    'proxy_cache_lock on;',
    `proxy_cache_lock_timeout ${lockTimeout};`,
  ]
    .map((line) => indent + line)
    .join('\n');

/**
 * The CSP of every response. Scripts come from the origin only; an HTML page (the layout's, composed) also allows
 * inline scripts carrying its nonce (`scriptSrc`: pageScriptSrc), so injected markup cannot run a script. Styles
 * keep 'unsafe-inline': Angular's and Vue's component styles are inline `<style>` elements.
 */
export const cspDirectives = (scriptSrc = "script-src 'self'") =>
  [
    "default-src 'self'",
    scriptSrc,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * The page's nonce: nginx's $request_id (16 random bytes as 32 hex digits, fixed once per request and shared with
 * its SSI subrequests). The layout gets it as `x-csp-nonce` (Next.js and the import map), every fragment include
 * too (Solid's hydration script); the layout's policy is replaced by this equal one.
 */
export const CSP_NONCE = '$request_id';
export const pageScriptSrc = `script-src 'self' 'nonce-${CSP_NONCE}'`;

export const contentSecurityPolicy = cspDirectives();
export const pageContentSecurityPolicy = cspDirectives(pageScriptSrc);

const securityHeaders = [
  ['Content-Security-Policy', contentSecurityPolicy],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['X-Request-Id', '$sf_request_id'],
  // Only behind a TLS-terminating proxy (the Ingress): an empty value adds no header on plain http.
  ['Strict-Transport-Security', '$sf_hsts'],
];

const slug = (name) => name.replace(/[^a-z0-9]+/gi, '_');

function upstreamAddress(raw, envName) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${envName} must be a URL like http://127.0.0.1:3000 (got ${JSON.stringify(raw)})`);
  }
  if (url.protocol !== 'http:') throw new Error(`${envName} must be an http:// URL (got ${raw})`);
  return `${url.hostname.includes(':') ? `[${url.hostname}]` : url.hostname}:${url.port || 80}`;
}

function nginxString(value) {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Reads the environment with the defaults of docs/conventions.md. */
export function readConfig(env = process.env) {
  const local = (port) => `http://127.0.0.1:${port}`;
  const port = Number(env.GATEWAY_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error('GATEWAY_PORT must be a port number');
  const burst = Number(env.AUTH_RATE_BURST ?? 5);
  const rate = env.AUTH_RATE_LIMIT ?? '10r/m';
  if (!/^\d+r\/[sm]$/.test(rate)) throw new Error('AUTH_RATE_LIMIT must look like 10r/m or 5r/s');
  if (!Number.isInteger(burst) || burst < 0) throw new Error('AUTH_RATE_BURST must be a whole number');
  return {
    prefix: resolve(env.NGINX_PREFIX ?? join(repoRoot, '.run', 'nginx')),
    host: env.GATEWAY_HOST ?? '127.0.0.1',
    port,
    layout: upstreamAddress(env.LAYOUT_URL ?? local(3000), 'LAYOUT_URL'),
    fragments: fragments.map((fragment) => ({
      ...fragment,
      address: upstreamAddress(env[fragment.urlEnv] ?? local(fragment.port), fragment.urlEnv),
    })),
    services: services.map((service) => ({
      ...service,
      address: upstreamAddress(env[service.urlEnv] ?? local(service.port), service.urlEnv),
    })),
    storeBundle: resolve(env.STORE_BUNDLE_PATH ?? join(repoRoot, 'packages/store/dist-browser/store.js')),
    authRate: rate,
    authBurst: burst,
    trustedProxies: readTrustedProxies(env.GATEWAY_TRUSTED_PROXIES),
    apiRoutes,
    // Off by default: a cached public fragment keeps showing (for its max-age) after its podlet stops, where the
    // end-to-end suite expects the fallback at once.
    cacheFragments: (env.GATEWAY_FRAGMENT_CACHE ?? 'off') === 'on',
    accessLog: env.GATEWAY_ACCESS_LOG ?? '/dev/stdout',
    workerProcesses: env.GATEWAY_WORKERS ?? 'auto',
    user: env.NGINX_USER,
  };
}

/** The security headers; `csp` replaces the default policy (an HTML page's, with its nonce). */
const addHeaders = (indent, csp = contentSecurityPolicy) =>
  securityHeaders
    .map(([name, value]) => [name, name === 'Content-Security-Policy' ? csp : value])
    .map(([name, value]) => `${indent}add_header ${name} ${nginxString(value)} always;`)
    .join('\n');

/** Headers every proxied request carries (a location with its own proxy_set_header inherits none). */
const forwardedHeaders = (indent) =>
  [
    'proxy_set_header Host $http_host;',
    // One address, the visitor's as the trusted proxies tell it: the services believe this header from the gateway.
    'proxy_set_header X-Forwarded-For $remote_addr;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-Host $http_host;',
    'proxy_set_header x-request-id $sf_request_id;',
    'proxy_set_header Connection "";',
  ]
    .map((line) => indent + line)
    .join('\n');

/** How long nginx waits for a fallback (the podlet's, then the layout's copy) once a fragment missed its budget. */
const FALLBACK_FETCH_MS = 150;

function fragmentLocations(fragment, cacheFragments) {
  const id = slug(fragment.name);
  const budget = `${fragment.budgetMs}ms`;
  const timeouts = `        proxy_connect_timeout ${budget};
        proxy_send_timeout ${budget};
        proxy_read_timeout ${budget};`;
  // A podlet that just missed its budget is likely slow for its fallback too: asking it again must not cost a
  // second budget, so the fallback gets a short leash and the layout's copy follows at once.
  const fallbackTimeouts = `        proxy_connect_timeout ${FALLBACK_FETCH_MS}ms;
        proxy_send_timeout ${FALLBACK_FETCH_MS}ms;
        proxy_read_timeout ${FALLBACK_FETCH_MS}ms;`;
  return `
    # ---- ${fragment.name}: budget ${budget}, fallback ${fragment.name}/fallback (cached) ----
    location ^~ /_fragments/${fragment.name}/assets/ {
        proxy_pass http://frag_${id}/assets/;
${forwardedHeaders('        ')}
        proxy_set_header Cookie "";
        proxy_set_header x-storefront-user "";
        proxy_hide_header Cache-Control;
        proxy_hide_header Set-Cookie;
        add_header Cache-Control 'public, max-age=31536000, immutable' always;
${addHeaders('        ')}
    }

    # The fragment's HTML is reached only through the layout's SSI includes.
    location ^~ /_fragments/${fragment.name}/ {
        internal;
        proxy_pass http://frag_${id}/;
${forwardedHeaders('        ')}
${podiumHeaders(fragment, '        ')}
        # The visitor's cookies, with the sf_csrf the layout has just set on a first visit.
        proxy_set_header Cookie $sf_fragment_cookie;
${timeouts}
${fragment.cache === 'public' && cacheFragments ? publicCache(`fragment:${fragment.name}:$scheme://$http_host$uri$is_args$args`, '        ', budget) : '        # Private: never cached.'}
        proxy_intercept_errors on;
        error_page 500 502 503 504 = @fallback_${id};
    }

    location @fallback_${id} {
        rewrite ^ /fallback? break;
        proxy_pass http://frag_${id};
${forwardedHeaders('        ')}
${podiumHeaders(fragment, '        ')}
        proxy_set_header Cookie "";
${fallbackTimeouts}
        proxy_cache sf_fallbacks;
        proxy_cache_key "fallback:${fragment.name}";
        proxy_cache_valid 200 10m;
        proxy_ignore_headers Cache-Control Expires Set-Cookie Vary;
        proxy_cache_use_stale error timeout invalid_header updating http_500 http_502 http_503 http_504;
        proxy_cache_background_update on;
        proxy_cache_lock on;
        proxy_cache_lock_timeout ${FALLBACK_FETCH_MS}ms;
        proxy_intercept_errors on;
        error_page 404 500 502 503 504 = @layout_fallback_${id};
    }

    # The podlet is down and nginx never cached its fallback: the copy the layout fetched with the manifest.
    location @layout_fallback_${id} {
        rewrite ^ /_layout/fallbacks/${fragment.name}? break;
        proxy_pass http://layout;
${forwardedHeaders('        ')}
        proxy_set_header Cookie "";
        proxy_set_header Accept-Encoding "";
        proxy_set_header x-storefront-user "";
${fallbackTimeouts}
        proxy_intercept_errors on;
        error_page 404 500 502 503 504 = @unavailable_${id};
    }

    # Neither the content nor any fallback: a small placeholder, never an error page.
    location @unavailable_${id} {
        default_type text/html;
        return 200 '<div data-fragment-unavailable="${fragment.name}"><p>This part of the page is unavailable right now.</p></div>';
    }
`;
}

function podiumHeaders(fragment, indent) {
  return [
    'proxy_set_header Accept-Encoding "";',
    'proxy_set_header If-None-Match "";',
    'proxy_set_header If-Modified-Since "";',
    'proxy_set_header Range "";',
    'proxy_set_header podium-locale "en-US";',
    'proxy_set_header podium-requested-by "storefront-layout";',
    'proxy_set_header podium-mount-origin "$scheme://$http_host";',
    'proxy_set_header podium-mount-pathname $sf_page_path;',
    `proxy_set_header podium-public-pathname "/_fragments/${fragment.name}/";`,
    'proxy_set_header podium-preview $sf_preview;',
    'proxy_set_header x-storefront-user $sf_user;',
    // The page's nonce for the fragment's inline scripts. A public fragment nginx may cache (the catalog) must not
    // use it (a cached copy would carry a stale one): its HTML has only JSON data blocks, which need no nonce.
    `proxy_set_header x-csp-nonce ${CSP_NONCE};`,
  ]
    .map((line) => indent + line)
    .join('\n');
}

function serviceLocations(service, authBurst) {
  const id = slug(service.prefix);
  const body = `        # The allow-list ($sf_api_route): a documented public route of this service, spelt exactly, or 404.
        # A location with an error_page of its own inherits none: the server's 429 and 50x answers are repeated.
        error_page 404 = @api_not_found;
        error_page 429 = @too_many_requests;
        error_page 502 503 504 = @unavailable;
        if ($sf_api_route !~ "^${service.prefix}(:limited)?$") {
            return 404;
        }
        limit_req zone=sf_auth burst=${authBurst} nodelay;
        proxy_pass http://svc_${id}$sf_api_uri;
${forwardedHeaders('        ')}
        proxy_set_header x-storefront-user "";
        proxy_connect_timeout 2s;
        proxy_read_timeout 30s;${service.cache === 'public' ? `\n${publicCache('api:$scheme://$http_host$sf_api_uri', '        ')}` : ''}`;
  return `
    location /api/${service.prefix}/ {
${body}
    }
    location = /api/${service.prefix} {
${body}
    }`;
}

const problem = (status, title, detail) =>
  nginxString(JSON.stringify({ type: 'about:blank', title, status, detail }));

export function renderNginxConf(config) {
  const p = (...parts) => join(config.prefix, ...parts);
  const userLine = config.user && process.getuid?.() === 0 ? `user ${config.user};\n` : '';
  const accessLog =
    config.accessLog === 'off' ? 'access_log off;' : `access_log ${config.accessLog} sf_json;`;
  return `# Generated by nginx/render.mjs — edit that file, not this one.
${userLine}worker_processes ${config.workerProcesses};
pid ${p('nginx.pid')};
error_log stderr warn;

events {
    worker_connections 1024;
}

http {
    types {
        text/html html htm;
        text/css css;
        text/plain txt;
        application/javascript js mjs;
        application/json json map;
        image/svg+xml svg;
        image/png png;
        image/webp webp;
        image/x-icon ico;
        font/woff2 woff2;
    }
    default_type application/octet-stream;
    charset_types text/css application/javascript application/json;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    client_max_body_size 1m;

    client_body_temp_path ${p('temp', 'client_body')};
    proxy_temp_path ${p('temp', 'proxy')};
    fastcgi_temp_path ${p('temp', 'fastcgi')};
    uwsgi_temp_path ${p('temp', 'uwsgi')};
    scgi_temp_path ${p('temp', 'scgi')};
    proxy_cache_path ${p('cache', 'fallbacks')} levels=1:2 keys_zone=sf_fallbacks:1m max_size=16m inactive=30d use_temp_path=off;
    proxy_cache_path ${p('cache', 'public')} levels=1:2 keys_zone=sf_public:10m max_size=256m inactive=10m use_temp_path=off;

    # Content that may depend on who asks (a session, an editor's preview cookie or token) never comes from or goes
    # to a shared cache.
    map "$cookie_sf_session$cookie_sf_preview$http_x_preview_token" $sf_personal {
        "" 0;
        default 1;
    }

    # HSTS when the visitor came over TLS (terminated in front of nginx); never on plain http.
    map $http_x_forwarded_proto $sf_hsts {
        https "max-age=31536000; includeSubDomains";
        default "";
    }

    # The request id: the client's when it sent a sane one, else nginx's own (shared with SSI subrequests).
    map $http_x_request_id $sf_request_id {
        "~^[A-Za-z0-9._:-]{8,128}$" $http_x_request_id;
        default $request_id;
    }
    # The page's path (no query) for podium-mount-pathname; in an SSI subrequest $request_uri is the page's.
    map $request_uri $sf_page_path {
        "~^(?<sf_path>[^?]*)" $sf_path;
        default /;
    }
    # podium-preview: the request carries the editor's preview cookie (the layout marks the page the same way).
    map $cookie_sf_preview $sf_preview {
        "" "false";
        default "true";
    }
    # What the layout's answer to the page tells the fragments: the sf_csrf it has just set on a first visit (so the
    # fragments' no-JS forms get the token the browser will send back) and the user id it verified from sf_session
    # (x-storefront-user: context only; podlets verify the cookie themselves). Map values are cached per request and
    # SSI subrequests share the page's variables: $sf_page_context, evaluated by add_header in the page's header
    # phase (always empty, so no header is sent), fixes them before the includes run.
    map $upstream_cookie_sf_csrf $sf_fresh_csrf {
        "~^(?<sf_csrf_value>[A-Za-z0-9_-]{43,})$" $sf_csrf_value;
        default "";
    }
    map $upstream_http_x_storefront_user $sf_user {
        "~^(?<sf_user_value>[A-Za-z0-9._:-]{1,128})$" $sf_user_value;
        default "";
    }
    map "$sf_fresh_csrf$sf_user" $sf_page_context {
        default "";
    }
    map $http_cookie $sf_cookie_rest {
        "" "";
        default "; $http_cookie";
    }
    # The fresh token first: every cookie parser keeps the first of a name (over an invalid one the client sent).
    map $sf_fresh_csrf $sf_fragment_cookie {
        "" $http_cookie;
        default "sf_csrf=$sf_fresh_csrf$sf_cookie_rest";
    }
    # /api/<service>/… without /api, exactly as the client sent it (encoding and query kept).
    map $request_uri $sf_api_uri {
        "~^/api(?<sf_rest>/.*)$" $sf_rest;
        default /;
    }
${apiAllowList(config.apiRoutes)}

    log_format sf_json escape=json '{"time":"$time_iso8601","requestId":"$sf_request_id","method":"$request_method",'
        '"uri":"$request_uri","status":$status,"bytes":$body_bytes_sent,"durationMs":"$request_time",'
        '"upstream":"$upstream_addr","upstreamStatus":"$upstream_status","upstreamTime":"$upstream_response_time"}';
    ${accessLog}

    gzip on;
    gzip_proxied any;
    gzip_vary on;
    gzip_min_length 512;
    gzip_comp_level 5;
    gzip_types text/css application/javascript application/json application/problem+json image/svg+xml text/plain;

    ssi_value_length 2048;
    ssi_silent_errors on;
    recursive_error_pages on;

    proxy_http_version 1.1;
    proxy_buffer_size 16k;
    proxy_buffers 16 16k;
    proxy_hide_header X-Powered-By;
    proxy_hide_header Content-Security-Policy;
    proxy_hide_header X-Content-Type-Options;
    proxy_hide_header Referrer-Policy;
    proxy_hide_header X-Frame-Options;
    proxy_hide_header X-Request-Id;

${realClientAddress(config.trustedProxies, '    ')}
    limit_req_zone $sf_auth_key zone=sf_auth:10m rate=${config.authRate};
    limit_req_status 429;
    limit_req_log_level warn;

    upstream layout {
        server ${config.layout};
        keepalive 16;
    }
${config.fragments
  .map(
    (fragment) => `    upstream frag_${slug(fragment.name)} {
        server ${fragment.address};
        keepalive 16;
    }`,
  )
  .join('\n')}
${config.services
  .map(
    (service) => `    upstream svc_${slug(service.prefix)} {
        server ${service.address};
        keepalive 16;
    }`,
  )
  .join('\n')}

    server {
        listen ${config.host}:${config.port};
        server_name _;

${addHeaders('        ')}

        location = /healthz {
            access_log off;
            default_type text/plain;
            return 200 "ok\\n";
        }

        # The one browser instance of the shared store; the layout's import map points here.
        location = /_shared/store.js {
            alias ${config.storeBundle};
            default_type application/javascript;
            add_header Cache-Control 'public, max-age=300' always;
${addHeaders('            ')}
        }

        # Sign-in and registration (marked in the allow-list) are rate limited per visitor address in every
        # service location; a path off the allow-list never reaches a service.
${config.services.map((service) => serviceLocations(service, config.authBurst)).join('\n')}

        location /api/ {
            error_page 404 = @api_not_found;
            return 404;
        }
        location @api_not_found {
            default_type application/problem+json;
${addHeaders('            ')}
            return 404 ${problem(404, 'Not Found', 'No API at this path.')};
        }

        error_page 429 = @too_many_requests;
        location @too_many_requests {
            default_type application/problem+json;
            add_header Retry-After 60 always;
${addHeaders('            ')}
            return 429 ${problem(429, 'Too Many Requests', 'Too many attempts; try again in a minute.')};
        }
        error_page 502 503 504 = @unavailable;
        location @unavailable {
            default_type application/problem+json;
${addHeaders('            ')}
            return 503 ${problem(503, 'Service Unavailable', 'This part of the storefront is unavailable right now.')};
        }
${config.fragments.map((fragment) => fragmentLocations(fragment, config.cacheFragments)).join('')}
        location /_fragments/ {
            return 404;
        }

        # The layout's internal endpoints (fragment fallbacks) are for nginx's named locations only.
        location ^~ /_layout/ {
            return 404;
        }

        # The layout's own fingerprinted assets: no SSI to run on them.
        location ^~ /_next/static/ {
            proxy_pass http://layout;
${forwardedHeaders('            ')}
        }

        # Everything else is a page: the layout renders the shell, nginx resolves its SSI includes.
        location / {
            ssi on;
            proxy_pass http://layout;
${forwardedHeaders('            ')}
            # SSI cannot parse a compressed body; nginx compresses the composed page itself.
            proxy_set_header Accept-Encoding "";
            proxy_set_header x-storefront-user "";
            proxy_set_header x-csp-nonce ${CSP_NONCE};
            proxy_hide_header x-storefront-user;
            add_header X-Storefront-Context $sf_page_context always;
${addHeaders('            ', pageContentSecurityPolicy)}
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
            error_page 502 503 504 = @layout_unavailable;
        }

        location @layout_unavailable {
            default_type text/html;
            add_header Cache-Control 'no-store' always;
            add_header Retry-After 10 always;
${addHeaders('            ')}
            return 503 '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storefront</title></head><body><h1>The storefront is unavailable right now</h1><p>Please try again in a moment.</p></body></html>';
        }
    }
}
`;
}

/** Writes nginx.conf and creates every folder nginx needs under the prefix. */
export function render(env = process.env) {
  const config = readConfig(env);
  for (const dir of ['temp', 'cache', 'logs']) mkdirSync(join(config.prefix, dir), { recursive: true });
  // Workers of a root master run as an unprivileged user: they must be able to reach the prefix.
  chmodSync(config.prefix, 0o755);
  if (!existsSync(config.storeBundle)) {
    console.warn(
      `[gateway] ${config.storeBundle} does not exist yet: build @storefront/store (npm run build -w @storefront/store)`,
    );
  }
  const file = join(config.prefix, 'nginx.conf');
  writeFileSync(file, renderNginxConf(config));
  return { file, config };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { file } = render();
    console.log(`[gateway] wrote ${file}`);
  } catch (error) {
    console.error(`[gateway] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
