import type { Logger } from '@storefront/service-kit';
import type { CartDependencies } from './view-cart.js';

/**
 * A visitor who signs in keeps what they put in the cart: the visitor's cart joins the customer's (quantities of
 * one product add up) and is deleted, so it cannot be merged twice or outlive the sign-in.
 */
export async function mergeCarts(
  deps: CartDependencies & { logger: Logger },
  visitorCartId: string,
  customerId: string,
): Promise<void> {
  const moved = await deps.carts.merge(visitorCartId, customerId);
  if (moved > 0) deps.logger.info({ moved, customerId }, "a visitor's cart joined the customer's cart");
}
