// Renders the gateway's nginx.conf from the environment (docs/conventions.md) into $NGINX_PREFIX and creates the
// folders nginx writes to, all under that prefix, so the gateway runs as any user:
//   node render.mjs && nginx -p $NGINX_PREFIX -c $NGINX_PREFIX/nginx.conf -e stderr -g "daemon off;"
// The gateway image has no Node: it is built with this configuration as templates (`--templates`, a placeholder
// for every value a deployment sets) and configure.sh fills them in from the environment at start.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');

/**
 * The podlets the layout composes — the one place their gateway policy is set:
 * - `budgetMs`: the fragment's time budget (connect, send and read timeouts of its SSI subrequest). Past it, or on
 *   any 5xx, the include shows the last good copy of that fragment for that URL, else the podlet's fallback.
 * - `personalCookies`: the cookies whose presence may make the podlet's answer personal. Without any of them (and
 *   without a preview) an answer the podlet marks public is kept in the shared cache; with one, the podlet is asked
 *   and nothing is stored. The catalog's pages are the same for signed-in visitors, so only a preview bypasses it.
 * - `sharedPaths`: paths inside the fragment that are rendered for every visitor as for one without cookies, and
 *   kept in the shared cache (the dashboard's box on the home page: the browser turns it into a signed-in
 *   visitor's profile from the shared store, so the page costs no per-visitor Angular render).
 */
export const fragments = [
  { name: 'product-catalog', urlEnv: 'PRODUCT_CATALOG_URL', port: 7102, budgetMs: 300, personalCookies: [] },
  {
    name: 'order-management',
    urlEnv: 'ORDER_MANAGEMENT_URL',
    port: 7103,
    budgetMs: 500,
    personalCookies: ['sf_session', 'sf_cart', 'sf_cart_id'],
  },
  {
    name: 'user-dashboard',
    urlEnv: 'USER_DASHBOARD_URL',
    port: 7101,
    budgetMs: 500,
    personalCookies: ['sf_session'],
    sharedPaths: ['/'],
  },
];

/**
 * The layout's personal include: the header's session state, cart badge and the store's session and cart slices.
 * The shell around it is the same for every visitor, so it can be cached; this part is rendered per visitor unless
 * the visitor has neither a session nor a cart (then it is everyone's "Sign in, cart 0").
 */
export const personalInclude = {
  path: '/_layout/personal/',
  // Cheap to render, but without it a signed-in visitor's page does not say who they are: more room than a podlet.
  budgetMs: 1000,
  personalCookies: ['sf_session', 'sf_cart', 'sf_cart_id'],
};

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

const formOverridable = new Set(['PUT', 'PATCH', 'DELETE']);

/**
 * Maps "METHOD raw-path" to `<prefix>` (allowed) or `<prefix>:limited` (allowed, rate limited per client). The raw
 * path ($request_uri without the query), not nginx's normalised $uri: `/api/users/./login`, `/api/Users/login`,
 * `/api/users/login/`, `/api//users/login`, `/api/users/%6Cogin` and `/api/users/login;x` match nothing.
 * A PUT, PATCH or DELETE route also takes a POST: an HTML form can only post, and asks for the method with its
 * `_method` field (the services' form-post handling routes it as that method, or answers 400).
 */
function apiAllowList(routes) {
  const lines = Object.entries(routes).flatMap(([prefix, list]) =>
    list.map((route) => {
      const methods =
        route.method === 'GET'
          ? '(GET|HEAD)'
          : formOverridable.has(route.method)
            ? `(${route.method}|POST)`
            : route.method;
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
function realClientAddress(trustedProxies) {
  if (trustedProxies.length === 0)
    return ["# No trusted proxies: the connection's address is the visitor's."];
  return [
    ...trustedProxies.map((range) => `set_real_ip_from ${range};`),
    'real_ip_header X-Forwarded-For;',
    'real_ip_recursive on;',
  ];
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

/**
 * The shared cache, used only where the upstream allows it (its Cache-Control, or the layout's X-Accel-Expires: no
 * proxy_cache_valid). One render per key at a time (lock); while it refreshes, and when the upstream fails, the last
 * copy is served (kept up to a day: the zone's `inactive`).
 */
const publicCache = (key, bypass, lockTimeout = '2s') => [
  'proxy_cache sf_public;',
  `proxy_cache_key "${key}";`,
  `proxy_cache_bypass ${bypass};`,
  `proxy_no_cache ${bypass};`,
  'proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;',
  'proxy_cache_background_update on;',
  'proxy_cache_lock on;',
  `proxy_cache_lock_timeout ${lockTimeout};`,
];

/** Lines of a block, each on its own line at `indent`. */
const block = (indent, lines) => lines.map((line) => indent + line).join('\n');

/**
 * The per-response values of a cached answer: the layout and the podlets write the placeholders they were given in
 * `x-csp-nonce` and `x-page-csrf-token`; nginx replaces them in what it sends, cached or not. The placeholders are
 * random per gateway (kept in its prefix, so cached copies stay valid across restarts): markup injected into a
 * page cannot guess them to get a nonce stamped.
 */
const stamping = (stamps) => [
  `sub_filter '${stamps.nonce}' $request_id;`,
  `sub_filter '${stamps.csrf}' $sf_csrf;`,
  'sub_filter_once off;',
];

/** What a composed part is told about the page: its placeholders, never the visitor's real token or nonce. */
const stampHeaders = (stamps) => [
  `proxy_set_header x-csp-nonce ${stamps.nonce};`,
  `proxy_set_header x-page-csrf-token ${stamps.csrf};`,
];

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
 * its SSI subrequests). The layout and every fragment get a placeholder as `x-csp-nonce` (Next.js, the import map,
 * Solid's hydration script), which nginx replaces with it in every answer, cached or not (stamping()); the
 * layout's policy is replaced by this equal one.
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

/** The shape of a valid CSRF token: @storefront/auth's CSRF_TOKEN_PATTERN, as an nginx regex (a test keeps them equal). */
export const CSRF_TOKEN_NGINX = '^[A-Za-z0-9_-]{32,128}$';

/**
 * The gateway's stamp placeholders (see stamping()): made once per prefix and kept there, so the copies in the
 * cache still match them after a restart.
 */
export function gatewayStamps(prefix) {
  const file = join(prefix, 'stamps.json');
  const valid = (stamps) =>
    stamps && /^sfnonce[0-9a-f]{32}$/.test(stamps.nonce) && /^sfcsrf[0-9a-f]{32}$/.test(stamps.csrf);
  if (existsSync(file)) {
    const stamps = JSON.parse(readFileSync(file, 'utf8'));
    if (valid(stamps)) return stamps;
  }
  const stamps = {
    nonce: `sfnonce${randomBytes(16).toString('hex')}`,
    csrf: `sfcsrf${randomBytes(16).toString('hex')}`,
  };
  writeFileSync(file, JSON.stringify(stamps), { mode: 0o600 });
  return stamps;
}

const slug = (name) => name.replace(/[^a-z0-9]+/gi, '_');

/**
 * The values a deployment sets, checked before they reach nginx.conf. nginx/configure.sh checks the same values
 * with the same patterns (a test keeps them in step): what passes never needs quoting or escaping there.
 */
const patterns = {
  // http://host[:port][/…]: a name or IPv4 address, or an IPv6 address in brackets; no user, no other scheme.
  url: /^http:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::([1-9][0-9]{0,4}))?(?:\/[^\s]*)?$/,
  port: /^[1-9][0-9]{0,4}$/,
  host: /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]|\*)$/,
  path: /^[A-Za-z0-9._/-]+$/,
  rate: /^[0-9]+r\/[sm]$/,
  burst: /^(?:0|[1-9][0-9]*)$/,
  workers: /^(?:auto|[1-9][0-9]*)$/,
  user: /^[A-Za-z0-9._-]+(?: [A-Za-z0-9._-]+)?$/,
  addressOrRange,
};

function checked(name, value, pattern, shape) {
  if (!pattern.test(value)) throw new Error(`${name} must be ${shape} (got ${JSON.stringify(value)})`);
  return value;
}

/** `host:port` of an http:// URL (host names are case-insensitive: lower case, as a URL parser writes them). */
function upstreamAddress(raw, envName) {
  const [, host, port = '80'] = patterns.url.exec(
    checked(envName, raw, patterns.url, 'an http:// URL like http://127.0.0.1:3000'),
  );
  if (Number(port) > 65535)
    throw new Error(`${envName} must have a port number (got ${JSON.stringify(raw)})`);
  return `${host.toLowerCase()}:${port}`;
}

function nginxString(value) {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function cacheSwitch(value = 'on') {
  if (value !== 'on' && value !== 'off')
    throw new Error(`GATEWAY_CACHE must be on or off (got ${JSON.stringify(value)})`);
  return value === 'on';
}

/** The workers' user, only when nginx starts as root (an unprivileged master cannot switch users). */
const userDirective = (user) => (user !== undefined && process.getuid?.() === 0 ? [`user ${user};`] : []);

/**
 * Reads the environment with the defaults of docs/conventions.md. Everything but `cache` is a value pasted into
 * the configuration as it is (see templateConfig): nginx/configure.sh computes the same values in a container.
 */
export function readConfig(env = process.env) {
  const local = (port) => `http://127.0.0.1:${port}`;
  const portText = checked('GATEWAY_PORT', env.GATEWAY_PORT ?? '8080', patterns.port, 'a port number');
  const port = Number(portText);
  if (port > 65535) throw new Error('GATEWAY_PORT must be a port number');
  const host = checked(
    'GATEWAY_HOST',
    env.GATEWAY_HOST ?? '127.0.0.1',
    patterns.host,
    'an address or host name',
  );
  const burst = checked('AUTH_RATE_BURST', env.AUTH_RATE_BURST ?? '5', patterns.burst, 'a whole number');
  const rate = checked(
    'AUTH_RATE_LIMIT',
    env.AUTH_RATE_LIMIT ?? '10r/m',
    patterns.rate,
    'like 10r/m or 5r/s',
  );
  const accessLog = env.GATEWAY_ACCESS_LOG ?? '/dev/stdout';
  if (accessLog !== 'off') checked('GATEWAY_ACCESS_LOG', accessLog, patterns.path, 'a file path or off');
  const user = env.NGINX_USER;
  if (user !== undefined) checked('NGINX_USER', user, patterns.user, 'a user name (and group)');
  const path = (name, value) => resolve(checked(name, value, patterns.path, 'a file path'));
  return {
    prefix: path('NGINX_PREFIX', env.NGINX_PREFIX ?? join(repoRoot, '.run', 'nginx')),
    host,
    port,
    listen: `${host}:${port}`,
    layout: upstreamAddress(env.LAYOUT_URL ?? local(3000), 'LAYOUT_URL'),
    fragments: fragments.map((fragment) => ({
      ...fragment,
      address: upstreamAddress(env[fragment.urlEnv] ?? local(fragment.port), fragment.urlEnv),
    })),
    services: services.map((service) => ({
      ...service,
      address: upstreamAddress(env[service.urlEnv] ?? local(service.port), service.urlEnv),
    })),
    storeBundle: path(
      'STORE_BUNDLE_PATH',
      env.STORE_BUNDLE_PATH ?? join(repoRoot, 'packages/store/dist-browser/store.js'),
    ),
    authRate: rate,
    authBurst: burst,
    realIp: realClientAddress(readTrustedProxies(env.GATEWAY_TRUSTED_PROXIES)),
    apiRoutes,
    // The shared cache of public answers (pages, fragments, product API); `off` only to measure what it saves.
    cache: cacheSwitch(env.GATEWAY_CACHE),
    // The Secure flag of the sf_csrf cookie nginx sets on a first visit (as the services do for theirs).
    cookieFlags: env.COOKIE_SECURE !== 'false' ? '; Secure' : '',
    accessLog: accessLog === 'off' ? 'off' : `${accessLog} sf_json`,
    logSubrequests: (env.GATEWAY_LOG_SUBREQUESTS ?? 'off') === 'on' ? 'on' : 'off',
    workerProcesses: checked(
      'GATEWAY_WORKERS',
      env.GATEWAY_WORKERS ?? 'auto',
      patterns.workers,
      'auto or a number',
    ),
    user: userDirective(user),
  };
}

/**
 * The placeholder of a deployment value in a template (`@@SF_NAME@@`; nginx's own syntax never has `@@`). An
 * upstream's placeholder names its variable and default port, so configure.sh needs no table of its own.
 */
const token = (name) => `@@SF_${name}@@`;
export const upstreamToken = (envName, port) => token(`UPSTREAM:${envName}:${port}`);

/**
 * The configuration with a placeholder for every value that differs between deployments (what readConfig reads,
 * but the cache switch: one template with the shared cache, one without). The gateway image is built with these
 * templates and nginx/configure.sh fills them in at start, so it needs no Node. Multi-line values (the trusted
 * proxies, the workers' user) have a line of their own.
 */
export function templateConfig({ cache = true } = {}) {
  return {
    prefix: token('PREFIX'),
    listen: token('LISTEN'),
    layout: upstreamToken('LAYOUT_URL', 3000),
    fragments: fragments.map((fragment) => ({
      ...fragment,
      address: upstreamToken(fragment.urlEnv, fragment.port),
    })),
    services: services.map((service) => ({
      ...service,
      address: upstreamToken(service.urlEnv, service.port),
    })),
    storeBundle: token('STORE_BUNDLE'),
    authRate: token('AUTH_RATE'),
    authBurst: token('AUTH_BURST'),
    realIp: [token('REAL_IP')],
    apiRoutes,
    cache,
    cookieFlags: token('COOKIE_FLAGS'),
    accessLog: token('ACCESS_LOG'),
    logSubrequests: token('LOG_SUBREQUESTS'),
    workerProcesses: token('WORKERS'),
    user: [token('USER')],
    stamps: { nonce: token('NONCE'), csrf: token('CSRF') },
  };
}

/** The template files configure.sh chooses from (GATEWAY_CACHE): written into `dir` at image build time. */
export const templateFiles = { on: 'nginx.conf.template', off: 'nginx.nocache.conf.template' };

export function writeTemplates(dir) {
  mkdirSync(dir, { recursive: true });
  for (const [cache, file] of Object.entries(templateFiles))
    writeFileSync(join(dir, file), renderNginxConf(templateConfig({ cache: cache === 'on' })));
  return Object.values(templateFiles).map((file) => join(dir, file));
}

/**
 * The security headers of a location (one that adds a header of its own inherits none); `csp` replaces the default
 * policy (an HTML page's, with its nonce).
 */
const securityHeaderLines = (csp = contentSecurityPolicy) =>
  securityHeaders
    .map(([name, value]) => [name, name === 'Content-Security-Policy' ? csp : value])
    .map(([name, value]) => `add_header ${name} ${nginxString(value)} always;`);

/** Headers every proxied request carries (a location with its own proxy_set_header inherits none). */
const forwardedHeaderLines = [
  'proxy_set_header Host $http_host;',
  // One address, the visitor's as the trusted proxies tell it: the services believe this header from the gateway.
  'proxy_set_header X-Forwarded-For $remote_addr;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
  'proxy_set_header X-Forwarded-Host $http_host;',
  'proxy_set_header x-request-id $sf_request_id;',
  'proxy_set_header Connection "";',
];

/** How long nginx waits for a fallback (the podlet's, then the layout's copy) once a fragment missed its budget. */
const FALLBACK_FETCH_MS = 150;

const timeouts = (ms) => [
  `proxy_connect_timeout ${ms}ms;`,
  `proxy_send_timeout ${ms}ms;`,
  `proxy_read_timeout ${ms}ms;`,
];

/** The variable that is 1 when the answer to this request may be personal: a preview, or any of `cookies`. */
const personalVariable = (name) => `$sf_personal_${slug(name)}`;

function personalMap(name, cookies) {
  if (!cookies.length) {
    return `    map $sf_preview_request ${personalVariable(name)} {
        default $sf_preview_request;
    }`;
  }
  return `    map "$sf_preview_request${cookies.map((cookie) => `$cookie_${cookie}`).join('')}" ${personalVariable(name)} {
        "0" 0;
        default 1;
    }`;
}

/** Headers of an SSI subrequest to a podlet: the Podium context, the page's placeholders, no conditional parts. */
function podiumHeaders(fragment, stamps) {
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
    ...stampHeaders(stamps),
  ];
}

function fragmentLocations(fragment, config) {
  const id = slug(fragment.name);
  const indent = '        ';
  // The page's path is part of the key: a fragment's links and forms point back to the page it sits on. Visitors
  // waiting for another's render of the same key wait half the budget: past it they ask the podlet themselves, so a
  // hung podlet costs them 1.5 budgets, not two.
  const key = `fragment:${fragment.name}:$scheme://$http_host$sf_page_path:$uri$is_args$args`;
  // `target`: what replaces the matched part of the URI (the podlet's own path; the query is kept).
  const htmlLocation = (match, target, bypass, shared = false) => `    location ${match} {
        internal;
        proxy_pass http://frag_${id}${target};
${block(indent, forwardedHeaderLines)}
${block(indent, podiumHeaders(fragment, config.stamps))}${shared ? `\n${indent}# Rendered as for a visitor without cookies: the same answer for everyone.\n${indent}proxy_set_header Cookie "";` : ''}
${block(indent, timeouts(fragment.budgetMs))}
${config.cache ? block(indent, publicCache(key, bypass, `${fragment.budgetMs / 2}ms`)) : `${indent}# GATEWAY_CACHE=off: every include renders.`}
${block(indent, stamping(config.stamps))}
        proxy_intercept_errors on;
        error_page 500 502 503 504 = @fallback_${id};
    }`;
  return `
    # ---- ${fragment.name}: budget ${fragment.budgetMs}ms, then its last good copy, then its fallback ----
    # The podlet answers the brotli or gzip copy its build wrote (Accept-Encoding passes through, and nginx does
    # not compress an answer that has a Content-Encoding), with Vary: Accept-Encoding.
    location ^~ /_fragments/${fragment.name}/assets/ {
        proxy_pass http://frag_${id}/assets/;
${block(indent, forwardedHeaderLines)}
        proxy_set_header Cookie "";
        proxy_hide_header Cache-Control;
        proxy_hide_header Set-Cookie;
        add_header Cache-Control 'public, max-age=31536000, immutable' always;
${block(indent, securityHeaderLines())}
    }

    # The fragment's HTML is reached only through the layout's SSI includes.
${htmlLocation(`^~ /_fragments/${fragment.name}/`, '/', personalVariable(fragment.name))}
${(fragment.sharedPaths ?? []).map((path) => htmlLocation(`= /_fragments/${fragment.name}${path}`, path, '$sf_preview_request', true)).join('\n')}
    location @fallback_${id} {
        rewrite ^ /fallback? break;
        proxy_pass http://frag_${id};
${block(indent, forwardedHeaderLines)}
${block(indent, podiumHeaders(fragment, config.stamps))}
        proxy_set_header Cookie "";
${block(indent, timeouts(FALLBACK_FETCH_MS))}
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
${block(indent, forwardedHeaderLines)}
        proxy_set_header Cookie "";
        proxy_set_header Accept-Encoding "";
${block(indent, timeouts(FALLBACK_FETCH_MS))}
        # Kept like the podlet's own copy: once read, a dead podlet's slot costs the layout nothing more.
        proxy_cache sf_fallbacks;
        proxy_cache_key "layout-fallback:${fragment.name}";
        proxy_cache_valid 200 10m;
        proxy_ignore_headers Cache-Control Expires Set-Cookie Vary;
        proxy_cache_use_stale error timeout invalid_header updating http_500 http_502 http_503 http_504;
        proxy_cache_lock on;
        proxy_cache_lock_timeout ${FALLBACK_FETCH_MS}ms;
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

/** The layout's personal include (personalInclude): internal, cached only in its anonymous form. */
function personalLocations(config) {
  const indent = '        ';
  return `
    # ---- the shell's personal part: budget ${personalInclude.budgetMs}ms, then links that claim no state ----
    location ^~ ${personalInclude.path} {
        internal;
        proxy_pass http://layout;
${block(indent, forwardedHeaderLines)}
        proxy_set_header Accept-Encoding "";
${block(indent, stampHeaders(config.stamps))}
${block(indent, timeouts(personalInclude.budgetMs))}
${config.cache ? block(indent, publicCache('personal:$uri', personalVariable('personal'), `${personalInclude.budgetMs}ms`)) : ''}
${block(indent, stamping(config.stamps))}
        proxy_intercept_errors on;
        # Not 404: that is what \`internal\` answers a visitor who asks for this path, and it must stay a 404.
        error_page 500 502 503 504 = @personal_unavailable;
    }

    location @personal_unavailable {
        default_type text/html;
        return 200 '<span data-fragment-unavailable="header"></span><nav class="sf-nav" aria-label="Account"><a href="/account">Account</a></nav><a class="sf-cart" href="/cart">Cart</a>';
    }
`;
}

function serviceLocations(service, { authBurst, cache }) {
  const id = slug(service.prefix);
  const body = `        # The allow-list ($sf_api_route): a documented public route of this service, spelt exactly, or 404.
        # A location with an error_page of its own inherits none: the server's 429 and 50x answers are repeated.
        error_page 404 = @api_not_found;
        error_page 413 = @payload_too_large;
        error_page 429 = @too_many_requests;
        error_page 502 503 504 = @unavailable;
        if ($sf_api_route !~ "^${service.prefix}(:limited)?$") {
            return 404;
        }
        limit_req zone=sf_auth burst=${authBurst} nodelay;
        proxy_pass http://svc_${id}$sf_api_uri;
${block('        ', forwardedHeaderLines)}
        proxy_set_header x-storefront-user "";
        proxy_connect_timeout 2s;
        proxy_read_timeout 30s;${service.cache === 'public' && cache ? `\n${block('        ', publicCache('api:$scheme://$http_host$sf_api_uri', '$sf_personal'))}` : ''}`;
  return `
    location /api/${service.prefix}/ {
${body}
    }
    location = /api/${service.prefix} {
${body}
    }`;
}

/** An RFC 7807 answer of the gateway's own, typed like the services' (service-kit's problems). */
const problem = (status, title, detail) =>
  nginxString(JSON.stringify({ type: `https://storefront.dev/problems/${status}`, title, status, detail }));

/** The main context: user, workers, pid and error log, all under the prefix. */
function mainContext(config, underPrefix) {
  return `# Generated by nginx/render.mjs — edit that file, not this one.
${config.user.map((line) => `${line}\n`).join('')}worker_processes ${config.workerProcesses};
pid ${underPrefix('nginx.pid')};
error_log stderr warn;

events {
    worker_connections 1024;
}`;
}

/** Types, timeouts, the folders nginx writes to and its two caches. */
function httpSettings(underPrefix) {
  return `    types {
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
    # No TCP_CORK: a composed page goes out in pieces as its includes resolve, and a corked last piece waits for
    # the peer's delayed ACK (40 ms a page on keep-alive connections).
    tcp_nopush off;
    keepalive_timeout 65s;
    client_max_body_size 1m;

    client_body_temp_path ${underPrefix('temp', 'client_body')};
    proxy_temp_path ${underPrefix('temp', 'proxy')};
    fastcgi_temp_path ${underPrefix('temp', 'fastcgi')};
    uwsgi_temp_path ${underPrefix('temp', 'uwsgi')};
    scgi_temp_path ${underPrefix('temp', 'scgi')};
    proxy_cache_path ${underPrefix('cache', 'fallbacks')} levels=1:2 keys_zone=sf_fallbacks:1m max_size=16m inactive=30d use_temp_path=off;
    proxy_cache_path ${underPrefix('cache', 'public')} levels=1:2 keys_zone=sf_public:10m max_size=256m inactive=1d use_temp_path=off;`;
}

/** What each request is: who may see what (cookies, preview), its id, its page path, its CSRF token. */
function requestMaps(config) {
  return `    # Content that may depend on who asks (a session, an editor's preview cookie or token) never comes from or goes
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
    # The visitor's CSRF token (double submit): the sf_csrf cookie when it is a valid one, else a new one, minted here
    # from the request's 128 random bits and set on the page's answer. Pages and fragments write a placeholder that
    # nginx replaces with it (stamping()), so a cached page never holds a visitor's token.
    map $cookie_sf_csrf $sf_csrf {
        "~${CSRF_TOKEN_NGINX}" $cookie_sf_csrf;
        default $request_id;
    }
    map $cookie_sf_csrf $sf_csrf_cookie {
        "~${CSRF_TOKEN_NGINX}" "";
        default "sf_csrf=$request_id; Path=/; Max-Age=31536000; SameSite=Strict${config.cookieFlags}";
    }
    # The shell sees no cookie but the preview's: whatever it renders is the same for every visitor of its URL.
    map $cookie_sf_preview $sf_shell_cookie {
        "" "";
        default "sf_preview=$cookie_sf_preview";
    }
    map "$cookie_sf_preview$http_x_preview_token" $sf_preview_request {
        "" 0;
        default 1;
    }
${config.fragments.map((fragment) => personalMap(fragment.name, fragment.personalCookies)).join('\n')}
${personalMap('personal', personalInclude.personalCookies)}
${personalMap('page', [])}
    # /api/<service>/… without /api, exactly as the client sent it (encoding and query kept).
    map $request_uri $sf_api_uri {
        "~^/api(?<sf_rest>/.*)$" $sf_rest;
        default /;
    }
${apiAllowList(config.apiRoutes)}`;
}

/** Logs, compression, SSI, proxy defaults and the rate limit zone. */
function httpDefaults(config) {
  return `    log_format sf_json escape=json '{"time":"$time_iso8601","requestId":"$sf_request_id","method":"$request_method",'
        '"uri":"$request_uri","status":$status,"bytes":$body_bytes_sent,"durationMs":"$request_time",'
        '"upstream":"$upstream_addr","upstreamStatus":"$upstream_status","upstreamTime":"$upstream_response_time",'
        '"cache":"$upstream_cache_status","path":"$uri"}';
    access_log ${config.accessLog};
    # With GATEWAY_LOG_SUBREQUESTS=on every include is logged too ("path"): which came from the cache, stale or not.
    log_subrequest ${config.logSubrequests};

    gzip on;
    gzip_proxied any;
    gzip_vary on;
    gzip_min_length 512;
    gzip_comp_level 5;
    # The podlets send their scripts as text/javascript (Express), the layout and nginx as application/javascript.
    gzip_types text/css application/javascript text/javascript application/json application/problem+json image/svg+xml text/plain;

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

${block('    ', config.realIp)}
    limit_req_zone $sf_auth_key zone=sf_auth:10m rate=${config.authRate};
    limit_req_status 429;
    limit_req_log_level warn;`;
}

/** One upstream per part, with kept-alive connections. */
function upstreams(config) {
  return `    upstream layout {
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
  .join('\n')}`;
}

/** The one server: health, the shared store, the API allow-list, fragments, the personal header and the pages. */
function server(config) {
  return `    server {
        listen ${config.listen};
        server_name _;

${block('        ', securityHeaderLines())}

        location = /healthz {
            access_log off;
            default_type text/plain;
            return 200 "ok\\n";
        }

        # The one browser instance of the shared store; the layout's import map points here.
        location = /_shared/store.js {
            alias ${config.storeBundle};
            default_type application/javascript;
            # store.js.gz, written by the store's build: no per-request compression (gzip_vary adds Vary).
            gzip_static on;
            add_header Cache-Control 'public, max-age=300' always;
${block('            ', securityHeaderLines())}
        }

        # Sign-in and registration (marked in the allow-list) are rate limited per visitor address in every
        # service location; a path off the allow-list never reaches a service.
${config.services.map((service) => serviceLocations(service, config)).join('\n')}

        location /api/ {
            error_page 404 = @api_not_found;
            error_page 413 = @payload_too_large;
            return 404;
        }
        location @api_not_found {
            default_type application/problem+json;
${block('            ', securityHeaderLines())}
            return 404 ${problem(404, 'Not Found', 'No API at this path.')};
        }

        location @payload_too_large {
            default_type application/problem+json;
${block('            ', securityHeaderLines())}
            return 413 ${problem(413, 'Content Too Large', 'The request body is larger than the gateway takes.')};
        }

        error_page 429 = @too_many_requests;
        location @too_many_requests {
            default_type application/problem+json;
            add_header Retry-After 60 always;
${block('            ', securityHeaderLines())}
            return 429 ${problem(429, 'Too Many Requests', 'Too many attempts; try again in a minute.')};
        }
        error_page 502 503 504 = @unavailable;
        location @unavailable {
            default_type application/problem+json;
${block('            ', securityHeaderLines())}
            return 503 ${problem(503, 'Service Unavailable', 'This part of the storefront is unavailable right now.')};
        }
${config.fragments.map((fragment) => fragmentLocations(fragment, config)).join('')}${personalLocations(config)}
        location /_fragments/ {
            return 404;
        }

        # The layout's internal endpoints (fragment fallbacks, the personal include) are for nginx alone.
        location ^~ /_layout/ {
            return 404;
        }

        # The layout's own fingerprinted assets: no SSI to run on them. Next.js marks them immutable; nginx
        # compresses them on the fly (Next.js serves no precompressed copies).
        location ^~ /_next/static/ {
            proxy_pass http://layout;
${block('            ', forwardedHeaderLines)}
        }

        # Leaving preview without JavaScript: a form post to the layout, which checks the visitor's CSRF pair.
        location = /preview/leave {
            proxy_pass http://layout;
${block('            ', forwardedHeaderLines)}
            proxy_cache off;
        }

        # Everything else is a page: the layout renders the shell (public: the same for every visitor of the URL,
        # cached for the seconds its X-Accel-Expires allows), nginx resolves its SSI includes and stamps the nonce
        # and CSRF token of this response.
        location / {
            ssi on;
            proxy_pass http://layout;
${block('            ', forwardedHeaderLines)}
            proxy_set_header Cookie $sf_shell_cookie;
            # SSI cannot parse a compressed body; nginx compresses the composed page itself.
            proxy_set_header Accept-Encoding "";
${block('            ', stampHeaders(config.stamps))}
${config.cache ? block('            ', ['proxy_ignore_headers Cache-Control Expires;', ...publicCache('page:$scheme://$http_host$request_uri', personalVariable('page'))]) : ''}
${block('            ', stamping(config.stamps))}
            add_header Set-Cookie $sf_csrf_cookie always;
            add_header X-Cache $upstream_cache_status always;
${block('            ', securityHeaderLines(pageContentSecurityPolicy))}
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
            error_page 502 503 504 = @layout_unavailable;
        }

        location @layout_unavailable {
            default_type text/html;
            add_header Cache-Control 'no-store' always;
            add_header Retry-After 10 always;
${block('            ', securityHeaderLines())}
            return 503 '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storefront</title></head><body><h1>The storefront is unavailable right now</h1><p>Please try again in a moment.</p></body></html>';
        }
    }`;
}

export function renderNginxConf(config) {
  const underPrefix = (...parts) => join(config.prefix, ...parts);
  return `${mainContext(config, underPrefix)}

http {
${httpSettings(underPrefix)}

${requestMaps(config)}

${httpDefaults(config)}

${upstreams(config)}

${server(config)}
}
`;
}

/** Writes nginx.conf and creates every folder nginx needs under the prefix. */
export function render(env = process.env) {
  const settings = readConfig(env);
  for (const dir of ['temp', 'cache', 'logs']) mkdirSync(join(settings.prefix, dir), { recursive: true });
  const config = { ...settings, stamps: gatewayStamps(settings.prefix) };
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

// `node render.mjs`: nginx.conf for this machine. `node render.mjs --templates <dir>`: the templates a gateway image
// carries (configure.sh fills them in at start).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv[2] === '--templates') {
      if (!process.argv[3]) throw new Error('usage: node render.mjs --templates <dir>');
      for (const file of writeTemplates(process.argv[3])) console.log(`[gateway] wrote ${file}`);
    } else {
      const { file } = render();
      console.log(`[gateway] wrote ${file}`);
    }
  } catch (error) {
    console.error(`[gateway] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
