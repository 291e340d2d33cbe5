// What the layout knows about the visitor on the server: the cart from `sf_cart` (the order service's display mirror
// of the visitor's server cart, rewritten with every cart answer) and the session from `sf_session` (its signature,
// then whether the user service still honours it).
// Only the personal header reads them: the shell itself is the same for every visitor.
import { createSessionVerifier, SESSION_COOKIE, CART_COOKIE, type SessionVerifier } from '@storefront/auth';
import { decodeCartCookie, type CartState, type SessionState } from '@storefront/store';
import { isSessionLive } from './session-liveness';

/** Cookie values exactly as sent (no decoding): `sf_cart` is decoded by decodeCartCookie itself. */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}

let verifier: SessionVerifier | null | undefined;

function sessionVerifier(): SessionVerifier | null {
  if (verifier !== undefined) return verifier;
  const key = process.env.AUTH_PUBLIC_KEY;
  if (!key) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'AUTH_PUBLIC_KEY is not set: every visitor is shown as signed out',
      }),
    );
  }
  verifier = key ? createSessionVerifier(key.replace(/\\n/g, '\n')) : null;
  return verifier;
}

export interface VisitorState {
  session: SessionState;
  cart: CartState;
}

/** The signed-in user of a valid `sf_session` whose session is still live, else null. */
export async function sessionUser(cookieHeader: string | null) {
  const token = parseCookieHeader(cookieHeader).get(SESSION_COOKIE);
  if (!token) return null;
  const user = await sessionVerifier()?.verify(token);
  if (!user) return null;
  return (await isSessionLive(token, user.sessionId)) ? user : null;
}

export async function visitorState(cookieHeader: string | null): Promise<VisitorState> {
  const cookies = parseCookieHeader(cookieHeader);
  const cart: CartState = { items: decodeCartCookie(cookies.get(CART_COOKIE)) };
  const user = await sessionUser(cookieHeader);
  return {
    cart,
    session: { user: user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null },
  };
}

export const cartCount = (cart: CartState) => cart.items.reduce((count, item) => count + item.quantity, 0);
