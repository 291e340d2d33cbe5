/** Browsers ask for /favicon.ico on their own: point them at the icon rather than render a page for it. */
export function GET() {
  return new Response(null, {
    status: 308,
    headers: { location: '/icon.svg', 'cache-control': 'public, max-age=86400' },
  });
}
