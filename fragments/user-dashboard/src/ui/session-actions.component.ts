import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { signOut, signOutEverywhere, type FailureMessage } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';

/** "Sign out" (this session) and, on the account pages, "Sign out everywhere" (every session of the account). */
@Component({
  selector: 'sf-session-actions',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'session-actions' },
  template: `
    <form class="sign-out-form" method="post" action="/api/users/logout" (submit)="submitSignOut($event)">
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      @if (failure(); as failure) {
        <sf-form-error [failure]="failure" />
      }
      <button type="submit" [disabled]="pending()">Sign out</button>
    </form>
    @if (everywhere()) {
      <form
        class="sign-out-form"
        method="post"
        action="/api/users/me/sessions/revoke-all"
        data-testid="sign-out-everywhere-form"
        (submit)="submitSignOutEverywhere($event)"
      >
        <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
        <input type="hidden" name="_redirect" value="/" />
        @if (everywhereFailure(); as failure) {
          <sf-form-error [failure]="failure" />
        }
        <button type="submit" class="secondary" [disabled]="pending()">Sign out everywhere</button>
      </form>
    }
  `,
})
export class SessionActionsComponent {
  readonly csrfToken = input.required<string>();
  /** Also offer ending every session of the account (the account pages). */
  readonly everywhere = input(false);

  private readonly port = inject(SESSION_PORT);
  protected readonly pending = signal(false);
  protected readonly failure = signal<FailureMessage | null>(null);
  protected readonly everywhereFailure = signal<FailureMessage | null>(null);

  protected async submitSignOut(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.pending()) return;
    this.pending.set(true);
    this.failure.set(null);
    const outcome = await signOut(this.port.csrfHeaders(), this.port.send);
    if (outcome.kind === 'failed') {
      this.pending.set(false);
      this.failure.set(outcome);
      return;
    }
    // Every fragment on the page rendered for the signed-in visitor: the store update tells the live ones at once,
    // the reload renders them all again signed out.
    this.port.setUser(null);
    this.port.reload();
  }

  protected async submitSignOutEverywhere(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.pending()) return;
    this.pending.set(true);
    this.everywhereFailure.set(null);
    const outcome = await signOutEverywhere(this.port.csrfHeaders(), this.port.send);
    if (outcome.kind === 'failed') {
      this.pending.set(false);
      this.everywhereFailure.set(outcome);
      return;
    }
    this.port.setUser(null);
    this.port.reload();
  }
}
