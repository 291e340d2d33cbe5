import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { PASSWORD_FORGOT_PAGE } from '@storefront/auth/password-reset';
import { RESET_PASSWORD_URL, submitNewPassword } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { FormSubmission } from './form-submission.js';

/** Where a customer who set a new password goes: signed in, to the account. */
const AFTER_RESET = '/account';

/**
 * The new password, after following the emailed link (its token is in an HttpOnly cookie the page never sees).
 * Works as a plain form post; with JavaScript the answer signs the visitor in on the page's store, then the account
 * opens.
 */
@Component({
  selector: 'sf-reset-password-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form"
      method="post"
      [attr.action]="action"
      aria-labelledby="user-dashboard-reset-title"
      data-testid="reset-password-form"
      (submit)="submit($event)"
    >
      <h2 id="user-dashboard-reset-title">Choose a new password</h2>
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" value="reset-password" />
      <input type="hidden" name="_redirect" [attr.value]="afterReset" />
      <label for="user-dashboard-reset-password">New password</label>
      <input
        id="user-dashboard-reset-password"
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minlength="8"
        maxlength="200"
        [attr.aria-invalid]="submission.error('password') ? 'true' : null"
        aria-describedby="user-dashboard-reset-password-hint"
      />
      <p class="hint" id="user-dashboard-reset-password-hint">
        At least 8 characters. Setting it signs you out on every other device.
      </p>
      @if (submission.error('password'); as message) {
        <p class="field-error">{{ message }}</p>
      }
      @if (submission.failure(); as failure) {
        <sf-form-error [failure]="failure" [showFields]="false" />
      }
      <button type="submit" [disabled]="submission.pending()">Set the new password</button>
    </form>
    <p class="account-switch">Link expired? <a [attr.href]="forgotPage">Ask for a new one</a></p>
  `,
})
export class ResetPasswordFormComponent {
  readonly csrfToken = input.required<string>();

  protected readonly action = RESET_PASSWORD_URL;
  protected readonly afterReset = AFTER_RESET;
  protected readonly forgotPage = PASSWORD_FORGOT_PAGE;
  private readonly port = inject(SESSION_PORT);
  protected readonly submission = new FormSubmission('reset-password');

  protected async submit(event: SubmitEvent): Promise<void> {
    await this.submission.send(event, async ({ password = '' }) => {
      const outcome = await submitNewPassword(password, this.port.csrfHeaders(), this.port.send);
      if (outcome.kind === 'signed-in') {
        this.port.setUser(outcome.user);
        this.port.navigate(AFTER_RESET);
      }
      return outcome;
    });
  }
}
