import type { SessionUser } from '@storefront/auth';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: SessionUser;
      /** A session token came, but whether it still stands could not be checked (the registry is away). */
      sessionUnchecked?: boolean;
      /** The service that called, from its service token (internal routes only). */
      caller?: string;
      cookies: Record<string, string>;
    }
  }
}

export {};
