import type { MetadataRoute } from 'next';

export const dynamic = 'force-dynamic';

export default function robots(): MetadataRoute.Robots {
  const origin = process.env.GATEWAY_URL ?? 'http://localhost:8080';
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/api/', '/_fragments/', '/cart', '/account'] }],
    sitemap: `${origin}/sitemap.xml`,
  };
}
