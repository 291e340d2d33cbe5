import { isPodletName, podletByName, podletUrl } from '../../../../../lib/podlet-registry';

export const dynamic = 'force-dynamic';

/**
 * `/_fragments/<podlet>/assets/<file>` when the layout runs without nginx (COMPOSITION=podium, `next dev`): the
 * podlet's fingerprinted asset, passed through. Behind nginx the gateway serves these itself.
 */
export async function GET(_request: Request, context: { params: Promise<{ name: string; file: string[] }> }) {
  const { name, file } = await context.params;
  if (!isPodletName(name) || file.some((segment) => segment === '..' || segment.includes('/'))) {
    return new Response('', { status: 404 });
  }
  try {
    const upstream = await fetch(
      `${podletUrl(podletByName(name))}/assets/${file.map(encodeURIComponent).join('/')}`,
      {
        cache: 'no-store',
        signal: AbortSignal.timeout(5000),
      },
    );
    const headers = new Headers();
    for (const header of ['content-type', 'cache-control', 'etag', 'last-modified']) {
      const value = upstream.headers.get(header);
      if (value) headers.set(header, value);
    }
    return new Response(upstream.body, { status: upstream.status, headers });
  } catch {
    return new Response('', { status: 502 });
  }
}
