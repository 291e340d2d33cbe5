import { z } from 'zod';
import {
  addressSchema,
  notifiableEventSchema,
  notificationPreferencesSchema,
  personNameSchema,
  phoneSchema,
  type NotifiableEvent,
  type NotificationPreferences,
} from '@storefront/contracts';

/**
 * The bodies of the profile's form routes: flat text fields, as an HTML form posts them without JavaScript (JSON
 * callers may send the same shape). Each is read into the contracts' shape here, at the edge, and validated by the
 * same rules as `PATCH /users/me`.
 */

const blankAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

export const profileForm = z
  .object({
    name: personNameSchema,
    // An emptied phone field removes the number.
    phone: z.preprocess(blankAsNull, phoneSchema.nullable()).optional(),
  })
  .strict();

export const addressForm = z.preprocess((value) => {
  if (typeof value !== 'object' || value === null) return value;
  const { line2, country, ...rest } = value as Record<string, unknown>;
  // An empty second line is no second line (never stored as "" or null).
  const blankLine2 = line2 === undefined || (typeof line2 === 'string' && line2.trim() === '');
  return {
    ...rest,
    ...(blankLine2 ? {} : { line2 }),
    country: typeof country === 'string' ? country.trim().toUpperCase() : country,
  };
}, addressSchema);

const CHANNELS = ['email', 'sms'] as const;
const checkbox = z.literal('on').optional();

/** Checkboxes named `<event>.<channel>` (`order.shipped.sms`): a box that is ticked is sent, one that is not is not. */
export const preferencesForm = z
  .object(
    Object.fromEntries(
      notifiableEventSchema.options.flatMap((event) =>
        CHANNELS.map((channel) => [`${event}.${channel}`, checkbox]),
      ),
    ) as Record<`${NotifiableEvent}.${(typeof CHANNELS)[number]}`, typeof checkbox>,
  )
  .strict()
  .transform((ticked): NotificationPreferences =>
    notificationPreferencesSchema.parse(
      Object.fromEntries(
        notifiableEventSchema.options.map((event) => [
          event,
          Object.fromEntries(CHANNELS.map((channel) => [channel, ticked[`${event}.${channel}`] === 'on'])),
        ]),
      ),
    ),
  );

/** An address's place in the list, as the form's path names it. */
export const addressIndexParams = z
  .object({
    index: z
      .string()
      .regex(/^\d{1,2}$/, 'is not an address number')
      .transform(Number),
  })
  .strict();
