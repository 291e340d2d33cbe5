// The one place that maps a page of the storefront to what each slot renders (docs/conventions.md, "Pages and what
// each slot renders"). A path not in the table is a 404 page; the layout decides 404 and 500, never a fragment.
import { PASSWORD_FORGOT_PAGE, PASSWORD_RESET_PAGE } from '@storefront/auth/password-reset';
import type { PodletName } from './podlet-registry';

export type PageKind =
  | 'home'
  | 'category'
  | 'search'
  | 'product'
  | 'cart'
  | 'checkout'
  | 'account'
  | 'order'
  | 'profile'
  | 'notifications'
  | 'signin'
  | 'signup'
  | 'password-forgot'
  | 'password-reset'
  | 'editor'
  | 'not-found';

export type SlotRegion = 'main' | 'aside';

export interface SlotPlan {
  name: PodletName;
  /** The path inside the fragment, with the page's query string passed through. */
  path: string;
  region: SlotRegion;
}

export interface PageRoute {
  kind: PageKind;
  /** Personal pages (account, cart, checkout, editor) are never indexed. */
  personal: boolean;
  slots: SlotPlan[];
  /** `/products/<slug>`: the product's slug. */
  slug?: string;
  /** `/c/<category>`: the category's slug. */
  category?: string;
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const isSlug = (value: string | undefined): value is string =>
  value !== undefined && value.length <= 120 && slugPattern.test(value);

type SlotSpec = [PodletName, string, SlotRegion];

/** The page's route: its kind and its slots (fragment paths carry the page's query string). */
export function routePage(pathname: string, search = ''): PageRoute {
  const query = search ? (search.startsWith('?') ? search : `?${search}`) : '';
  const plan = (
    kind: PageKind,
    slots: SlotSpec[],
    extra: Partial<PageRoute> & { personal?: boolean } = {},
  ): PageRoute => ({
    kind,
    personal: extra.personal ?? false,
    slots: slots.map(([name, path, region]) => ({ name, path: `${path}${query}`, region })),
    ...extra,
  });
  const segments = pathname.split('/').slice(1);
  const [first, second, third, ...rest] = segments;
  const miniCart: SlotSpec = ['order-management', '/mini-cart', 'aside'];

  if (pathname === '/')
    return plan('home', [['product-catalog', '/', 'main'], miniCart, ['user-dashboard', '/', 'aside']]);
  if (first === 'c' && isSlug(second) && third === undefined)
    return plan('category', [['product-catalog', pathname, 'main'], miniCart], { category: second });
  if (pathname === '/search') return plan('search', [['product-catalog', '/search', 'main'], miniCart]);
  if (first === 'products' && isSlug(second) && third === undefined)
    return plan('product', [['product-catalog', pathname, 'main'], miniCart], { slug: second });
  if (pathname === '/cart') return plan('cart', [['order-management', '/cart', 'main']], { personal: true });
  if (pathname === '/checkout')
    return plan('checkout', [['order-management', '/checkout', 'main']], { personal: true });
  if (pathname === '/account')
    return plan(
      'account',
      [
        ['order-management', '/orders', 'main'],
        ['user-dashboard', '/account', 'aside'],
      ],
      { personal: true },
    );
  if (
    first === 'account' &&
    second === 'orders' &&
    third !== undefined &&
    idPattern.test(third) &&
    !rest.length
  )
    return plan('order', [['order-management', `/orders/${third}`, 'main']], { personal: true });
  // Where placing an order lands: the same order page, outside the account's pages (a link in the email, too).
  if (first === 'orders' && second !== undefined && idPattern.test(second) && third === undefined)
    return plan('order', [['order-management', `/orders/${second}`, 'main']], { personal: true });
  if (pathname === '/account/profile')
    return plan('profile', [['user-dashboard', pathname, 'main']], { personal: true });
  if (pathname === '/account/notifications')
    return plan('notifications', [['user-dashboard', pathname, 'main']], { personal: true });
  if (pathname === '/signin') return plan('signin', [['user-dashboard', pathname, 'main']]);
  if (pathname === '/signup') return plan('signup', [['user-dashboard', pathname, 'main']]);
  // Personal: never indexed. The reset token never reaches these URLs (the link hands it over in a cookie).
  if (pathname === PASSWORD_FORGOT_PAGE)
    return plan('password-forgot', [['user-dashboard', pathname, 'main']], { personal: true });
  if (pathname === PASSWORD_RESET_PAGE)
    return plan('password-reset', [['user-dashboard', pathname, 'main']], { personal: true });
  if (
    pathname === '/editor' ||
    pathname === '/editor/products/new' ||
    (first === 'editor' &&
      second === 'products' &&
      third !== undefined &&
      idPattern.test(third) &&
      !rest.length)
  )
    return plan('editor', [['product-catalog', pathname, 'main']], { personal: true });
  return { kind: 'not-found', personal: false, slots: [] };
}
