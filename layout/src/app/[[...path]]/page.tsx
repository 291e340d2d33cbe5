import { escapeJsonForHtml } from '@storefront/store';
import type { Metadata } from 'next';
import { PageSlots } from '../../components/page-slots';
import { pagePathOf } from '../../lib/page-path';

interface PageArgs {
  params: Promise<{ path?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function pagePath({ params, searchParams }: PageArgs) {
  const [{ path }, query] = await Promise.all([params, searchParams]);
  return pagePathOf(path, query);
}

const titles: [RegExp, string][] = [
  [/^\/cart(\/|$)/, 'Your cart'],
  [/^\/account(\/|$)/, 'Your account'],
  [/^\/products\/[^/]+/, 'Product'],
  [/^\/products(\/|$)/, 'Products'],
];

export async function generateMetadata(args: PageArgs): Promise<Metadata> {
  const { pathname } = await pagePath(args);
  const title = titles.find(([pattern]) => pattern.test(pathname))?.[1];
  return {
    ...(title ? { title } : {}),
    alternates: { canonical: pathname },
    openGraph: { url: pathname, ...(title ? { title } : {}) },
    // Personal pages are no search results.
    ...(/^\/(cart|account)(\/|$)/.test(pathname) ? { robots: { index: false, follow: true } } : {}),
  };
}

export default async function Page(args: PageArgs) {
  const { pathname, withQuery } = await pagePath(args);
  return (
    <>
      {pathname === '/' ? (
        <script
          type="application/ld+json"
          dangerouslySetInnerHTML={{ __html: escapeJsonForHtml(websiteJsonLd()) }}
        />
      ) : null}
      <PageSlots pathname={pathname} withQuery={withQuery} />
    </>
  );
}

/** Structured data of the home page: the site and its product search. */
function websiteJsonLd() {
  const origin = process.env.GATEWAY_URL ?? 'http://localhost:8080';
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: 'Storefront',
    url: `${origin}/`,
  };
}
