import type { MetadataRoute } from 'next';
import { productSlugs } from '../lib/products';

export const dynamic = 'force-dynamic';

/** The home page, the listing and every published product (from the product service, when it answers). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = process.env.GATEWAY_URL ?? 'http://localhost:8080';
  const pages: MetadataRoute.Sitemap = [
    { url: `${origin}/`, changeFrequency: 'daily', priority: 1 },
    { url: `${origin}/products`, changeFrequency: 'daily', priority: 0.8 },
  ];
  try {
    const slugs = await productSlugs();
    return [
      ...pages,
      ...slugs.map((slug) => ({ url: `${origin}/products/${slug}`, changeFrequency: 'weekly' as const })),
    ];
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'sitemap without products: product service unavailable',
        err: error instanceof Error ? error.message : String(error),
      }),
    );
    return pages;
  }
}
