import { DEFAULT_PAGE_SIZE, slugSchema } from '@storefront/contracts';
import { PREVIEW_COOKIE, SESSION_COOKIE } from '@storefront/auth';
import {
  fragmentRoot,
  type Hydration,
  PRIVATE_FRAGMENT_CACHE,
  PUBLIC_FRAGMENT_CACHE,
  type ContentResult,
  type RenderContext,
} from '@storefront/podlet-kit';
import { escapeJsonForHtml, serializeSlice, type CatalogState } from '@storefront/store';
import { apiGet } from './product-api.js';
import { productView } from './product-schemas.js';
import type { CatalogView, RenderCatalog } from './render-contract.js';
import { editorFormPage, editorListPage } from './pages/editor-pages.js';
import { listingPage, type ListingMode } from './pages/listing-page.js';
import { summaries, type PageCall, type PageData } from './pages/page-call.js';

export interface CatalogPageDeps {
  productServiceUrl: string;
  render: RenderCatalog;
}

type Route =
  | ({ kind: 'listing' } & ListingMode)
  | { kind: 'detail'; slug: string }
  | { kind: 'editor-list' }
  | { kind: 'editor-new' }
  | { kind: 'editor-edit'; id: string }
  | { kind: 'none' };

function routeOf(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponentSafe);
  if (parts.length === 0) return { kind: 'listing', mode: 'home' };
  const [first, second, third] = parts;
  if (first === 'c' && parts.length === 2) {
    return slugSchema.safeParse(second).success
      ? { kind: 'listing', mode: 'category', category: second! }
      : { kind: 'none' };
  }
  if (first === 'search' && parts.length === 1) return { kind: 'listing', mode: 'search' };
  if (first === 'products' && parts.length === 2) {
    return slugSchema.safeParse(second).success ? { kind: 'detail', slug: second! } : { kind: 'none' };
  }
  if (first === 'editor') {
    if (parts.length === 1) return { kind: 'editor-list' };
    if (second === 'products' && parts.length === 3) {
      return third === 'new' ? { kind: 'editor-new' } : { kind: 'editor-edit', id: third! };
    }
  }
  return { kind: 'none' };
}

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const emptyCatalog = (): CatalogState => ({ products: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });

const isEditorRoute = (route: Route) =>
  route.kind === 'editor-list' || route.kind === 'editor-new' || route.kind === 'editor-edit';

/**
 * The visitor's cookies a page's calls carry: the session only where it is read (a public answer must not depend
 * on it).
 */
function forwardedCookies(cookies: Record<string, string | undefined>, editing: boolean): string {
  return (editing ? [SESSION_COOKIE, PREVIEW_COOKIE] : [PREVIEW_COOKIE])
    .filter((name) => cookies[name])
    .map((name) => `${name}=${encodeURIComponent(cookies[name]!)}`)
    .join('; ');
}

async function detailPage(call: PageCall, slug: string): Promise<PageData> {
  const answer = await apiGet(call.api(`/products/${slug}`), productView, call.headers);
  return {
    view: { kind: 'detail', product: answer.ok ? answer.data : null, csrfToken: call.csrfToken },
    ...(answer.ok ? { catalog: { products: summaries([answer.data]), page: 1, pageSize: 1, total: 1 } } : {}),
  };
}

/** What the page at `route` shows; an editor's page only to someone who may edit (the service decides last). */
async function pageData(call: PageCall, route: Route, context: RenderContext): Promise<PageData> {
  const notAllowed = (): CatalogView => ({ kind: 'not-allowed', signedIn: Boolean(context.user) });
  // Without a verified session the service decides (it answers 401/403 to anyone else).
  const mayEdit = context.user
    ? context.user.role === 'editor' || context.user.role === 'admin'
    : Boolean(context.cookies[SESSION_COOKIE]);
  if (isEditorRoute(route) && !mayEdit) return { view: notAllowed() };
  switch (route.kind) {
    case 'listing':
      return listingPage(call, route);
    case 'detail':
      return detailPage(call, route.slug);
    case 'editor-list':
      return { view: await editorListPage(call, notAllowed) };
    case 'editor-new':
      return { view: await editorFormPage(call, undefined, notAllowed) };
    case 'editor-edit':
      return { view: await editorFormPage(call, route.id, notAllowed) };
    default:
      return { view: { kind: 'none' } };
  }
}

export function catalogContent({ productServiceUrl, render }: CatalogPageDeps) {
  return async (context: RenderContext): Promise<ContentResult> => {
    const route = routeOf(context.path);
    // The shop's pages are the same for every visitor (drafts show only in an editor's preview), so their answers
    // are public even for signed-in visitors; the editor's views and a preview are theirs alone.
    const editing = isEditorRoute(route);
    const personal = editing || Boolean(context.cookies[PREVIEW_COOKIE]);
    const cookie = forwardedCookies(context.cookies, editing);
    const call: PageCall = {
      api: (path) => new URL(path, productServiceUrl),
      headers: { ...context.upstreamHeaders, ...(cookie ? { cookie } : {}) },
      query: context.query,
      csrfToken: context.csrfToken,
    };

    const { view, catalog = emptyCatalog() } = await pageData(call, route, context);

    const { locale } = context.podium;
    const pagePath = context.podium.mountPathname ?? context.path;
    const inner = await render({ catalog, view, locale, pagePath });
    const html =
      fragmentRoot('product-catalog', inner, {
        locale,
        'page-path': pagePath,
        // The editor's forms need their code at once; a shopper's page waits for a touch (client.config.json).
        ...(view.kind.startsWith('editor') ? { hydrate: 'load' satisfies Hydration } : {}),
      }) +
      `<script type="application/json" data-catalog-view>${escapeJsonForHtml(view)}</script>` +
      serializeSlice('catalog', catalog);
    return { html, cacheControl: personal ? PRIVATE_FRAGMENT_CACHE : PUBLIC_FRAGMENT_CACHE };
  };
}
