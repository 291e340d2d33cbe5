import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { PASSWORD_FORGOT_PAGE } from '@storefront/auth/password-reset';
import type { SessionUserView } from '@storefront/store';
import { LOGIN_URL, submitCredentials } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { FormSubmission } from './form-submission.js';

@Component({
  selector: 'sf-sign-in-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form"
      method="post"
      action="/api/users/login"
      aria-labelledby="user-dashboard-sign-in-title"
      data-testid="sign-in-form"
      (submit)="submit($event)"
    >
      <h2 id="user-dashboard-sign-in-title">Already a customer?</h2>
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" value="sign-in" />
      @if (redirect()) {
        <input type="hidden" name="_redirect" [attr.value]="redirect()" />
      }
      <label for="user-dashboard-sign-in-email">Email</label>
      <input
        id="user-dashboard-sign-in-email"
        name="email"
        type="email"
        autocomplete="username"
        required
        maxlength="254"
      />
      <label for="user-dashboard-sign-in-password">Password</label>
      <input
        id="user-dashboard-sign-in-password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        maxlength="200"
      />
      @if (submission.failure(); as failure) {
        <sf-form-error [failure]="failure" />
      }
      <button type="submit" [disabled]="submission.pending()">Sign in</button>
      <p class="forgot-link"><a [attr.href]="forgotPage">Forgot password?</a></p>
    </form>
  `,
})
export class SignInFormComponent {
  readonly csrfToken = input.required<string>();
  /** Where the service sends a no-JS form post back to ('' → the page it came from). */
  readonly redirect = input('');
  readonly signedIn = output<SessionUserView>();

  protected readonly forgotPage = PASSWORD_FORGOT_PAGE;
  private readonly port = inject(SESSION_PORT);
  protected readonly submission = new FormSubmission('sign-in');

  protected async submit(event: SubmitEvent): Promise<void> {
    const outcome = await this.submission.send(event, ({ email = '', password = '' }) =>
      submitCredentials(LOGIN_URL, { email, password }, this.port.csrfHeaders(), this.port.send),
    );
    if (outcome) this.signedIn.emit(outcome.user);
  }
}
