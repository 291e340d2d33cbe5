import { podletFallback } from '../../../../lib/podlet-manifests';
import { isPodletName } from '../../../../lib/podlet-registry';

export const dynamic = 'force-dynamic';

/**
 * `/_layout/fallbacks/<podlet>`: the podlet's fallback as the layout last fetched it with its manifest. nginx asks
 * for it (internally) when a podlet fails and its own cached copy is missing, e.g. a podlet that stopped before
 * ever failing.
 */
export async function GET(_request: Request, context: { params: Promise<{ name: string }> }) {
  const { name } = await context.params;
  const html = isPodletName(name) ? await podletFallback(name) : undefined;
  if (html === undefined) return new Response('', { status: 404, headers: { 'cache-control': 'no-store' } });
  return new Response(html, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
