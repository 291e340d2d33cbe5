import { inject } from '@angular/core';
import type { FormFailure } from '@storefront/auth/form-outcome';
import { tooManyAttempts, type FailureMessage } from './account-api.js';
import { DASHBOARD_INPUT } from './dashboard-context.js';

/** The `_form` names of the dashboard's forms: a failure sent back to the page shows next to the one it names. */
export type FormName =
  | 'sign-in'
  | 'sign-up'
  | 'forgot-password'
  | 'reset-link'
  | 'reset-password'
  | 'profile'
  | 'address-new'
  | 'address-list'
  | `address-${number}`
  | 'preferences'
  | 'password';

export const RESET_LINK_GONE =
  'This password reset link has expired or was already used. Please ask for a new one.';

/** What a form says for a status when the form has words of its own for it. */
const BY_FORM: Partial<Record<string, Partial<Record<number, string>>>> = {
  'sign-in': { 401: 'The email or password is not correct.' },
  'sign-up': { 409: 'An account with this email already exists.' },
  'reset-link': { 410: RESET_LINK_GONE },
  'reset-password': { 410: RESET_LINK_GONE },
  password: { 400: 'The current password is not correct, or the new one is too short.' },
};

function messageFor(failure: FormFailure, form: string): string {
  const own = BY_FORM[form]?.[failure.status];
  if (own) return own;
  if (failure.status === 429) {
    return tooManyAttempts(
      failure.retryAfterSeconds === undefined ? null : String(failure.retryAfterSeconds),
    );
  }
  if (failure.status >= 500) return 'Something went wrong on our side. Please try again.';
  switch (failure.status) {
    case 400:
      return 'Please check the marked fields.';
    case 401:
      return 'Your session has ended. Please sign in again.';
    case 403:
      return 'The form had expired. Please try again.';
    case 409:
      return 'This was changed elsewhere at the same time. Please try again.';
    case 410:
      return 'This is no longer available.';
    default:
      return 'That did not work. Please try again.';
  }
}

/**
 * The failure a no-JS post of `form` came back with (the page's `?form_error=…`), in the words the JavaScript path
 * would show: the service sends codes only, the words are the fragment's. Call in an injection context.
 */
export function initialFailure(form: FormName): FailureMessage | null {
  const failure = inject(DASHBOARD_INPUT).formFailure;
  if (!failure || failure.form !== form) return null;
  const fields = Object.fromEntries(failure.fields.map((field) => [field, 'Please check this field.']));
  return {
    message: messageFor(failure, form),
    fieldErrors: failure.fields.map((field) => `${field}: please check this field`),
    ...(failure.fields.length > 0 ? { fields } : {}),
  };
}
