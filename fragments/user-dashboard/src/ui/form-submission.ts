import { signal } from '@angular/core';
import type { FailureMessage } from './account-api.js';
import { fieldError } from './field-error.js';
import { initialFailure, type FormName } from './form-failure.js';
import { formFields } from './form-fields.js';

type Failed = { kind: 'failed' } & FailureMessage;

const failed = (outcome: { kind: string }): outcome is Failed => outcome.kind === 'failed';

/**
 * What one of the dashboard's forms goes through when JavaScript sends it instead of the plain post: one sending at
 * a time, and the failure shown by the form (at first the one a plain post of it came back to the page with).
 * Create it in an injection context, naming the form's `_form` names whose sent-back failures it shows.
 */
export class FormSubmission {
  readonly pending = signal(false);
  readonly failure;

  constructor(...forms: FormName[]) {
    this.failure = signal<FailureMessage | null>(
      forms.map((form) => initialFailure(form)).find((failure) => failure !== null) ?? null,
    );
  }

  /** The message for one field of the request, when the failure names it. */
  error(path: string): string | null {
    return fieldError(this.failure(), path);
  }

  /**
   * Sends the submitted form with `send`. Resolves to its answer when it succeeded; to null when it failed (the
   * failure now shows) or another sending was still on its way. The form stays pending while `send` runs, so what
   * follows a success inside it (a refreshed session, a navigation) is part of the sending.
   */
  async send<Outcome extends { kind: string }>(
    event: SubmitEvent,
    send: (fields: Record<string, string>, form: HTMLFormElement) => Promise<Outcome>,
  ): Promise<Exclude<Outcome, Failed> | null> {
    event.preventDefault();
    if (this.pending()) return null;
    this.pending.set(true);
    this.failure.set(null);
    try {
      const outcome = await send(formFields(event), event.target as HTMLFormElement);
      if (failed(outcome)) {
        this.failure.set(outcome);
        return null;
      }
      return outcome as Exclude<Outcome, Failed>;
    } finally {
      this.pending.set(false);
    }
  }
}
