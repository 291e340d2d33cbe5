import type { Request, Response } from 'express';
import { CART_COOKIE, CART_ID_COOKIE, CART_TTL_SECONDS } from '@storefront/auth';
import { encodeCartMirror, type CartView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import type { CartOwner } from '../../data-access/carts-repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The visitor's cart id from their cookie; anything not shaped like one we issue is no cart at all. */
export function visitorCartId(req: Request): string | undefined {
  const id = req.cookies[CART_ID_COOKIE];
  return id && UUID.test(id) ? id : undefined;
}

/** Who the cart belongs to: the signed-in customer, else the visitor of the cart cookie, else nobody yet. */
export function cartOwnerOf(req: Request): CartOwner | null {
  // A session that cannot be checked now is not silently treated as a visitor's: 503, as everywhere.
  if (req.sessionUnchecked) throw problems.serviceUnavailable('Sessions cannot be checked right now.');
  if (req.user) return { kind: 'customer', id: req.user.id };
  const id = visitorCartId(req);
  return id ? { kind: 'visitor', id } : null;
}

/** The cookies the order service writes for the cart; Secure unless COOKIE_SECURE=false (plain-http local runs). */
export function cartCookies(secure: boolean) {
  const base = { path: '/', sameSite: 'lax' as const, secure, maxAge: CART_TTL_SECONDS * 1000 };
  return {
    /** A new visitor's cart id: random, HttpOnly (no script needs it, none may steal it). */
    setVisitorId(res: Response, id: string): void {
      res.cookie(CART_ID_COOKIE, id, { ...base, httpOnly: true });
    },
    /** After a merge into the customer's cart the visitor's cart is gone, and so is its id. */
    clearVisitorId(res: Response): void {
      res.clearCookie(CART_ID_COOKIE, { path: '/', sameSite: 'lax', secure, httpOnly: true });
    },
    /**
     * `sf_cart`, the display mirror server-side renders read (the header's badge, the mini cart). An empty cart
     * clears it: without a cart cookie a visitor's pages are everyone's and the edge may cache them.
     */
    writeMirror(res: Response, cart: CartView): void {
      if (cart.items.length === 0) {
        res.clearCookie(CART_COOKIE, { path: '/', sameSite: 'lax', secure });
        return;
      }
      res.cookie(CART_COOKIE, encodeCartMirror(cart.items), { ...base, encode: String });
    },
  };
}

export type CartCookies = ReturnType<typeof cartCookies>;
