import { z } from 'zod';
import { MAX_LINE_QUANTITY, type CartLine } from './cart-mirror.js';
import { currencySchema } from './products.js';

export * from './cart-mirror.js';

// Form posts send every field as text: a quantity is coerced, then held to the same bounds as JSON's.
const quantity = z.coerce.number().int().min(1).max(MAX_LINE_QUANTITY);

export const addToCartRequest = z.object({
  productId: z.uuid(),
  quantity: quantity.default(1),
});
export type AddToCartRequest = z.infer<typeof addToCartRequest>;

export const setCartQuantityRequest = z.object({ quantity });
export type SetCartQuantityRequest = z.infer<typeof setCartQuantityRequest>;

export const cartItemParams = z.object({ productId: z.uuid() });

export const cartLineView = z.object({
  productId: z.string(),
  slug: z.string(),
  name: z.string(),
  priceMinor: z.number().int().nonnegative(),
  currency: currencySchema,
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
}) satisfies z.ZodType<CartLine>;
export type CartLineView = CartLine;

export const cartView = z.object({ items: z.array(cartLineView) });
export type CartView = z.infer<typeof cartView>;
