export const dynamic = 'force-dynamic';

/** Ready: the layout depends on nothing it cannot do without (podlets down mean fallbacks, not errors). */
export function GET() {
  return Response.json({ status: 'ready' }, { headers: { 'cache-control': 'no-store' } });
}
