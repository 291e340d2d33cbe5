import { CART_COOKIE } from '@storefront/auth';
import { fragmentRoot, type RenderContext } from '@storefront/podlet-kit';
import { decodeCartCookie, serializeSlice } from '@storefront/store';
import type { RenderCart } from './render-contract.js';

export function cartContent(render: RenderCart) {
  return async (context: RenderContext): Promise<string> => {
    // The cookie is written by scripts: decodeCartCookie drops anything malformed instead of throwing.
    const items = decodeCartCookie(context.cookies[CART_COOKIE]);
    const { locale } = context.podium;
    const { html, hydrationScript } = render({ items, locale });
    return (
      hydrationScript + fragmentRoot('order-management', html, { locale }) + serializeSlice('cart', { items })
    );
  };
}
