import type { CartView } from '@storefront/contracts';
import type { CartOwner } from '../data-access/carts-repository.js';
import { viewCart, type CartDependencies } from './view-cart.js';

/** Takes a product out of the cart. Removing what is not there is no error: the cart is as asked either way. */
export async function removeFromCart(
  deps: CartDependencies,
  owner: CartOwner | null,
  productId: string,
): Promise<CartView> {
  if (owner) await deps.carts.remove(owner, productId);
  return viewCart(deps, owner);
}
