import { z } from 'zod';
import { apiGet, type ApiAnswer } from '../product-api.js';
import { managedListResponse, productStatusSchema, productView } from '../product-schemas.js';
import type { CatalogView } from '../render-contract.js';
import { categoriesOf, pageSchema, pageSizeSchema, pick, searchSchema, type PageCall } from './page-call.js';

const uuidSchema = z.uuid();

/** Products per page of the editor's list, unless the query says otherwise. */
const EDITOR_PAGE_SIZE = 50;

const refused = (answer: ApiAnswer<unknown>) =>
  !answer.ok && (answer.status === 401 || answer.status === 403);

/** The editor's list of every product, drafts included, newest first; filtered by status or a search. */
export async function editorListPage(call: PageCall, notAllowed: () => CatalogView): Promise<CatalogView> {
  const { query } = call;
  const page = pick(pageSchema, query.get('page')) ?? 1;
  const pageSize = pick(pageSizeSchema, query.get('pageSize')) ?? EDITOR_PAGE_SIZE;
  const status = pick(productStatusSchema, query.get('status'));
  const q = pick(searchSchema, query.get('q'));
  const url = call.api('/products/manage');
  url.searchParams.set('page', String(page));
  url.searchParams.set('pageSize', String(pageSize));
  url.searchParams.set('sort', 'newest');
  if (status) url.searchParams.set('status', status);
  if (q) url.searchParams.set('q', q);
  const answer = await apiGet(url, managedListResponse, call.headers);
  if (refused(answer)) return notAllowed();
  return {
    kind: 'editor-list',
    products: answer.ok ? answer.data.items : [],
    page,
    pageSize,
    total: answer.ok ? answer.data.total : 0,
    csrfToken: call.csrfToken,
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
    ...(answer.ok ? {} : { problem: answer.problem }),
  };
}

/** The editor's form: empty for a new product (`id` undefined), or filled with the product `id` names. */
export async function editorFormPage(
  call: PageCall,
  id: string | undefined,
  notAllowed: () => CatalogView,
): Promise<CatalogView> {
  const { csrfToken } = call;
  if (id === undefined) {
    // The service has the last word on who may edit: ask it before showing an empty form.
    const probe = call.api('/products/manage');
    probe.searchParams.set('pageSize', '1');
    const [answer, categories] = await Promise.all([
      apiGet(probe, managedListResponse, call.headers),
      categoriesOf(call),
    ]);
    return refused(answer) ? notAllowed() : { kind: 'editor-form', product: null, categories, csrfToken };
  }
  if (!uuidSchema.safeParse(id).success)
    return { kind: 'editor-form', product: null, categories: [], csrfToken, missing: true };
  const [answer, categories] = await Promise.all([
    apiGet(call.api(`/products/manage/${id}`), productView, call.headers),
    categoriesOf(call),
  ]);
  if (refused(answer)) return notAllowed();
  return answer.ok
    ? { kind: 'editor-form', product: answer.data, categories, csrfToken }
    : { kind: 'editor-form', product: null, categories, csrfToken, missing: true };
}
