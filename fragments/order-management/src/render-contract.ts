import type { CartItem } from '@storefront/store';

export interface CartRenderInput {
  items: CartItem[];
  locale: string;
}

/** The SSR bundle's export: the fragment's inner HTML and Solid's hydration bootstrap script. */
export type RenderCart = (input: CartRenderInput) => { html: string; hydrationScript: string };
