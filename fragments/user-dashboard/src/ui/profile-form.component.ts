import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { PROFILE_FORM_URL, refreshSession, updateProfile, type ProfileView } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { FormSubmission } from './form-submission.js';

/**
 * Name and phone: a plain form post to `POST /api/users/me/profile` without JavaScript (303 back here), `PATCH
 * /api/users/me` with it, the errors inline either way.
 */
@Component({
  selector: 'sf-profile-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form"
      method="post"
      [attr.action]="action"
      data-testid="profile-form"
      aria-labelledby="user-dashboard-profile-form-title"
      (submit)="submit($event)"
    >
      <h3 id="user-dashboard-profile-form-title">Name and phone</h3>
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" value="profile" />
      <input type="hidden" name="_redirect" [attr.value]="redirect()" />
      <label for="user-dashboard-profile-name">Name</label>
      <input
        id="user-dashboard-profile-name"
        name="name"
        autocomplete="name"
        required
        maxlength="100"
        [attr.value]="profile().name"
        [attr.aria-invalid]="submission.error('name') ? 'true' : null"
        [attr.aria-describedby]="submission.error('name') ? 'user-dashboard-profile-name-error' : null"
      />
      @if (submission.error('name'); as message) {
        <p class="field-error" id="user-dashboard-profile-name-error">{{ message }}</p>
      }
      <label for="user-dashboard-profile-phone">Phone (optional)</label>
      <input
        id="user-dashboard-profile-phone"
        name="phone"
        type="tel"
        autocomplete="tel"
        maxlength="16"
        [attr.value]="profile().phone ?? ''"
        [attr.aria-invalid]="submission.error('phone') ? 'true' : null"
        [attr.aria-describedby]="
          submission.error('phone')
            ? 'user-dashboard-profile-phone-error user-dashboard-profile-phone-hint'
            : 'user-dashboard-profile-phone-hint'
        "
      />
      <p class="hint" id="user-dashboard-profile-phone-hint">International format, e.g. +4915112345678</p>
      @if (submission.error('phone'); as message) {
        <p class="field-error" id="user-dashboard-profile-phone-error">{{ message }}</p>
      }
      @if (submission.failure(); as failure) {
        <sf-form-error [failure]="failure" [showFields]="false" />
      }
      @if (saved()) {
        <p class="account-saved" role="status">Your profile was saved.</p>
      }
      <button type="submit" [disabled]="submission.pending()">Save profile</button>
    </form>
  `,
})
export class ProfileFormComponent {
  readonly profile = input.required<ProfileView>();
  readonly csrfToken = input.required<string>();
  /** The page a plain form post comes back to. */
  readonly redirect = input.required<string>();
  readonly profileSaved = output<ProfileView>();

  protected readonly action = PROFILE_FORM_URL;
  private readonly port = inject(SESSION_PORT);
  protected readonly saved = signal(false);
  protected readonly submission = new FormSubmission('profile');

  protected async submit(event: SubmitEvent): Promise<void> {
    this.saved.set(false);
    const outcome = await this.submission.send(event, async ({ name = '', phone = '' }) => {
      const nameChanged = name.trim() !== this.profile().name;
      const answer = await updateProfile(
        { name, phone: phone.trim() === '' ? null : phone.trim() },
        this.port.csrfHeaders(),
        this.port.send,
      );
      if (answer.kind === 'saved' && nameChanged) {
        // The session carries the name: a fresh one puts the new name in the header (and every fragment) at once.
        const refreshed = await refreshSession(this.port.csrfHeaders(), this.port.send);
        if (refreshed.kind === 'signed-in') this.port.setUser(refreshed.user);
      }
      return answer;
    });
    if (!outcome) return;
    this.saved.set(true);
    this.profileSaved.emit(outcome.profile);
  }
}
