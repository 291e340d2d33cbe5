/** The page paths this fragment serves (see docs/conventions.md, "Pages and what each slot renders"). */
export type Route =
  | { page: 'mini-cart' }
  | { page: 'cart' }
  | { page: 'checkout' }
  | { page: 'orders' }
  | { page: 'order'; id: string }
  | { page: 'none' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function routeOf(path: string): Route {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  switch (normalized) {
    case '/':
    case '/mini-cart':
      return { page: 'mini-cart' };
    case '/cart':
      return { page: 'cart' };
    case '/checkout':
      return { page: 'checkout' };
    case '/orders':
      return { page: 'orders' };
  }
  const order = /^\/orders\/([^/]+)$/.exec(normalized);
  if (order) {
    // Not an order id at all: the same answer as a missing order, without asking the order service.
    return { page: 'order', id: UUID.test(order[1]!) ? order[1]!.toLowerCase() : '' };
  }
  return { page: 'none' };
}
