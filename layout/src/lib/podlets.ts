// The podlets the layout composes, their slots and their Podium manifests (CSS/JS for <head>).

export type PodletName = 'product-catalog' | 'order-management' | 'user-dashboard';

export interface PodletDefinition {
  name: PodletName;
  urlEnv: string;
  defaultPort: number;
  /** Time budget of the fragment in COMPOSITION=podium mode: the same as nginx's (nginx/render.mjs, tested). */
  budgetMs: number;
}

export const podlets: readonly PodletDefinition[] = [
  { name: 'product-catalog', urlEnv: 'PRODUCT_CATALOG_URL', defaultPort: 7102, budgetMs: 300 },
  { name: 'order-management', urlEnv: 'ORDER_MANAGEMENT_URL', defaultPort: 7103, budgetMs: 500 },
  { name: 'user-dashboard', urlEnv: 'USER_DASHBOARD_URL', defaultPort: 7101, budgetMs: 500 },
];

export function podletByName(name: PodletName): PodletDefinition {
  const podlet = podlets.find((candidate) => candidate.name === name);
  if (!podlet) throw new Error(`unknown podlet ${name}`);
  return podlet;
}

export function podletUrl(podlet: PodletDefinition): string {
  return (process.env[podlet.urlEnv] ?? `http://127.0.0.1:${podlet.defaultPort}`).replace(/\/+$/, '');
}

/**
 * Characters that must not reach nginx's SSI parser raw: quotes and backslashes would end or escape the parameter,
 * `$` would be read as a variable, `<`/`>` could end the comment in a browser that sees it unprocessed.
 */
function ssiSafe(path: string): string {
  let safe = '';
  for (const char of path) {
    const code = char.charCodeAt(0);
    const unsafe = code <= 0x20 || code === 0x7f || `"'\\$<>\``.includes(char);
    safe += unsafe ? encodeURIComponent(char) : char;
  }
  return safe;
}

/** The SSI directive nginx replaces with the fragment (`<!--# include virtual="/_fragments/<name>/<path>" -->`). */
export function ssiInclude(name: PodletName, path: string): string {
  const inside = path.startsWith('/') ? path : `/${path}`;
  return `<!--# include virtual="${ssiSafe(`/_fragments/${name}${inside}`)}" -->`;
}

// ---- Podium manifests -------------------------------------------------------------------------------------------

export interface ScriptAsset {
  src: string;
  type: 'module' | 'classic';
  async: boolean;
  defer: boolean;
}

export interface StyleAsset {
  href: string;
  media?: string;
}

export interface PodletAssets {
  js: ScriptAsset[];
  css: StyleAsset[];
}

interface CacheEntry {
  assets: PodletAssets;
  /** The podlet's last known fallback HTML: what is shown when the podlet and nginx's cached copy both fail. */
  fallback?: string;
  fetchedAt: number;
  ok: boolean;
  /** Whether a manifest was ever read: until then a page waits for the next attempt. */
  everOk: boolean;
  refreshing?: Promise<void>;
}

const MANIFEST_TTL_MS = 30_000;
const RETRY_AFTER_FAILURE_MS = 5_000;
const NEVER_REACHED_RETRY_MS = 1_000;
/** How long a page waits for the manifest of a podlet never reached yet (a hung one must not slow every page). */
const NEVER_REACHED_WAIT_MS = 300;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const MANIFEST_TIMEOUT_MS = 1000;
const MAX_FALLBACK_BYTES = 64 * 1024;
const empty: PodletAssets = { js: [], css: [] };

// One cache per process, whichever route bundle imports this module.
const cacheKey = Symbol.for('storefront.layout.podletCache');
const cache: Map<PodletName, CacheEntry> =
  ((globalThis as Record<symbol, unknown>)[cacheKey] as Map<PodletName, CacheEntry> | undefined) ??
  new Map<PodletName, CacheEntry>();
(globalThis as Record<symbol, unknown>)[cacheKey] = cache;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the podlet's own public assets are accepted, so a manifest can never pull a third-party script in. */
function ownAsset(name: PodletName, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const prefix = `/_fragments/${name}/`;
  return value.startsWith(prefix) && !value.includes('..') ? value : undefined;
}

export function parseManifest(name: PodletName, manifest: unknown): PodletAssets {
  if (!isRecord(manifest)) return empty;
  const js: ScriptAsset[] = [];
  const css: StyleAsset[] = [];
  for (const entry of Array.isArray(manifest.js) ? manifest.js : []) {
    const raw = isRecord(entry) ? entry.value : entry;
    const src = ownAsset(name, raw);
    if (!src) continue;
    const record = isRecord(entry) ? entry : {};
    js.push({
      src,
      type: record.type === 'module' || record.type === 'esm' ? 'module' : 'classic',
      async: record.async === true,
      defer: record.defer === true,
    });
  }
  for (const entry of Array.isArray(manifest.css) ? manifest.css : []) {
    const raw = isRecord(entry) ? entry.value : entry;
    const href = ownAsset(name, raw);
    if (!href) continue;
    const media = isRecord(entry) && typeof entry.media === 'string' ? entry.media : undefined;
    css.push(media ? { href, media } : { href });
  }
  return { js, css };
}

async function fetchManifest(
  podlet: PodletDefinition,
): Promise<{ assets: PodletAssets; fallbackPath: string }> {
  const response = await fetch(`${podletUrl(podlet)}/manifest.json`, {
    signal: AbortSignal.timeout(MANIFEST_TIMEOUT_MS),
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`${podlet.name} manifest answered ${response.status}`);
  const manifest: unknown = await response.json();
  const fallback = isRecord(manifest) ? manifest.fallback : undefined;
  return {
    assets: parseManifest(podlet.name, manifest),
    fallbackPath: typeof fallback === 'string' && /^\/[\w./-]*$/.test(fallback) ? fallback : '/fallback',
  };
}

async function fetchFallback(podlet: PodletDefinition, path: string): Promise<string | undefined> {
  const response = await fetch(`${podletUrl(podlet)}${path}`, {
    signal: AbortSignal.timeout(MANIFEST_TIMEOUT_MS),
    cache: 'no-store',
    headers: { accept: 'text/html', 'podium-requested-by': 'storefront-layout' },
  });
  const html = await response.text();
  return response.ok && html.length <= MAX_FALLBACK_BYTES ? html : undefined;
}

function warn(msg: string, podlet: PodletName, error: unknown) {
  console.warn(
    JSON.stringify({
      level: 'warn',
      msg,
      podlet,
      err: error instanceof Error ? error.message : String(error),
    }),
  );
}

function refresh(podlet: PodletDefinition): Promise<void> {
  const previous = cache.get(podlet.name);
  if (previous?.refreshing) return previous.refreshing;
  const refreshing = fetchManifest(podlet)
    .then(async ({ assets, fallbackPath }) => {
      // Like @podium/client: the fallback is fetched and kept along with the manifest.
      const fallback = await fetchFallback(podlet, fallbackPath).catch((error: unknown) => {
        warn('podlet fallback unavailable', podlet.name, error);
        return undefined;
      });
      const last = cache.get(podlet.name);
      cache.set(podlet.name, {
        assets,
        fallback: fallback ?? last?.fallback,
        fetchedAt: Date.now(),
        ok: true,
        everOk: true,
      });
    })
    .catch((error: unknown) => {
      // A podlet that is down keeps its last known assets (or none): the page renders all the same.
      const last = cache.get(podlet.name);
      cache.set(podlet.name, {
        assets: last?.assets ?? empty,
        fallback: last?.fallback,
        fetchedAt: Date.now(),
        ok: false,
        everOk: last?.everOk ?? false,
      });
      // Logged when it stops answering, not on every retry.
      if (!last || last.ok || last.fetchedAt === 0) warn('podlet manifest unavailable', podlet.name, error);
      // Until a podlet has answered once, keep trying in the background so its assets are there for the next page.
      if (!last?.everOk) setTimeout(() => void refresh(podlet), NEVER_REACHED_RETRY_MS).unref();
    });
  cache.set(podlet.name, {
    ...(previous ?? { assets: empty, fetchedAt: 0, ok: false, everOk: false }),
    refreshing,
  });
  return refreshing;
}

/** The last fallback HTML fetched from a podlet, if any (served to nginx as the last resort). */
export async function podletFallback(name: PodletName): Promise<string | undefined> {
  const podlet = podletByName(name);
  if (!cache.has(name)) await refresh(podlet);
  return cache.get(name)?.fallback;
}

export function isPodletName(name: string): name is PodletName {
  return podlets.some((podlet) => podlet.name === name);
}

/** Every podlet's assets: cached, refreshed in the background when stale, awaited only on first use. */
export async function podletAssets(): Promise<Record<PodletName, PodletAssets>> {
  const now = Date.now();
  await Promise.all(
    podlets.map(async (podlet) => {
      const entry = cache.get(podlet.name);
      if (!entry) {
        await refresh(podlet);
        return;
      }
      if (!entry.everOk) {
        // Never reached yet (e.g. started after the layout): worth a bounded wait, on an attempt already running
        // (retries run in the background every second until the first success) or on a new one.
        const attempt =
          entry.refreshing ?? (now - entry.fetchedAt > NEVER_REACHED_RETRY_MS ? refresh(podlet) : undefined);
        if (attempt) await Promise.race([attempt, delay(NEVER_REACHED_WAIT_MS)]);
        return;
      }
      const age = now - entry.fetchedAt;
      // Known assets are served while they refresh in the background.
      if (age > (entry.ok ? MANIFEST_TTL_MS : RETRY_AFTER_FAILURE_MS)) void refresh(podlet);
    }),
  );
  return Object.fromEntries(
    podlets.map((podlet) => [podlet.name, cache.get(podlet.name)?.assets ?? empty]),
  ) as Record<PodletName, PodletAssets>;
}
