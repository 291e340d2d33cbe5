import type { Request } from 'express';

/** The whole-number fields of the editor API's bodies (product fields and the stock change). */
const wholeNumberFields = new Set(['priceMinor', 'stock', 'delta']);
/**
 * The yes/no fields. A form sends a checkbox after a hidden `false` of the same name (an unchecked box sends
 * nothing, which would leave the value as it was): the last value sent is the answer.
 */
const booleanFields = new Set(['featured']);
const booleanOf = (value: string) => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * The request body as the schemas expect it. JSON bodies pass untouched, so the JSON API stays as strict as it is.
 * A browser form without JavaScript (`application/x-www-form-urlencoded`) sends every field as text: a whole number
 * typed in a number field becomes that number, anything else stays text so the schema names the field's mistake.
 * A blank field listed in `blankMeansAbsent` counts as not sent, so its default applies.
 */
export function formAwareBody(req: Request, options: { blankMeansAbsent?: readonly string[] } = {}): unknown {
  const body: unknown = req.body;
  if (!req.is('application/x-www-form-urlencoded') || !body || typeof body !== 'object') return body;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (booleanFields.has(key)) {
      const last = Array.isArray(value) ? value.at(-1) : value;
      fields[key] = typeof last === 'string' ? booleanOf(last) : last;
      continue;
    }
    if (typeof value !== 'string' || !wholeNumberFields.has(key)) {
      fields[key] = value;
      continue;
    }
    const text = value.trim();
    if (text === '' && options.blankMeansAbsent?.includes(key)) continue;
    fields[key] = /^-?\d{1,15}$/.test(text) ? Number(text) : value;
  }
  return fields;
}
