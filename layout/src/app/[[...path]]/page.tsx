import { escapeJsonForHtml } from '@storefront/store';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { cache } from 'react';
import { preload } from 'react-dom';
import { PageMessage, PageSlots } from '../../components/page-slots';
import { pagePathOf } from '../../lib/page-path';
import { PAGE_STATUS_HEADER, resolvePage, statusFromHeader, type PageState } from '../../lib/page-state';
import { heroImageUrl } from '../../lib/products';
import { pageJsonLd, pageMetadata } from '../../lib/seo';

interface PageArgs {
  params: Promise<{ path?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The page for this request, resolved once for metadata and body (the proxy already set its status). */
const pageState = cache(async (pathname: string, search: string): Promise<PageState> => {
  const requestHeaders = await headers();
  const state = await resolvePage(pathname, search, {
    cookie: requestHeaders.get('cookie'),
    previewToken: requestHeaders.get('x-preview-token'),
    requestId: requestHeaders.get('x-request-id'),
  });
  // The proxy's decision is the response's status: the body must say the same.
  const status = statusFromHeader(requestHeaders.get(PAGE_STATUS_HEADER));
  return status && status !== state.status ? { ...state, status } : state;
});

async function pageOf({ params, searchParams }: PageArgs) {
  const [{ path }, query] = await Promise.all([params, searchParams]);
  const { pathname, search } = pagePathOf(path, query);
  return { pathname, search, state: await pageState(pathname, search) };
}

export async function generateMetadata(args: PageArgs): Promise<Metadata> {
  const { pathname, search, state } = await pageOf(args);
  return pageMetadata(state, pathname, search);
}

export default async function Page(args: PageArgs) {
  const { pathname, state } = await pageOf(args);
  // The product's picture is the page's largest paint: fetched with the HTML, not once the catalog's HTML is parsed.
  const hero = state.status === 200 && state.product ? heroImageUrl(state.product) : undefined;
  if (hero) preload(hero, { as: 'image', fetchPriority: 'high' });
  return (
    <>
      {pageJsonLd(state).map((data, index) => (
        <script
          key={index}
          type="application/ld+json"
          dangerouslySetInnerHTML={{ __html: escapeJsonForHtml(data) }}
        />
      ))}
      {state.status === 200 ? (
        <PageSlots kind={state.route.kind} slots={state.route.slots} pagePath={pathname} />
      ) : (
        <PageMessage status={state.status} />
      )}
    </>
  );
}
