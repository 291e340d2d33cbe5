import type { SessionUser } from '@storefront/auth';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: SessionUser;
      cookies: Record<string, string>;
    }
  }
}

export {};
