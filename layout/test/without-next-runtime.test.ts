import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendPagesWithoutNextRuntime, withoutNextRuntime } from '../server/without-next-runtime.mjs';

// The shapes Next.js 16 writes into a page (turbopack build), around what the shell writes itself.
const nonce = 'nonce="0123456789abcdef0123456789abcdef"';
const ours = [
  `<script type="importmap" ${nonce}>{"imports":{"@storefront/store/browser":"/_shared/store.js"}}</script>`,
  `<script type="module" ${nonce}>import*as S from"@storefront/store/browser";</script>`,
  '<script src="/_fragments/product-catalog/assets/hydrate-bWpLyLasdt.js" type="module"></script>',
  '<style data-precedence="next" data-href="/_next/static/chunks/2fpq84o-ole6x.css">.sf-header{color:red}</style>',
  '<link rel="preload" as="image" href="/api/products/1/image" fetchPriority="high"/>',
  '<div data-personal="header"><!--# include virtual="/_layout/personal/header" --></div>',
  '<script type="application/json" data-store-slice="cart">{"items":[]}</script>',
  `<script ${nonce}>window._$HY||(e=>{})(window._$HY={})</script>`,
];
const nexts = [
  `<link rel="preload" as="script" fetchPriority="low" ${nonce} href="/_next/static/chunks/0j1we3cwg31qe.js"/>`,
  `<script src="/_next/static/chunks/1cq4ac2zvwtf3.js" async="" ${nonce}></script>`,
  `<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule="" ${nonce}></script>`,
  `<script ${nonce} id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]});</script>`,
  `<script ${nonce}>(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script ${nonce}>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n\\u003c/script\\u003e"])</script>`,
];
const page = (parts: string[]) =>
  `<!DOCTYPE html><html lang="en"><head>${parts.join('')}</head><body></body></html>`;
const interleaved = ours.flatMap((part, index) => [part, nexts[index % nexts.length]!]);

describe("a layout page without Next.js's client runtime", () => {
  it("when a page has Next's scripts, preloads and flight data among the shell's own, only Next's go", () => {
    const rewritten = withoutNextRuntime(page(interleaved));

    expect(rewritten).toBe(page(ours));
  });

  it('when a page has none of them, it is passed on byte for byte', () => {
    const html = page(ours);

    expect(withoutNextRuntime(html)).toBe(html);
  });
});

describe('a response written by Next.js', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function serve(contentType: string, chunks: string[], method = 'GET'): Promise<Response> {
    server = createServer((_request, response) => {
      sendPagesWithoutNextRuntime(response);
      response.setHeader('content-type', contentType);
      // As Next.js streams a page: several writes, then end.
      for (const chunk of chunks) response.write(chunk);
      response.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method });
  }

  it('when it is an HTML page written in pieces, arrives whole, without the runtime, with its own length', async () => {
    const html = page(interleaved);
    const pieces = [html.slice(0, 100), html.slice(100, 700), html.slice(700)];

    const response = await serve('text/html; charset=utf-8', pieces);
    const body = await response.text();

    expect(body).toBe(page(ours));
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });

  it('when it is not HTML, it passes untouched', async () => {
    const script = nexts[1]!.repeat(3);

    const response = await serve('text/javascript', [script.slice(0, 50), script.slice(50)]);

    expect(await response.text()).toBe(script);
    expect(response.headers.get('content-length')).toBeNull();
  });

  it('when it is a HEAD answer (no body written), it claims no length', async () => {
    const response = await serve('text/html; charset=utf-8', [], 'HEAD');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
  });
});
