import type { CartView } from '@storefront/contracts';
import type { CartOwner, CartsRepository } from '../data-access/carts-repository.js';

export interface CartDependencies {
  carts: CartsRepository;
}

/** The owner's cart as it stands; no owner yet (a first visit) is an empty cart. */
export async function viewCart(deps: CartDependencies, owner: CartOwner | null): Promise<CartView> {
  return { items: owner ? await deps.carts.lines(owner) : [] };
}
