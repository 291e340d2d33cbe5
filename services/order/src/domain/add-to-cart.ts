import { MAX_CART_LINES, type AddToCartRequest, type CartView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import type { CartOwner } from '../data-access/carts-repository.js';
import type { ProductCatalog } from '../data-access/product-catalog.js';
import { viewCart, type CartDependencies } from './view-cart.js';

export interface AddToCartDependencies extends CartDependencies {
  catalog: Pick<ProductCatalog, 'lookup'>;
}

/**
 * Puts pieces of a product in the cart. The catalog is asked first: only a product for sale goes in, and the cart
 * shows its current name and price (for display; the order is priced again when it is placed).
 */
export async function addToCart(
  deps: AddToCartDependencies,
  owner: CartOwner,
  request: AddToCartRequest,
): Promise<CartView> {
  const [product] = await deps.catalog.lookup([request.productId]);
  if (!product) throw problems.unprocessable('This product is not for sale.');

  const outcome = await deps.carts.add(owner, {
    productId: product.id,
    slug: product.slug,
    name: product.name,
    priceMinor: product.priceMinor,
    currency: product.currency,
    quantity: request.quantity,
  });
  if (outcome === 'full') {
    throw problems.unprocessable(`A cart holds at most ${MAX_CART_LINES} different products.`);
  }
  return viewCart(deps, owner);
}
