/**
 * The editor forms' browser-side validation, with the same rules as the product service (product-schemas.ts
 * mirrors them). Loaded on the first submit only, so visitors' pages never download zod.
 */
import {
  changeStockRequest,
  createProductRequest,
  fieldErrors,
  updateProductRequest,
  type FieldError,
} from '../product-schemas.js';

export type Checked = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/** A whole number typed in a field; anything else stays text, so the schema names the field's mistake. */
function wholeNumber(value: string | undefined): number | string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}

/** A yes/no field: the form sends a hidden `false` before its checkbox's `true`, and the last one wins. */
const yesNo = (value: string | undefined) => (value === undefined ? undefined : value === 'true');

function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

function check(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true } | { success: false; error: Parameters<typeof fieldErrors>[0] };
  },
  body: Record<string, unknown>,
): Checked {
  const result = schema.safeParse(body);
  return result.success ? { ok: true, body } : { ok: false, errors: fieldErrors(result.error) };
}

export function checkCreate(fields: Record<string, string>): Checked {
  return check(
    createProductRequest,
    defined({
      slug: fields.slug,
      name: fields.name,
      description: fields.description,
      priceMinor: wholeNumber(fields.priceMinor) ?? '',
      currency: fields.currency,
      category: fields.category,
      stock: wholeNumber(fields.stock),
      status: fields.status,
      featured: yesNo(fields.featured),
    }),
  );
}

export function checkUpdate(fields: Record<string, string>): Checked {
  return check(
    updateProductRequest,
    defined({
      slug: fields.slug,
      name: fields.name,
      description: fields.description,
      priceMinor: wholeNumber(fields.priceMinor) ?? '',
      currency: fields.currency,
      category: fields.category,
      featured: yesNo(fields.featured),
    }),
  );
}

export function checkStock(fields: Record<string, string>): Checked {
  return check(changeStockRequest, { stock: wholeNumber(fields.stock) ?? '' });
}
