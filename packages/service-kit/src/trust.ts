import { z } from 'zod';

/**
 * Which hops may name the client in X-Forwarded-For (Express's `trust proxy`): `loopback` where the gateway runs
 * beside the services, the gateway's network (e.g. `uniquelocal`, or CIDRs) in containers. The gateway itself
 * resolves the visitor's address from its own trusted ranges and forwards that one address.
 */
export const trustProxySchema = () =>
  z
    .string()
    .default('loopback')
    .refine(
      (value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .every((part) => /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i.test(part)),
      'must be a comma-separated list of loopback, linklocal, uniquelocal, addresses or CIDR ranges',
    )
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    );
