// No imports: the fragments' browser bundles use this module too (`@storefront/auth/form-outcome`).

/**
 * How a browser form post that failed comes back to its page without JavaScript: the service answers
 * `303 See Other` to the page the form was on, with what went wrong in the query string, and the fragment that owns
 * the form renders it next to the form. Only codes travel (the status, the form's name, the names of the fields),
 * never text: a link cannot make a page say what its author wants.
 *
 * `?form_error=400&form=profile&form_fields=name,phone` reads "the profile form failed validation on name and phone".
 */
export const FORM_ERROR_PARAM = 'form_error';
export const FORM_NAME_PARAM = 'form';
export const FORM_FIELDS_PARAM = 'form_fields';
/** Seconds until a rate-limited form may be tried again (from the answer's `Retry-After`). */
export const FORM_RETRY_PARAM = 'form_retry';

/** The hidden field a form names itself with, so a page with several forms knows which one failed. */
export const FORM_NAME_FIELD = '_form';

const FORM_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_.]{0,79}$/;
const MAX_FIELDS = 20;
const OUTCOME_PARAMS = [FORM_ERROR_PARAM, FORM_NAME_PARAM, FORM_FIELDS_PARAM, FORM_RETRY_PARAM];

export interface FormFailure {
  /** The HTTP status the service answered (400 validation, 401, 403 CSRF, 409, 429, 5xx …). */
  status: number;
  /** The form's `_form` field, when it sent one. */
  form?: string;
  /** The request's fields the service named (validation errors), e.g. `email`, `addresses.0.city`. */
  fields: string[];
  retryAfterSeconds?: number;
}

/** A form's `_form` value, if it is a name (anything else is dropped, not echoed). */
export function formName(value: unknown): string | undefined {
  return typeof value === 'string' && FORM_NAME.test(value) ? value : undefined;
}

function splitTarget(target: string): { path: string; query: URLSearchParams; hash: string } {
  const hashAt = target.indexOf('#');
  const withoutHash = hashAt === -1 ? target : target.slice(0, hashAt);
  const queryAt = withoutHash.indexOf('?');
  return {
    path: queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt),
    query: new URLSearchParams(queryAt === -1 ? '' : withoutHash.slice(queryAt + 1)),
    hash: hashAt === -1 ? '' : target.slice(hashAt),
  };
}

function joinTarget({ path, query, hash }: ReturnType<typeof splitTarget>): string {
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}${hash}`;
}

/** The page path without the outcome of an earlier post (a success must not keep showing an old error). */
export function withoutFormOutcome(target: string): string {
  const parts = splitTarget(target);
  for (const param of OUTCOME_PARAMS) parts.query.delete(param);
  return joinTarget(parts);
}

/** The page path with this failure in its query (replacing an earlier one). */
export function withFormFailure(target: string, failure: FormFailure): string {
  const parts = splitTarget(withoutFormOutcome(target));
  parts.query.set(FORM_ERROR_PARAM, String(failure.status));
  const form = formName(failure.form);
  if (form) parts.query.set(FORM_NAME_PARAM, form);
  const fields = [...new Set(failure.fields.filter((field) => FIELD_PATH.test(field)))].slice(0, MAX_FIELDS);
  if (fields.length > 0) parts.query.set(FORM_FIELDS_PARAM, fields.join(','));
  if (failure.retryAfterSeconds !== undefined && Number.isInteger(failure.retryAfterSeconds)) {
    parts.query.set(FORM_RETRY_PARAM, String(Math.max(0, failure.retryAfterSeconds)));
  }
  return joinTarget(parts);
}

/** The failure a page was sent back with, or null; whatever does not look like one is ignored. */
export function readFormFailure(query: URLSearchParams): FormFailure | null {
  const status = query.get(FORM_ERROR_PARAM);
  if (!status || !/^[45]\d\d$/.test(status)) return null;
  const form = formName(query.get(FORM_NAME_PARAM));
  const fields = (query.get(FORM_FIELDS_PARAM) ?? '')
    .split(',')
    .filter((field) => FIELD_PATH.test(field))
    .slice(0, MAX_FIELDS);
  const retry = query.get(FORM_RETRY_PARAM);
  return {
    status: Number(status),
    ...(form ? { form } : {}),
    fields,
    ...(retry && /^\d{1,6}$/.test(retry) ? { retryAfterSeconds: Number(retry) } : {}),
  };
}
