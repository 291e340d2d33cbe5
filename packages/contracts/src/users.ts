import { z } from 'zod';
import { lineOfText } from './text.js';

export const roleSchema = z.enum(['customer', 'editor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((value) => value.toLowerCase());

/** A person's name as they write it; it is also an email's greeting. */
export const personNameSchema = lineOfText(100).min(1, 'is required');

const password = z.string().min(8, 'must be at least 8 characters').max(200);

/** The events a customer can be told about, each by email and/or SMS. */
export const notifiableEventSchema = z.enum([
  'order.placed',
  'order.paid',
  'order.shipped',
  'order.cancelled',
]);
export type NotifiableEvent = z.infer<typeof notifiableEventSchema>;

const channels = z.object({ email: z.boolean(), sms: z.boolean() }).strict();
export const notificationPreferencesSchema = z
  .object(
    Object.fromEntries(notifiableEventSchema.options.map((event) => [event, channels])) as Record<
      NotifiableEvent,
      typeof channels
    >,
  )
  .strict();
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Email for every order event, SMS for none: what a new account starts with. */
export const defaultNotificationPreferences: NotificationPreferences = Object.fromEntries(
  notifiableEventSchema.options.map((event) => [event, { email: true, sms: false }]),
) as NotificationPreferences;

export const addressSchema = z
  .object({
    label: lineOfText(40).min(1),
    line1: lineOfText(120).min(1, 'is required'),
    line2: lineOfText(120).optional(),
    city: lineOfText(80).min(1, 'is required'),
    postalCode: lineOfText(16).min(1, 'is required'),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
  })
  .strict();
export type Address = z.infer<typeof addressSchema>;

/** E.164: a plus, then up to 15 digits. */
export const phoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an international number such as +4915112345678');

export const registerRequest = z.object({
  email,
  password,
  name: personNameSchema,
});
export type RegisterRequest = z.infer<typeof registerRequest>;

export const loginRequest = z.object({
  email,
  password: z.string().min(1, 'is required').max(200),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

/** Everything a customer sees and edits about themselves. */
export const profileView = userView.extend({
  phone: phoneSchema.nullable(),
  addresses: z.array(addressSchema),
  preferences: notificationPreferencesSchema,
});
export type ProfileView = z.infer<typeof profileView>;

export const updateProfileRequest = z
  .object({
    name: personNameSchema.optional(),
    phone: phoneSchema.nullable().optional(),
    addresses: z.array(addressSchema).max(10).optional(),
    preferences: notificationPreferencesSchema.optional(),
  })
  .strict();
export type UpdateProfileRequest = z.infer<typeof updateProfileRequest>;

export const changePasswordRequest = z
  .object({ currentPassword: z.string().min(1, 'is required').max(200), newPassword: password })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;

/** "Forgot password?": where to send the link. The answer is the same whether or not the address has an account. */
export const forgotPasswordRequest = z.object({ email }).strict();
export type ForgotPasswordRequest = z.infer<typeof forgotPasswordRequest>;

/** The new password, under the same rules as at sign-up; the reset token travels in its own cookie. */
export const resetPasswordRequest = z.object({ password }).strict();
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequest>;

export const changeRoleRequest = z.object({ role: roleSchema }).strict();
export type ChangeRoleRequest = z.infer<typeof changeRoleRequest>;

export const userList = z.object({ items: z.array(userView), nextCursor: z.string().nullable() });
export type UserList = z.infer<typeof userList>;
