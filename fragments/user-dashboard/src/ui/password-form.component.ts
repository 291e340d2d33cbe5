import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { changePassword } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { FormSubmission } from './form-submission.js';

/** Changes the password: a form post without JavaScript (303 back here), JSON with errors inline with it. */
@Component({
  selector: 'sf-password-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form"
      method="post"
      action="/api/users/me/password"
      data-testid="password-form"
      aria-labelledby="user-dashboard-password-title"
      (submit)="submit($event)"
    >
      <h3 id="user-dashboard-password-title">Change your password</h3>
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" value="password" />
      @if (redirect()) {
        <input type="hidden" name="_redirect" [attr.value]="redirect()" />
      }
      <label for="user-dashboard-current-password">Current password</label>
      <input
        id="user-dashboard-current-password"
        name="currentPassword"
        type="password"
        autocomplete="current-password"
        required
        maxlength="200"
        [attr.aria-invalid]="submission.error('currentPassword') ? 'true' : null"
        [attr.aria-describedby]="
          submission.error('currentPassword') ? 'user-dashboard-current-password-error' : null
        "
      />
      @if (submission.error('currentPassword'); as message) {
        <p class="field-error" id="user-dashboard-current-password-error">{{ message }}</p>
      }
      <label for="user-dashboard-new-password">New password</label>
      <input
        id="user-dashboard-new-password"
        name="newPassword"
        type="password"
        autocomplete="new-password"
        required
        minlength="8"
        maxlength="200"
        [attr.aria-invalid]="submission.error('newPassword') ? 'true' : null"
        [attr.aria-describedby]="submission.error('newPassword') ? 'user-dashboard-new-password-error' : null"
      />
      @if (submission.error('newPassword'); as message) {
        <p class="field-error" id="user-dashboard-new-password-error">{{ message }}</p>
      }
      @if (submission.failure(); as failure) {
        <sf-form-error [failure]="failure" [showFields]="false" />
      }
      @if (changed()) {
        <p class="account-saved" role="status">
          Your password was changed. Your other devices were signed out.
        </p>
      }
      <button type="submit" [disabled]="submission.pending()">Change password</button>
    </form>
  `,
})
export class PasswordFormComponent {
  readonly csrfToken = input.required<string>();
  readonly redirect = input('');

  private readonly port = inject(SESSION_PORT);
  protected readonly changed = signal(false);
  protected readonly submission = new FormSubmission('password');

  protected async submit(event: SubmitEvent): Promise<void> {
    this.changed.set(false);
    const outcome = await this.submission.send(event, ({ currentPassword = '', newPassword = '' }, form) =>
      changePassword({ currentPassword, newPassword }, this.port.csrfHeaders(), this.port.send).then(
        (answer) => {
          if (answer.kind === 'done') form.reset();
          return answer;
        },
      ),
    );
    if (outcome) this.changed.set(true);
  }
}
