import type { MetadataRoute } from 'next';
import { siteOrigin } from '../lib/seo';

export const dynamic = 'force-dynamic';

/** Personal pages (also `noindex` themselves), the APIs and the fragments are no search results. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      {
        userAgent: '*',
        allow: '/',
        disallow: [
          '/api/',
          '/_fragments/',
          '/account',
          '/editor',
          '/checkout',
          '/cart',
          '/preview/',
          '/password/',
        ],
      },
    ],
    sitemap: `${siteOrigin()}/sitemap.xml`,
  };
}
