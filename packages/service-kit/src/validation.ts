import type { Request } from 'express';
import type { z } from 'zod';
import { problems, type FieldError } from './problems.js';

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error);
  const summary = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  throw problems.badRequest(`Invalid ${where}: ${summary}`, errors);
}

export const parseBody = <T>(schema: z.ZodType<T>, req: Request): T => parse(schema, req.body ?? {}, 'body');
export const parseQuery = <T>(schema: z.ZodType<T>, req: Request): T => parse(schema, req.query, 'query');
export const parseParams = <T>(schema: z.ZodType<T>, req: Request): T => parse(schema, req.params, 'path');
