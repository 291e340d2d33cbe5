import { CSRF_COOKIE, PAGE_CSRF_HEADER } from '@storefront/auth';

const token = 'test-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz';

/** A matching cookie and header, as a browser that loaded one of our pages would send them. */
export const csrf = {
  token,
  cookie: `${CSRF_COOKIE}=${token}`,
  headers: { 'x-csrf-token': token },
  /** What the composer (nginx or the layout) hands a fragment: the page's token for its no-JS forms. */
  page: { [PAGE_CSRF_HEADER]: token },
};
