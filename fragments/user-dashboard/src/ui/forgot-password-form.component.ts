import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { PASSWORD_FORGOT_PAGE } from '@storefront/auth/password-reset';
import { FORGOT_PASSWORD_URL, requestResetLink } from './account-api.js';
import { DASHBOARD_INPUT, SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { FormSubmission } from './form-submission.js';

/**
 * "Forgot password?": asks for a reset link. Without JavaScript the post comes back to this page with `?sent=1`;
 * with it, the answer shows in place. Either way the words are the same for every address.
 */
@Component({
  selector: 'sf-forgot-password-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form"
      method="post"
      [attr.action]="action"
      aria-labelledby="user-dashboard-forgot-title"
      data-testid="forgot-password-form"
      (submit)="submit($event)"
    >
      <h2 id="user-dashboard-forgot-title">Forgot your password?</h2>
      <p class="hint">
        Enter the email address of your account: we will send it a link to choose a new password.
      </p>
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" value="forgot-password" />
      <input type="hidden" name="_redirect" [attr.value]="sentPage" />
      <label for="user-dashboard-forgot-email">Email</label>
      <input
        id="user-dashboard-forgot-email"
        name="email"
        type="email"
        autocomplete="email"
        required
        maxlength="254"
        [attr.aria-invalid]="submission.error('email') ? 'true' : null"
        [attr.aria-describedby]="submission.error('email') ? 'user-dashboard-forgot-email-error' : null"
      />
      @if (submission.error('email'); as message) {
        <p class="field-error" id="user-dashboard-forgot-email-error">{{ message }}</p>
      }
      @if (submission.failure(); as failure) {
        <sf-form-error [failure]="failure" [showFields]="false" />
      }
      @if (sent()) {
        <p class="account-saved" role="status" data-testid="reset-link-sent">
          If an account exists for this address, we have sent it a link to reset the password. The link works
          once, for 30 minutes.
        </p>
      }
      <button type="submit" [disabled]="submission.pending()">Send the link</button>
    </form>
    <p class="account-switch">Remembered it? <a href="/signin">Sign in</a></p>
  `,
})
export class ForgotPasswordFormComponent {
  readonly csrfToken = input.required<string>();

  protected readonly action = FORGOT_PASSWORD_URL;
  protected readonly sentPage = `${PASSWORD_FORGOT_PAGE}?sent=1`;
  private readonly port = inject(SESSION_PORT);
  protected readonly sent = signal(inject(DASHBOARD_INPUT).resetLinkSent);
  // A link that was gone lands here too: the failure of following it shows on this form.
  protected readonly submission = new FormSubmission('forgot-password', 'reset-link');

  protected async submit(event: SubmitEvent): Promise<void> {
    this.sent.set(false);
    const outcome = await this.submission.send(event, ({ email = '' }) =>
      requestResetLink(email, this.port.csrfHeaders(), this.port.send),
    );
    if (outcome) this.sent.set(true);
  }
}
