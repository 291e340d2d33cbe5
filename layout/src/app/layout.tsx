import { PAGE_CSRF_HEADER, pageCsrfToken, PREVIEW_COOKIE } from '@storefront/auth';
import { DESIGN_STYLESHEET_PATH } from '@storefront/design';
import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Header } from '../components/header';
import { PreviewBanner } from '../components/preview-banner';
import { CSP_NONCE_HEADER, validNonce } from '../lib/csp';
import { compositionMode } from '../lib/composition';
import { personalHeader, PERSONAL_HEADER_PATH } from '../lib/personal-header';
import { headerCategories } from '../lib/products';
import { podletAssets } from '../lib/podlet-manifests';
import { podlets } from '../lib/podlet-registry';
import { shellScript } from '../lib/shell-script';
import { ssiDirective } from '../lib/ssi';
import { parseCookieHeader } from '../lib/request-state';
import './globals.css';

// Rendered per request (nginx keeps the public shell for a second: see proxy.ts); nothing in it is personal but
// the preview banner, and a preview is never cached.
export const dynamic = 'force-dynamic';

/** The one browser instance of the shared store, for the shell and every fragment. Must precede module scripts. */
export const importMap = { imports: { '@storefront/store/browser': '/_shared/store.js' } };

export const metadata: Metadata = {
  metadataBase: new URL(process.env.GATEWAY_URL ?? 'http://localhost:8080'),
  title: { default: 'Storefront', template: '%s · Storefront' },
  description: 'Shop the Storefront catalog: products, cart and your account in one place.',
  applicationName: 'Storefront',
  openGraph: { type: 'website', siteName: 'Storefront' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  const cookie = requestHeaders.get('cookie');
  // The page's CSRF token and CSP nonce (set by the proxy: behind nginx, placeholders it stamps per response).
  const csrfToken = pageCsrfToken(requestHeaders.get(PAGE_CSRF_HEADER)) ?? '';
  const nonce = validNonce(requestHeaders.get(CSP_NONCE_HEADER));
  const [assets, categories, personal] = await Promise.all([
    podletAssets(),
    headerCategories(),
    // The header's personal part: its own include behind nginx, rendered here when the layout composes itself.
    compositionMode() === 'podium'
      ? personalHeader(cookie, csrfToken).then((header) => header.html)
      : ssiDirective(PERSONAL_HEADER_PATH),
  ]);
  const styles = podlets.flatMap((podlet) => assets[podlet.name].css);
  const scripts = podlets.flatMap((podlet) => assets[podlet.name].js);

  return (
    <html lang="en">
      <head>
        <script
          type="importmap"
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: JSON.stringify(importMap) }}
        />
        {/* Nothing on the first paint waits for it: the header shows what the server rendered until it runs. */}
        <script type="module" src={shellScript().path} fetchPriority="low" />
        {/* The design system first: the shell's and the fragments' own styles build on its tokens. */}
        <link rel="stylesheet" href={DESIGN_STYLESHEET_PATH} />
        {/* Small stylesheets inline: the first paint needs no request but the page's. */}
        {styles.map((style) =>
          style.inline !== undefined ? (
            <style
              key={style.href}
              data-href={style.href}
              media={style.media}
              dangerouslySetInnerHTML={{ __html: style.inline }}
            />
          ) : (
            <link key={style.href} rel="stylesheet" href={style.href} media={style.media} />
          ),
        )}
        {scripts.map((script) => (
          <script
            key={script.src}
            src={script.src}
            type={script.type === 'module' ? 'module' : undefined}
            async={script.async || undefined}
            defer={script.defer || undefined}
          />
        ))}
      </head>
      <body>
        {parseCookieHeader(cookie).has(PREVIEW_COOKIE) ? <PreviewBanner csrfToken={csrfToken} /> : null}
        {/* The personal part carries the session and cart slices, before every fragment's: the first slice of a
            name wins in the browser. */}
        {/* No boundary of its own: a pending boundary is streamed for a script to put in place, and a visitor
            without JavaScript would get no header at all. */}
        <Header categories={categories} personal={personal} />
        {children}
      </body>
    </html>
  );
}
