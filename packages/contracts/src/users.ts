import { z } from 'zod';

export const roleSchema = z.enum(['customer', 'editor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((value) => value.toLowerCase());

export const registerRequest = z.object({
  email,
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  name: z.string().trim().min(1, 'is required').max(100),
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
