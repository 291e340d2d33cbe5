import type { Request } from 'express';
import { placeOrderRequest, type PlaceOrderRequest } from '@storefront/contracts';
import { parseBody } from '@storefront/service-kit';

export const isFormPost = (req: Request) => Boolean(req.is('application/x-www-form-urlencoded'));

/**
 * The no-JS checkout's "Place order" form: the address as flat fields beside the idempotency key, and no lines
 * (the order is the customer's cart). Validated by the same schema as the JSON body; an empty optional field is
 * no field.
 */
export function placeOrderFromForm(req: Request): PlaceOrderRequest {
  const fields = (req.body ?? {}) as Record<string, unknown>;
  const address = Object.fromEntries(
    ['label', 'line1', 'line2', 'city', 'postalCode', 'country']
      .map((name) => [name, fields[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  return parseBody(placeOrderRequest, { body: { address } } as Request);
}
