import type { CartView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import type { CartOwner } from '../data-access/carts-repository.js';
import { viewCart, type CartDependencies } from './view-cart.js';

/** Sets how many pieces of a product the cart holds; a product not in the cart is a 404, not a new line. */
export async function changeCartQuantity(
  deps: CartDependencies,
  owner: CartOwner | null,
  change: { productId: string; quantity: number },
): Promise<CartView> {
  const changed = owner && (await deps.carts.setQuantity(owner, change.productId, change.quantity));
  if (!changed) throw problems.notFound('This product is not in your cart.');
  return viewCart(deps, owner);
}
