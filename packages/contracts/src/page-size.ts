// Without zod: the browser store bundles this file for its empty catalog.

/** Products on a listing page when the request names no page size: the service's answer and the catalog's page. */
export const DEFAULT_PAGE_SIZE = 24;
