/** The text fields of the submitted form, without the form-only ones (`_csrf`, `_redirect`, `_form`, `_method`). */
export function formFields(event: SubmitEvent): Record<string, string> {
  const fields: Record<string, string> = {};
  new FormData(event.target as HTMLFormElement).forEach((value, key) => {
    if (!key.startsWith('_') && typeof value === 'string') fields[key] = value;
  });
  return fields;
}
