import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressSchema,
  changePasswordRequest,
  changeRoleRequest,
  loginRequest,
  notifiableEventSchema,
  registerRequest,
  updateProfileRequest,
} from '@storefront/contracts';
import { encodeUserListCursor, listUsersQuery, userListCursor } from '../src/domain/user-list-cursor.js';

/** Addresses of the shape people type, most of which the schema accepts (fc.emailAddress() is mostly exotic). */
const plausibleEmail = fc.stringMatching(
  /^[A-Za-z0-9_'+-]{1,12}(\.[A-Za-z0-9_'+-]{1,8}){0,2}@([A-Za-z0-9][A-Za-z0-9-]{0,10}\.){1,3}[A-Za-z]{2,6}$/,
);

const whitespace = fc.constantFrom('', ' ', '  ', '\t', '\n', ' \t ');
const randomCase = (value: string, flips: boolean[]) =>
  [...value].map((char, i) => (flips[i % flips.length] ? char.toUpperCase() : char)).join('');

/** Anything a client could send for a field that is meant to be a plain value: an operator object. */
const operatorObject = fc
  .tuple(
    fc.constantFrom('$gt', '$ne', '$regex', '$exists', '$where', '$in', '$set', '$expr', '$or'),
    fc.oneof(fc.string(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 })),
  )
  .map(([operator, operand]) => ({ [operator]: operand }));

const validAddress = fc.record(
  {
    label: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
    line1: fc.string({ minLength: 1, maxLength: 120 }).filter((s) => s.trim().length > 0),
    line2: fc.string({ maxLength: 120 }),
    city: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0),
    postalCode: fc.string({ minLength: 1, maxLength: 16 }).filter((s) => s.trim().length > 0),
    country: fc.stringMatching(/^[A-Z]{2}$/),
  },
  { requiredKeys: ['label', 'line1', 'city', 'postalCode', 'country'] },
);
const channels = fc.record({ email: fc.boolean(), sms: fc.boolean() });
const validPreferences = fc.record(
  Object.fromEntries(notifiableEventSchema.options.map((event) => [event, channels])) as Record<
    string,
    typeof channels
  >,
);
const validProfileUpdate = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim().length > 0),
    phone: fc.option(fc.stringMatching(/^\+[1-9]\d{6,14}$/), { nil: null }),
    addresses: fc.array(validAddress, { maxLength: 10 }),
    preferences: validPreferences,
  },
  { requiredKeys: [] },
);

describe('request schemas, for any input', () => {
  it('an email registerRequest accepts comes out trimmed and lowercased, and parsing it again changes nothing', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: plausibleEmail, weight: 4 }, fc.emailAddress(), fc.string()),
        fc.array(fc.boolean(), { minLength: 1 }),
        whitespace,
        whitespace,
        (address, flips, before, after) => {
          const typed = `${before}${randomCase(address, flips)}${after}`;
          const body = { email: typed, password: 'correct horse battery staple', name: 'Ada' };
          const parsed = registerRequest.safeParse(body);
          if (!parsed.success) return;
          accepted += 1;
          const { email } = parsed.data;
          expect(email).toBe(email.trim().toLowerCase());
          expect(email).toBe(typed.trim().toLowerCase());
          expect(registerRequest.parse({ ...body, email }).email).toBe(email);
          // Signing in with what was typed finds the same account.
          expect(loginRequest.parse({ email: typed, password: 'x' }).email).toBe(email);
        },
      ),
      { numRuns: 500 },
    );
    // The property says something only if many inputs were accepted.
    expect(accepted).toBeGreaterThan(200);
  });

  it('an operator object in any field of any request body is refused', () => {
    const cases = [
      { schema: registerRequest, fields: ['email', 'password', 'name'] },
      { schema: loginRequest, fields: ['email', 'password'] },
      {
        schema: updateProfileRequest,
        fields: ['name', 'phone', 'addresses', 'preferences', 'email', 'role'],
      },
      { schema: changePasswordRequest, fields: ['currentPassword', 'newPassword'] },
      { schema: changeRoleRequest, fields: ['role'] },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.nat(),
        operatorObject,
        validProfileUpdate,
        ({ schema, fields }, pick, operator, profile) => {
          const field = fields[pick % fields.length]!;
          const valid = {
            email: 'someone@example.test',
            password: 'correct horse battery staple',
            name: 'Ada',
            currentPassword: 'correct horse battery staple',
            newPassword: 'another good passphrase',
            role: 'editor',
            ...profile,
          };
          expect(schema.safeParse({ ...valid, [field]: operator }).success).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a valid profile update survives a trip through JSON unchanged and carries no key it was not given', () => {
    fc.assert(
      fc.property(validProfileUpdate, (update) => {
        const parsed = updateProfileRequest.parse(JSON.parse(JSON.stringify(update)));
        expect(Object.keys(parsed).sort()).toEqual(Object.keys(update).sort());
        expect(updateProfileRequest.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
        for (const address of parsed.addresses ?? []) expect(addressSchema.parse(address)).toEqual(address);
      }),
    );
  });

  it('a cursor the service made decodes to the same position, and any other string decodes to a valid one or is refused', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.uuid(), (createdAt, id) => {
        fc.pre(createdAt.getUTCFullYear() >= 0 && createdAt.getUTCFullYear() <= 9999);
        expect(userListCursor.parse(encodeUserListCursor({ createdAt, id }))).toEqual({ createdAt, id });
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String()), (value) => {
        const parsed = userListCursor.safeParse(value);
        if (parsed.success) {
          expect(parsed.data.createdAt).toBeInstanceOf(Date);
          expect(Number.isNaN(parsed.data.createdAt.getTime())).toBe(false);
          expect(typeof parsed.data.id).toBe('string');
        }
      }),
    );
  });

  it('the list limit is accepted exactly when it is a whole number from 1 to 100', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.string()), (limit) => {
        const parsed = listUsersQuery.safeParse({ limit });
        const number = Number(limit);
        const acceptable = limit.trim() !== '' && Number.isInteger(number) && number >= 1 && number <= 100;
        expect(parsed.success).toBe(acceptable);
        if (parsed.success) expect(parsed.data.limit).toBe(number);
      }),
      { numRuns: 500 },
    );
  });
});
