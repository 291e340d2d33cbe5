import { lookupCategories } from '../../../lib/products';
import { productFile, URLSET_CLOSE, URLSET_OPEN, urlEntry, xmlResponse } from '../sitemap-xml';

export const dynamic = 'force-dynamic';

const PRODUCT_FILE = /^products-([1-9][0-9]{0,5})\.xml$/;

/** `pages.xml` (home and categories) or `products-<n>.xml` (the n-th 50,000 published products by slug). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ file: string }> },
): Promise<Response> {
  const { file } = await context.params;
  try {
    if (file === 'pages.xml') return await pagesFile();
    const productIndex = PRODUCT_FILE.exec(file)?.[1];
    if (productIndex) return await productFile(Number(productIndex));
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'sitemap: product service unavailable',
        file,
        err: String(error),
      }),
    );
    return xmlResponse('', 503);
  }
  return xmlResponse('', 404);
}

async function pagesFile(): Promise<Response> {
  const categories = await lookupCategories();
  if (categories.state !== 'found') throw new Error(`categories ${categories.state}`);
  const entries = [
    urlEntry('/', '<changefreq>daily</changefreq><priority>1</priority>'),
    ...categories.value.map((category) =>
      urlEntry(`/c/${category.slug}`, '<changefreq>daily</changefreq><priority>0.8</priority>'),
    ),
  ];
  return xmlResponse(URLSET_OPEN + entries.join('') + URLSET_CLOSE);
}
