import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requireRole } from '@storefront/service-kit';

/** Lets a request through only for a signed-in admin: 401 without a session, 403 for any other role. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    requireRole(context.switchToHttp().getRequest<Request>(), 'admin');
    return true;
  }
}
