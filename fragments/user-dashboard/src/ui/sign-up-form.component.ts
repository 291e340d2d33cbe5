import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import type { SessionUserView } from '@storefront/store';
import { REGISTER_URL, submitCredentials } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { FormSubmission } from './form-submission.js';

@Component({
  selector: 'sf-sign-up-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form"
      method="post"
      action="/api/users/register"
      aria-labelledby="user-dashboard-sign-up-title"
      data-testid="sign-up-form"
      (submit)="submit($event)"
    >
      <h2 id="user-dashboard-sign-up-title">Create an account</h2>
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" value="sign-up" />
      @if (redirect()) {
        <input type="hidden" name="_redirect" [attr.value]="redirect()" />
      }
      <label for="user-dashboard-sign-up-name">Name</label>
      <input id="user-dashboard-sign-up-name" name="name" autocomplete="name" required maxlength="100" />
      <label for="user-dashboard-sign-up-email">Email</label>
      <input
        id="user-dashboard-sign-up-email"
        name="email"
        type="email"
        autocomplete="email"
        required
        maxlength="254"
      />
      <label for="user-dashboard-sign-up-password">Password</label>
      <input
        id="user-dashboard-sign-up-password"
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minlength="8"
        maxlength="200"
      />
      @if (submission.failure(); as failure) {
        <sf-form-error [failure]="failure" />
      }
      <button type="submit" [disabled]="submission.pending()">Create account</button>
    </form>
  `,
})
export class SignUpFormComponent {
  readonly csrfToken = input.required<string>();
  /** Where the service sends a no-JS form post back to ('' → the page it came from). */
  readonly redirect = input('');
  readonly signedIn = output<SessionUserView>();

  private readonly port = inject(SESSION_PORT);
  protected readonly submission = new FormSubmission('sign-up');

  protected async submit(event: SubmitEvent): Promise<void> {
    const outcome = await this.submission.send(event, ({ name = '', email = '', password = '' }) =>
      submitCredentials(REGISTER_URL, { name, email, password }, this.port.csrfHeaders(), this.port.send),
    );
    if (outcome) this.signedIn.emit(outcome.user);
  }
}
