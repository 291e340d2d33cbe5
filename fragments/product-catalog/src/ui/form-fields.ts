/** The text fields of a submitted form, without the no-JS-only ones (the header carries the CSRF token). */
export function formFields(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) {
    if (!key.startsWith('_') && typeof value === 'string') fields[key] = value;
  }
  return fields;
}
