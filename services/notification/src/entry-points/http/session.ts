import { Injectable, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { SessionUser } from '@storefront/auth';
import { requireUser } from '@storefront/service-kit';

/** Lets a request through only with a valid session (read from the cookie by service-kit); else 401. */
@Injectable()
export class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    requireUser(context.switchToHttp().getRequest<Request>());
    return true;
  }
}

/** The signed-in user of the request, as the session cookie says. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): SessionUser =>
  requireUser(context.switchToHttp().getRequest<Request>()),
);
