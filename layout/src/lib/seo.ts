// Title, description, canonical URL, Open Graph and JSON-LD of each page type, from what the layout resolved.
import type { Metadata } from 'next';
import type { PageState } from './page-state';
import type { ProductDetail } from './products';

export function siteOrigin(): string {
  return (process.env.GATEWAY_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
}

const absolute = (path: string) => (/^https?:\/\//.test(path) ? path : `${siteOrigin()}${path}`);

const clip = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

interface PageMeta {
  /** Without the site name (the template adds it); undefined for the home page's default title. */
  title?: string;
  description: string;
  canonical: string;
  noindex: boolean;
  image?: string;
}

const fixed: Partial<Record<PageState['route']['kind'], Omit<PageMeta, 'canonical' | 'noindex'>>> = {
  cart: { title: 'Your cart', description: 'The products in your cart, their quantities and totals.' },
  checkout: { title: 'Checkout', description: 'Your address, a last review and your order.' },
  account: { title: 'Your account', description: 'Your orders, your profile and your latest notifications.' },
  order: { title: 'Your order', description: 'The status and lines of one of your orders.' },
  profile: { title: 'Your profile', description: 'Your name, phone, addresses, password and preferences.' },
  notifications: { title: 'Your notifications', description: 'The messages we sent you.' },
  signin: { title: 'Sign in', description: 'Sign in to your Storefront account.' },
  signup: { title: 'Create an account', description: 'Create your Storefront account.' },
  'password-forgot': {
    title: 'Forgot your password?',
    description: 'Ask for a link to reset your password.',
  },
  'password-reset': { title: 'Choose a new password', description: 'Set a new password for your account.' },
};

function pageMeta(page: PageState, pathname: string, search: string): PageMeta {
  const { route } = page;
  const personal = route.personal;
  if (page.status === 404)
    return {
      title: 'Page not found',
      description: 'This page does not exist.',
      canonical: pathname,
      noindex: true,
    };
  if (page.status === 500)
    return {
      title: 'Something went wrong',
      description: 'This page could not be shown right now.',
      canonical: pathname,
      noindex: true,
    };
  switch (route.kind) {
    case 'home':
      return {
        description:
          'Featured and new products at Storefront: kitchen, home, office and more, delivered to you.',
        canonical: '/',
        noindex: false,
      };
    case 'category': {
      const name = page.category?.name ?? route.category ?? 'Category';
      return {
        title: name,
        description: `Shop ${name} at Storefront: compare prices, filter and find your next favourite.`,
        canonical: pathname,
        noindex: false,
      };
    }
    case 'search': {
      const q = new URLSearchParams(search).get('q')?.trim() ?? '';
      return {
        title: q ? `Search results for “${clip(q, 60)}”` : 'Search',
        description: q
          ? `Products matching “${clip(q, 60)}” at Storefront.`
          : 'Search the Storefront catalog.',
        canonical: q ? `/search?q=${encodeURIComponent(q)}` : '/search',
        // Result lists are no landing pages; their products are indexed on their own pages.
        noindex: true,
      };
    }
    case 'product': {
      const product = page.product;
      return {
        title: product?.name ?? 'Product',
        description: clip(product?.description || `${product?.name ?? 'This product'} at Storefront.`),
        canonical: pathname,
        // A draft seen in preview must never be indexed.
        noindex: product?.status !== undefined && product.status !== 'published',
        ...(product ? { image: productImage(product) } : {}),
      };
    }
    case 'editor': {
      const title =
        pathname === '/editor'
          ? 'Catalog editor'
          : pathname.endsWith('/new')
            ? 'New product'
            : 'Edit product';
      return {
        title,
        description: 'Manage the products of the catalog.',
        canonical: pathname,
        noindex: true,
      };
    }
    default: {
      const known = fixed[route.kind] ?? { title: 'Storefront', description: 'Storefront' };
      return { ...known, canonical: pathname, noindex: personal };
    }
  }
}

const productImage = (product: ProductDetail) =>
  absolute(product.images?.[0]?.url ?? product.imageUrl ?? `/api/products/images/${product.slug}.svg`);

export function pageMetadata(page: PageState, pathname: string, search: string): Metadata {
  const meta = pageMeta(page, pathname, search);
  return {
    ...(meta.title ? { title: meta.title } : {}),
    description: meta.description,
    alternates: { canonical: absolute(meta.canonical) },
    openGraph: {
      type: 'website',
      siteName: 'Storefront',
      url: absolute(meta.canonical),
      title: meta.title ?? 'Storefront',
      description: meta.description,
      ...(meta.image ? { images: [{ url: meta.image }] } : {}),
    },
    ...(meta.noindex ? { robots: { index: false, follow: page.status === 200 } } : {}),
  };
}

/** schema.org structured data: WebSite on the home page, Product + BreadcrumbList on product pages, BreadcrumbList
 * on category pages. */
export function pageJsonLd(page: PageState): object[] {
  if (page.status !== 200) return [];
  const origin = siteOrigin();
  const home = { name: 'Home', url: `${origin}/` };
  switch (page.route.kind) {
    case 'home':
      return [
        {
          '@context': 'https://schema.org',
          '@type': 'WebSite',
          name: 'Storefront',
          url: `${origin}/`,
          potentialAction: {
            '@type': 'SearchAction',
            target: { '@type': 'EntryPoint', urlTemplate: `${origin}/search?q={search_term_string}` },
            'query-input': 'required name=search_term_string',
          },
        },
      ];
    case 'category': {
      const slug = page.route.category ?? '';
      return [breadcrumbs([home, { name: page.category?.name ?? slug, url: `${origin}/c/${slug}` }])];
    }
    case 'product': {
      const product = page.product;
      if (!product) return [];
      const url = `${origin}/products/${product.slug}`;
      const trail = [home];
      if (product.category)
        trail.push({ name: page.category?.name ?? product.category, url: `${origin}/c/${product.category}` });
      trail.push({ name: product.name, url });
      return [
        {
          '@context': 'https://schema.org',
          '@type': 'Product',
          name: product.name,
          description: product.description,
          sku: product.id,
          url,
          image: [productImage(product)],
          ...(page.category ? { category: page.category.name } : {}),
          offers: {
            '@type': 'Offer',
            url,
            price: (product.priceMinor / 100).toFixed(2),
            priceCurrency: product.currency,
            availability: product.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
            itemCondition: 'https://schema.org/NewCondition',
          },
        },
        breadcrumbs(trail),
      ];
    }
    default:
      return [];
  }
}

function breadcrumbs(trail: { name: string; url: string }[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}
