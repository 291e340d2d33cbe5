import type { MetadataRoute } from 'next';
import { lookupCategories, publishedProducts } from '../lib/products';
import { siteOrigin } from '../lib/seo';

export const dynamic = 'force-dynamic';

/** The home page, every category and every published product (from the product service, when it answers). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = siteOrigin();
  const pages: MetadataRoute.Sitemap = [{ url: `${origin}/`, changeFrequency: 'daily', priority: 1 }];
  const categories = await lookupCategories();
  if (categories.state === 'found') {
    for (const category of categories.value)
      pages.push({ url: `${origin}/c/${category.slug}`, changeFrequency: 'daily', priority: 0.8 });
  } else warn('sitemap without categories: product service unavailable', categories);
  try {
    for (const product of await publishedProducts())
      pages.push({
        url: `${origin}/products/${product.slug}`,
        changeFrequency: 'weekly',
        ...(product.updatedAt ? { lastModified: product.updatedAt } : {}),
      });
  } catch (error) {
    warn('sitemap without products: product service unavailable', error);
  }
  return pages;
}

function warn(msg: string, error: unknown) {
  console.warn(
    JSON.stringify({
      level: 'warn',
      msg,
      err: error instanceof Error ? error.message : JSON.stringify(error),
    }),
  );
}
