import { CSRF_COOKIE } from '@storefront/auth';

const token = 'test-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz';

/** A matching cookie and header, as a browser that loaded one of our pages would send them. */
export const csrf = {
  token,
  cookie: `${CSRF_COOKIE}=${token}`,
  headers: { 'x-csrf-token': token },
};
