/** An error answer in the services' shape (RFC 9457 problem+json), never kept by a cache. */
export function problemResponse(
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { type: `https://storefront.dev/problems/${status}`, title, status, detail },
    {
      status,
      headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
    },
  );
}
