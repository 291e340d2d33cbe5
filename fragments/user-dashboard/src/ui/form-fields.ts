/** The text fields of the submitted form, without the `_csrf` field (the header carries the token instead). */
export function formFields(event: SubmitEvent): Record<string, string> {
  const fields: Record<string, string> = {};
  new FormData(event.target as HTMLFormElement).forEach((value, key) => {
    if (key !== '_csrf' && typeof value === 'string') fields[key] = value;
  });
  return fields;
}
