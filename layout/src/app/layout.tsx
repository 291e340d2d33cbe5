import { serializeSlice } from '@storefront/store';
import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { Suspense, type ReactNode } from 'react';
import { Header } from '../components/header';
import { PreviewBanner } from '../components/preview-banner';
import { CSP_NONCE_HEADER, validNonce } from '../lib/csp';
import { headerCategories } from '../lib/products';
import { podletAssets, podlets } from '../lib/podlets';
import { cartCount, visitorState } from '../lib/request-state';
import './globals.css';

// Personalised HTML (cart, session): rendered for every request, never cached.
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
  const [assets, visitor, categories] = await Promise.all([
    podletAssets(),
    visitorState(requestHeaders.get('cookie')),
    headerCategories(),
  ]);
  // The page's CSP nonce (set by the proxy): the import map is an inline script.
  const nonce = validNonce(requestHeaders.get(CSP_NONCE_HEADER));
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
        {styles.map((style) => (
          <link key={style.href} rel="stylesheet" href={style.href} media={style.media} />
        ))}
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
        {/* Its own boundary: should the header ever fail to hydrate, React re-renders it alone, never the slots. */}
        {visitor.preview ? (
          <Suspense>
            <PreviewBanner csrfToken={visitor.csrfToken} />
          </Suspense>
        ) : null}
        <Suspense>
          <Header
            initialCartCount={cartCount(visitor.cart)}
            initialUser={visitor.session.user}
            categories={categories}
          />
        </Suspense>
        {/* The shell's state slices, before every fragment's: the first slice of a name wins in the browser. */}
        <div
          hidden
          data-layout-state=""
          dangerouslySetInnerHTML={{
            __html: serializeSlice('session', visitor.session) + serializeSlice('cart', visitor.cart),
          }}
        />
        {children}
      </body>
    </html>
  );
}
