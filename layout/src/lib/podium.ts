// The Podium side of the layout: one @podium/layout per process, the podlets of the registry (podlet-registry.ts)
// registered with its client (@podium/client). The client reads each podlet's manifest and fallback and keeps them
// in its registry (the last good ones stay there while a podlet is down), and in COMPOSITION=podium fetches a
// fragment with the Podium context. podlet-manifests.ts decides when manifests are refreshed and what of them
// reaches the page; composition.ts builds the context of a visitor's request.
import type PodiumClientResource from '@podium/client/lib/resource.js';
import Layout from '@podium/layout';
import { HttpIncoming } from '@podium/utils';
import { podletUrl, type PodletDefinition, type PodletName } from './podlet-registry';
import { processSingleton } from './process-singleton';

/** What `podium-requested-by` says, the same as nginx. */
export const LAYOUT_NAME = 'storefront-layout';

interface PodiumState {
  layout: Layout;
  resources: Map<PodletName, PodiumClientResource>;
}

// One layout (and so one manifest registry) per process.
const state = processSingleton<PodiumState>('podium', () => ({
  // The layout's own context parsers, proxy and middleware are not used: nginx (or composition.ts) sets the context.
  layout: new Layout({ name: LAYOUT_NAME, pathname: '/' }),
  resources: new Map(),
}));

/** The podlet as registered with the Podium client (registered on first use, with the address of that moment). */
export function podletResource(podlet: PodletDefinition): PodiumClientResource {
  let resource = state.resources.get(podlet.name);
  if (!resource) {
    resource = state.layout.client.register({
      name: podlet.name,
      uri: `${podletUrl(podlet)}/manifest.json`,
      // The fragment's time budget (the same as nginx's); manifest and fallback reads get the same.
      timeout: podlet.budgetMs,
      // A failure is thrown, not answered with the client's fallback: composition.ts picks the fallback (the last
      // good one) or, without one, a placeholder.
      throwable: true,
    });
    state.resources.set(podlet.name, resource);
  }
  return resource;
}

/** A podlet's manifest as the Podium client keeps it: assets with URLs made absolute against the manifest's URL. */
export interface CachedManifest {
  name: string;
  version: string;
  js: ReadonlyArray<{ value: string; type?: string; async?: boolean; defer?: boolean }>;
  css: ReadonlyArray<{ value: string; media?: string }>;
  /** The fallback's URL ('' when the podlet has none). */
  fallback: string;
  /** The fallback HTML the client fetched along with the manifest ('' when there is none or it failed). */
  fallbackHtml: string;
}

/** The last manifest the client read from the podlet, if any. */
export function cachedManifest(name: PodletName): CachedManifest | undefined {
  const registry = state.layout.client.registry as { get(key: string): unknown };
  const entry = registry.get(name) as
    | (Omit<CachedManifest, 'fallbackHtml' | 'fallback'> & { fallback?: unknown } & { _fallback?: unknown })
    | undefined;
  if (!entry || typeof entry.name !== 'string') return undefined;
  return {
    name: entry.name,
    version: entry.version,
    js: Array.isArray(entry.js) ? entry.js : [],
    css: Array.isArray(entry.css) ? entry.css : [],
    fallback: typeof entry.fallback === 'string' ? entry.fallback : '',
    fallbackHtml: typeof entry._fallback === 'string' ? entry._fallback : '',
  };
}

/**
 * The incoming side of a fragment request for the Podium client: the context it serializes into `podium-*` headers.
 * A value may be a function of the podlet's name (as @podium/context does for the public pathname).
 */
export function podiumIncoming(
  context: Record<string, string | ((podletName: string) => string)>,
): HttpIncoming {
  const incoming = new HttpIncoming({ headers: {} });
  incoming.context = context;
  return incoming;
}
