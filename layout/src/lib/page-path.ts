/** The page's path (each segment re-encoded) and query, as the catalog fragment receives them. */
export function pagePathOf(
  segments: string[] | undefined,
  searchParams: Record<string, string | string[] | undefined>,
): { pathname: string; search: string; withQuery: string } {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      query.append(key, item);
  }
  const pathname = `/${(segments ?? []).map((segment) => encodeURIComponent(segment)).join('/')}`;
  const search = query.toString();
  return { pathname, search, withQuery: search ? `${pathname}?${search}` : pathname };
}
