import type { Request } from 'express';
import { idempotencyKeySchema } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';

export function readIdempotencyKey(req: Request): string {
  const result = idempotencyKeySchema.safeParse(req.get('idempotency-key'));
  if (result.success) return result.data;
  throw problems.badRequest(
    'The Idempotency-Key header is required: 1 to 100 characters, one per order attempt.',
    [{ path: 'Idempotency-Key', message: 'must be 1 to 100 characters' }],
  );
}
