import type { Request } from 'express';
import { idempotencyKeySchema } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';

/** The form field that stands in for the header in a no-JS checkout form (a form cannot set headers). */
export const IDEMPOTENCY_KEY_FIELD = 'idempotencyKey';

export function readIdempotencyKey(req: Request): string {
  const fromForm = req.is('application/x-www-form-urlencoded')
    ? (req.body as Record<string, unknown> | undefined)?.[IDEMPOTENCY_KEY_FIELD]
    : undefined;
  const result = idempotencyKeySchema.safeParse(req.get('idempotency-key') ?? fromForm);
  if (result.success) return result.data;
  throw problems.badRequest(
    "The Idempotency-Key header (or a form's idempotencyKey field) is required: 1 to 100 characters, one per order attempt.",
    [{ path: 'Idempotency-Key', message: 'must be 1 to 100 characters' }],
  );
}
