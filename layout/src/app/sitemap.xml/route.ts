import { siteOrigin } from '../../lib/seo';
import { fetchSitemapEntries, productFileCount, xmlResponse, xmlText } from '../sitemaps/sitemap-xml';

export const dynamic = 'force-dynamic';

/**
 * A sitemap index: one file with the home page and the categories, and one per 50,000 published products. Only
 * the product count is read here; each file walks its own products when a crawler asks for it.
 */
export async function GET(): Promise<Response> {
  let files: number;
  try {
    files = productFileCount((await fetchSitemapEntries({})).total);
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'sitemap index: product service unavailable',
        err: String(error),
      }),
    );
    return xmlResponse('', 503);
  }
  const locations = [
    '/sitemaps/pages.xml',
    ...Array.from({ length: files }, (_, i) => `/sitemaps/products-${i + 1}.xml`),
  ];
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    locations.map((path) => `<sitemap><loc>${xmlText(`${siteOrigin()}${path}`)}</loc></sitemap>\n`).join('') +
    '</sitemapindex>\n';
  return xmlResponse(body);
}
