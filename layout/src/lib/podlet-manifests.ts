// The podlets' Podium manifests (CSS/JS for <head>) and fallbacks, read through the Podium client (podium.ts) and
// refreshed in the background.
import { podletByName, podlets, podletUrl, type PodletDefinition, type PodletName } from './podlet-registry';
import { inlineStyle, readStyles } from './inline-styles';
import { cachedManifest, podletResource } from './podium';
import { processSingleton } from './process-singleton';

export interface ScriptAsset {
  src: string;
  type: 'module' | 'classic';
  async: boolean;
  defer: boolean;
}

export interface StyleAsset {
  href: string;
  media?: string;
  /** Its CSS, when small enough to go into the page's <head> instead of a render-blocking request. */
  inline?: string;
}

export interface PodletAssets {
  js: ScriptAsset[];
  css: StyleAsset[];
}

/**
 * When the layout last asked the Podium client to refresh a podlet's manifest (and fallback), and how it went. The
 * manifest itself lives in the client's registry, which keeps the last good one while a podlet is down.
 */
interface RefreshState {
  fetchedAt: number;
  ok: boolean;
  /** Whether a manifest was ever read: until then a page waits for the next attempt. */
  everOk: boolean;
  refreshing?: Promise<void>;
  /** The last good fallback HTML: what is shown when the podlet and nginx's cached copy both fail. */
  fallback?: string;
  /** The manifest names a fallback that could not be read: worth an earlier retry than a fresh manifest's. */
  fallbackMissing?: boolean;
  /** Reads in a row that ended without any fallback known. */
  fallbackAttempts?: number;
  /** When the layout first asked for it. */
  firstAskedAt: number;
}

const MANIFEST_TTL_MS = 30_000;
const RETRY_AFTER_FAILURE_MS = 5_000;
const NEVER_REACHED_RETRY_MS = 1_000;
/**
 * A podlet never reached is reported once it has not answered for this long: at start the parts come up together,
 * and a podlet rendering its warm-up page may miss the first manifest read's budget.
 */
const NEVER_REACHED_REPORT_MS = 10_000;
/** Background reads for a fallback never read yet, a second apart. */
const FALLBACK_ATTEMPTS = 5;
/** How long a page waits for the manifest of a podlet never reached yet (a hung one must not slow every page). */
const NEVER_REACHED_WAIT_MS = 300;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const MAX_FALLBACK_BYTES = 64 * 1024;
const empty: PodletAssets = { js: [], css: [] };

const states = processSingleton('podletRefresh', () => new Map<PodletName, RefreshState>());

/**
 * Only the podlet's own public assets are accepted, so a manifest can never pull a third-party script in. The
 * Podium client resolves every asset URL against the manifest's URL: the podlets write absolute paths
 * (`/_fragments/<name>/assets/…`), which come back on the podlet's origin and leave it again here.
 */
function ownAsset(podlet: PodletDefinition, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value, `${podletUrl(podlet)}/`);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(`${podletUrl(podlet)}/`).origin) return undefined;
  const path = url.pathname;
  return path.startsWith(`/_fragments/${podlet.name}/`) && !path.includes('..')
    ? path + url.search
    : undefined;
}

function manifestAssets(podlet: PodletDefinition): PodletAssets {
  const manifest = cachedManifest(podlet.name);
  if (!manifest) return empty;
  const js: ScriptAsset[] = [];
  const css: StyleAsset[] = [];
  for (const asset of manifest.js) {
    const src = ownAsset(podlet, asset.value);
    if (!src) continue;
    js.push({
      src,
      type: asset.type === 'module' || asset.type === 'esm' ? 'module' : 'classic',
      async: asset.async === true,
      defer: asset.defer === true,
    });
  }
  for (const asset of manifest.css) {
    const href = ownAsset(podlet, asset.value);
    if (!href) continue;
    const inline = inlineStyle(href);
    css.push({
      href,
      ...(typeof asset.media === 'string' && asset.media ? { media: asset.media } : {}),
      ...(inline !== undefined ? { inline } : {}),
    });
  }
  return { js, css };
}

function warn(msg: string, podlet: PodletName) {
  console.warn(JSON.stringify({ level: 'warn', msg, podlet }));
}

function refresh(podlet: PodletDefinition): Promise<void> {
  const previous = states.get(podlet.name);
  if (previous?.refreshing) return previous.refreshing;
  // @podium/client: reads the manifest and, with it, the fallback; only a valid manifest replaces the cached one.
  const refreshing = podletResource(podlet)
    .refresh()
    .catch(() => false)
    // With a new manifest come new stylesheets: read once, before its pages inline them.
    .then(async (ok) => {
      if (ok)
        await readStyles(
          podlet,
          manifestAssets(podlet).css.map((style) => style.href),
        );
      return ok;
    })
    .then((ok) => {
      const last = states.get(podlet.name);
      const manifest = ok ? cachedManifest(podlet.name) : undefined;
      const html = manifest?.fallbackHtml;
      // A fallback that could not be read this time does not replace the last good one.
      const fallback = html && html.length <= MAX_FALLBACK_BYTES ? html : last?.fallback;
      const fallbackMissing = manifest !== undefined && manifest.fallback !== '' && !html;
      if (fallbackMissing) warn('podlet fallback unavailable', podlet.name);
      // Logged when it stops answering, or by the read that finds it has not answered since it was first asked for
      // NEVER_REACHED_REPORT_MS; not on every retry.
      const everOk = ok || (last?.everOk ?? false);
      const firstAskedAt = last?.firstAskedAt ?? Date.now();
      const silentLongEnoughAt = (at: number) => at - firstAskedAt >= NEVER_REACHED_REPORT_MS;
      const neverReachedTooLong =
        !everOk && silentLongEnoughAt(Date.now()) && !silentLongEnoughAt(last?.fetchedAt ?? 0);
      if (!ok && (last?.ok || neverReachedTooLong)) warn('podlet manifest unavailable', podlet.name);
      const fallbackAttempts = fallback === undefined ? (last?.fallbackAttempts ?? 0) + 1 : 0;
      states.set(podlet.name, {
        fetchedAt: Date.now(),
        ok,
        everOk,
        firstAskedAt,
        fallback,
        fallbackMissing,
        fallbackAttempts,
      });
      // Until a podlet has answered once, keep trying in the background so its assets are there for the next page;
      // likewise until its fallback was read once (a slow first read, e.g. while the layout starts, must not leave
      // nginx's last resort empty until some page happens to ask again), a few times only.
      const neverReached = !ok && !last?.everOk;
      if (neverReached || (fallbackMissing && fallback === undefined && fallbackAttempts < FALLBACK_ATTEMPTS))
        setTimeout(() => void refresh(podlet), NEVER_REACHED_RETRY_MS).unref();
    });
  states.set(podlet.name, {
    ...(previous ?? {
      fetchedAt: 0,
      ok: false,
      everOk: false,
      firstAskedAt: Date.now(),
    }),
    refreshing,
  });
  return refreshing;
}

/** The last fallback HTML fetched from a podlet, if any (served to nginx as the last resort). */
export async function podletFallback(name: PodletName): Promise<string | undefined> {
  const podlet = podletByName(name);
  if (!states.has(name)) await refresh(podlet);
  return states.get(name)?.fallback;
}

/** Every podlet's assets: cached, refreshed in the background when stale, awaited only on first use. */
export async function podletAssets(): Promise<Record<PodletName, PodletAssets>> {
  const now = Date.now();
  await Promise.all(
    podlets.map(async (podlet) => {
      const entry = states.get(podlet.name);
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
      if (age > (entry.ok && !entry.fallbackMissing ? MANIFEST_TTL_MS : RETRY_AFTER_FAILURE_MS))
        void refresh(podlet);
    }),
  );
  return Object.fromEntries(podlets.map((podlet) => [podlet.name, manifestAssets(podlet)])) as Record<
    PodletName,
    PodletAssets
  >;
}
