import { z } from 'zod';
import type { UserListPosition } from '../data-access/users-repository.js';

const position = z.object({ t: z.iso.datetime(), id: z.string().min(1).max(100) }).strict();

/** An opaque cursor: the sign-up time and id of the last user on the page, base64url JSON. */
export function encodeUserListCursor({ createdAt, id }: UserListPosition): string {
  return Buffer.from(JSON.stringify({ t: createdAt.toISOString(), id })).toString('base64url');
}

/** Validates a cursor as it arrives; anything that is not one this service made is a 400, not a query. */
export const userListCursor = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor')
  .transform((value, context): UserListPosition => {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const parsed = position.safeParse(decoded);
    if (!parsed.success) {
      context.addIssue({ code: 'custom', message: 'is not a valid cursor' });
      return z.NEVER;
    }
    return { createdAt: new Date(parsed.data.t), id: parsed.data.id };
  });

export const listUsersQuery = z
  .object({
    cursor: userListCursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof listUsersQuery>;
