import { z } from 'zod';
import { problems } from '@storefront/service-kit';
import type { KeysetPosition } from '../data-access/products-repository.js';
import { productSortSchema, type ProductSort } from '@storefront/contracts';

/**
 * A cursor is opaque to clients: base64url JSON of the sort it belongs to and the position of the last item seen.
 * Decoding checks that the value has the shape its sort needs, so a forged cursor is a 400, never a SQL error.
 */
const cursorSchema = z.object({
  s: productSortSchema,
  v: z.string().max(400),
  k: z.string().max(120),
});

const valueShape: Record<ProductSort, RegExp> = {
  // eslint-disable-next-line no-control-regex
  name: /^[^\u0000]{1,400}$/,
  price: /^\d{1,9}$/,
  '-price': /^\d{1,9}$/,
  newest: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
};

export function encodeCursor(sort: ProductSort, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify({ s: sort, v: position.value, k: position.slug })).toString('base64url');
}

export function decodeCursor(cursor: string, sort: ProductSort): KeysetPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  const invalid = () =>
    problems.badRequest('Invalid query: cursor is not a cursor from this listing', [
      { path: 'cursor', message: 'is not a cursor from this listing' },
    ]);
  if (!parsed.success) throw invalid();
  const { s, v, k } = parsed.data;
  if (s !== sort || !valueShape[sort].test(v) || (sort === 'newest' && Number.isNaN(Date.parse(v)))) {
    throw invalid();
  }
  return { value: v, slug: k };
}
