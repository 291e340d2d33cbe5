// The personal part of the shell's header, rendered per visitor and composed into the otherwise public shell as its
// own include (`/_layout/personal/header`): the view (personal-header-view.ts) and the store's session and cart
// slices the browser builds the shared store from. It works without JavaScript (sign-out is a form post).
import { CART_COOKIE, CART_ID_COOKIE, SESSION_COOKIE } from '@storefront/auth';
import { serializeSlice } from '@storefront/store';
import { personalHeaderView } from './personal-header-view';
import { cartCount, parseCookieHeader, visitorState } from './request-state';

/** Where nginx (or COMPOSITION=podium) gets the personal header. */
export const PERSONAL_HEADER_PATH = '/_layout/personal/header';

/** Seconds nginx may keep the signed-out, empty-cart header it shares between every such visitor. */
const ANONYMOUS_TTL_SECONDS = 60;

export interface PersonalHeader {
  html: string;
  /** Neither a session nor a cart: the same answer for every such visitor. */
  anonymous: boolean;
}

export async function personalHeader(
  cookieHeader: string | null,
  csrfToken: string,
): Promise<PersonalHeader> {
  const cookies = parseCookieHeader(cookieHeader);
  const anonymous = ![SESSION_COOKIE, CART_COOKIE, CART_ID_COOKIE].some((name) => cookies.has(name));
  const visitor = await visitorState(cookieHeader);
  const view = personalHeaderView({
    user: visitor.session.user,
    count: cartCount(visitor.cart),
    csrfToken: anonymous ? '' : csrfToken,
  });
  const html =
    `<div class="sf-personal-view" data-personal-view="">${view}</div>` +
    serializeSlice('session', visitor.session) +
    serializeSlice('cart', visitor.cart);
  return { html, anonymous };
}

/** How long a shared cache may keep this answer (0: none may). */
export const personalHeaderTtl = ({ anonymous }: PersonalHeader) => (anonymous ? ANONYMOUS_TTL_SECONDS : 0);
