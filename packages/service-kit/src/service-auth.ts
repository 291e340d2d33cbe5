import type { RequestHandler } from 'express';
import type { ServiceTokens } from '@storefront/auth';
import { problems } from './problems.js';

export const SERVICE_TOKEN_SCHEME = 'Bearer';

/**
 * Guards a route meant for other services: it needs a service token for `audience` from one of `callers`
 * (`Authorization: Bearer …`). Hiding the route at the gateway is not enough: anything that reaches the service
 * (another pod, a proxy that normalises paths differently) would hold stock otherwise.
 */
export function requireService(
  tokens: ServiceTokens,
  audience: string,
  callers: readonly string[],
): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith(`${SERVICE_TOKEN_SCHEME} `)
      ? header.slice(SERVICE_TOKEN_SCHEME.length + 1)
      : undefined;
    const caller = await tokens.verify(token, audience);
    if (!caller) {
      next(problems.unauthorized('This route is for other services: a service token is required.'));
      return;
    }
    if (!callers.includes(caller)) {
      next(problems.forbidden(`${caller} may not call this route.`));
      return;
    }
    req.caller = caller;
    next();
  };
}
