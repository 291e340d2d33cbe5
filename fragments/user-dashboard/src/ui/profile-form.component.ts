import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { refreshSession, updateProfile, type FailureMessage, type ProfileView } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { enhancedSignal } from './enhanced.js';
import { fieldError } from './field-error.js';
import { FormErrorComponent } from './form-error.component.js';
import { formFields } from './form-fields.js';

/** Name and phone, saved with `PATCH /api/users/me`: a PATCH is no form post, so this form needs JavaScript. */
@Component({
  selector: 'sf-profile-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form"
      data-testid="profile-form"
      aria-labelledby="user-dashboard-profile-form-title"
      (submit)="submit($event)"
    >
      <h3 id="user-dashboard-profile-form-title">Name and phone</h3>
      <label for="user-dashboard-profile-name">Name</label>
      <input
        id="user-dashboard-profile-name"
        name="name"
        autocomplete="name"
        required
        maxlength="100"
        [attr.value]="profile().name"
        [attr.aria-invalid]="error('name') ? 'true' : null"
        [attr.aria-describedby]="error('name') ? 'user-dashboard-profile-name-error' : null"
      />
      @if (error('name'); as message) {
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
        [attr.aria-invalid]="error('phone') ? 'true' : null"
        [attr.aria-describedby]="
          error('phone')
            ? 'user-dashboard-profile-phone-error user-dashboard-profile-phone-hint'
            : 'user-dashboard-profile-phone-hint'
        "
      />
      <p class="hint" id="user-dashboard-profile-phone-hint">International format, e.g. +4915112345678</p>
      @if (error('phone'); as message) {
        <p class="field-error" id="user-dashboard-profile-phone-error">{{ message }}</p>
      }
      @if (failure(); as failure) {
        <sf-form-error [failure]="failure" [showFields]="false" />
      }
      @if (saved()) {
        <p class="account-saved" role="status">Your profile was saved.</p>
      }
      <button type="submit" [disabled]="!enhanced() || pending()">Save profile</button>
      @if (!enhanced()) {
        <p class="needs-js">Saving your profile needs JavaScript.</p>
      }
    </form>
  `,
})
export class ProfileFormComponent {
  readonly profile = input.required<ProfileView>();
  readonly profileSaved = output<ProfileView>();

  private readonly port = inject(SESSION_PORT);
  protected readonly enhanced = enhancedSignal();
  protected readonly pending = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<FailureMessage | null>(null);

  protected error(path: string): string | null {
    return fieldError(this.failure(), path);
  }

  protected async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.pending()) return;
    const { name = '', phone = '' } = formFields(event);
    this.pending.set(true);
    this.saved.set(false);
    this.failure.set(null);
    const nameChanged = name.trim() !== this.profile().name;
    const outcome = await updateProfile(
      { name, phone: phone.trim() === '' ? null : phone.trim() },
      this.port.csrfHeaders(),
      this.port.send,
    );
    if (outcome.kind === 'failed') {
      this.pending.set(false);
      this.failure.set(outcome);
      return;
    }
    if (nameChanged) {
      // The session carries the name: a fresh one puts the new name in the header (and every fragment) at once.
      const refreshed = await refreshSession(this.port.csrfHeaders(), this.port.send);
      if (refreshed.kind === 'signed-in') this.port.setUser(refreshed.user);
    }
    this.pending.set(false);
    this.saved.set(true);
    this.profileSaved.emit(outcome.profile);
  }
}
