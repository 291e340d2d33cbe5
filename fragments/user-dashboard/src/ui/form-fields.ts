/** The text fields of the submitted form, without the form-only `_csrf` and `_redirect` fields. */
export function formFields(event: SubmitEvent): Record<string, string> {
  const fields: Record<string, string> = {};
  new FormData(event.target as HTMLFormElement).forEach((value, key) => {
    if (key !== '_csrf' && key !== '_redirect' && typeof value === 'string') fields[key] = value;
  });
  return fields;
}
