import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import {
  addToCartRequest,
  cartItemParams,
  setCartQuantityRequest,
  type CartView,
} from '@storefront/contracts';
import { parseBody, parseParams, serviceRouter, type Logger } from '@storefront/service-kit';
import type { CartOwner } from '../../data-access/carts-repository.js';
import { addToCart, type AddToCartDependencies } from '../../domain/add-to-cart.js';
import { changeCartQuantity } from '../../domain/change-cart-quantity.js';
import { mergeCarts } from '../../domain/merge-carts.js';
import { removeFromCart } from '../../domain/remove-from-cart.js';
import { viewCart } from '../../domain/view-cart.js';
import { cartCookies, cartOwnerOf, visitorCartId } from './cart-cookies.js';
import { newCartLimit } from './new-cart-limit.js';

export interface CartRoutesDependencies extends AddToCartDependencies {
  logger: Logger;
  /** The Secure flag of the cart cookies (COOKIE_SECURE). */
  cookieSecure: boolean;
  /** New visitors' carts per client address and minute (default 30). */
  newCartsPerMinute?: number;
}

/**
 * The cart, for visitors (by their `sf_cart_id` cookie) and customers (by their session). Every answer is the cart
 * after the request, JSON for scripts; a form post gets 303 back to its page (service-kit's formPostRedirects).
 * Every answer also rewrites the `sf_cart` mirror the pages' server renders read.
 */
export function cartRoutes(deps: CartRoutesDependencies): Router {
  const router = serviceRouter();
  const cookies = cartCookies(deps.cookieSecure);
  const countNewCart = newCartLimit(deps.newCartsPerMinute ?? 30);

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    next();
  });

  // A signed-in customer who still carries a visitor's cart (the sign-in just happened) gets it merged first,
  // on whichever cart request comes first, and the visitor's cookie is cleared.
  router.use(async (req, res, next) => {
    const visitorId = visitorCartId(req);
    if (req.user && visitorId) {
      await mergeCarts(deps, visitorId, req.user.id);
      cookies.clearVisitorId(res);
    }
    next();
  });

  /** A first-time visitor's new cart; its cookie is set once something is in it. */
  function newVisitorCart(req: Request): CartOwner {
    countNewCart(req);
    return { kind: 'visitor', id: randomUUID() };
  }

  function answer(res: Response, cart: CartView): void {
    cookies.writeMirror(res, cart);
    res.json(cart);
  }

  router.get('/', async (req, res) => {
    answer(res, await viewCart(deps, cartOwnerOf(req)));
  });

  router.post('/items', async (req, res) => {
    const request = parseBody(addToCartRequest, req);
    const existing = cartOwnerOf(req);
    const owner = existing ?? newVisitorCart(req);
    const cart = await addToCart(deps, owner, request);
    if (!existing) cookies.setVisitorId(res, owner.id);
    answer(res, cart);
  });

  router.put('/items/:productId', async (req, res) => {
    const { productId } = parseParams(cartItemParams, req);
    const { quantity } = parseBody(setCartQuantityRequest, req);
    answer(res, await changeCartQuantity(deps, cartOwnerOf(req), { productId, quantity }));
  });

  router.delete('/items/:productId', async (req, res) => {
    const { productId } = parseParams(cartItemParams, req);
    answer(res, await removeFromCart(deps, cartOwnerOf(req), productId));
  });

  return router;
}
