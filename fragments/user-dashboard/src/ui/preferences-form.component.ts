import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { NotifiableEvent, NotificationPreferences } from '@storefront/contracts';
import { PREFERENCES_FORM_URL, updateProfile, type ProfileView } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { FormSubmission } from './form-submission.js';

/** Every event a customer can be told about (the contract's list; the compiler checks none is missing). */
const EVENT_LABELS = {
  'order.placed': 'Order placed',
  'order.paid': 'Payment received',
  'order.shipped': 'Order shipped',
  'order.cancelled': 'Order cancelled',
} satisfies Record<NotifiableEvent, string>;

const EVENTS = Object.keys(EVENT_LABELS) as NotifiableEvent[];
const CHANNELS = [
  { key: 'email', label: 'Email' },
  { key: 'sms', label: 'SMS' },
] as const;

/** The event × channel grid: a plain form post to `POST /api/users/me/preferences`, `PATCH /api/users/me` with JS. */
@Component({
  selector: 'sf-preferences-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form preferences-form"
      method="post"
      [attr.action]="action"
      data-testid="preferences"
      (submit)="submit($event)"
    >
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" value="preferences" />
      <input type="hidden" name="_redirect" [attr.value]="redirect()" />
      <fieldset class="preference-grid">
        <legend><h3>Notification preferences</h3></legend>
        <p class="hint">Choose how we tell you about each event.</p>
        @for (event of events; track event) {
          <fieldset class="preference-row" [attr.data-event]="event">
            <legend>{{ labels[event] }}</legend>
            @for (channel of channels; track channel.key) {
              <span class="preference-choice">
                <input
                  type="checkbox"
                  [id]="'user-dashboard-pref-' + slug(event) + '-' + channel.key"
                  [attr.name]="event + '.' + channel.key"
                  [attr.checked]="preferences()[event][channel.key] ? '' : null"
                />
                <label [attr.for]="'user-dashboard-pref-' + slug(event) + '-' + channel.key">{{
                  channel.label
                }}</label>
              </span>
            }
          </fieldset>
        }
      </fieldset>
      @if (submission.failure(); as failure) {
        <sf-form-error [failure]="failure" />
      }
      @if (saved()) {
        <p class="account-saved" role="status">Your notification preferences were saved.</p>
      }
      <button type="submit" [disabled]="submission.pending()">Save preferences</button>
    </form>
  `,
})
export class PreferencesFormComponent {
  readonly preferences = input.required<NotificationPreferences>();
  readonly csrfToken = input.required<string>();
  /** The page a plain form post comes back to. */
  readonly redirect = input.required<string>();
  readonly profileSaved = output<ProfileView>();

  protected readonly events = EVENTS;
  protected readonly channels = CHANNELS;
  protected readonly labels: Record<NotifiableEvent, string> = EVENT_LABELS;

  protected readonly action = PREFERENCES_FORM_URL;
  private readonly port = inject(SESSION_PORT);
  protected readonly saved = signal(false);
  protected readonly submission = new FormSubmission('preferences');

  protected slug(event: NotifiableEvent): string {
    return event.replace('.', '-');
  }

  protected async submit(event: SubmitEvent): Promise<void> {
    this.saved.set(false);
    const outcome = await this.submission.send(event, (_fields, form) => {
      // Checkboxes: a ticked one is sent, an unticked one is not (so not the text fields' reading).
      const data = new FormData(form);
      const preferences = Object.fromEntries(
        EVENTS.map((name) => [name, { email: data.has(`${name}.email`), sms: data.has(`${name}.sms`) }]),
      ) as NotificationPreferences;
      return updateProfile({ preferences }, this.port.csrfHeaders(), this.port.send);
    });
    if (!outcome) return;
    this.saved.set(true);
    this.profileSaved.emit(outcome.profile);
  }
}
