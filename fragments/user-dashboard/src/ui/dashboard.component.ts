import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import type { SessionUserView } from '@storefront/store';
import { fetchOrders } from './account-api.js';
import { AccountComponent, type AccountView } from './account.component.js';
import { DASHBOARD_INPUT, SESSION_PORT } from './dashboard-context.js';
import { ForgotPasswordFormComponent } from './forgot-password-form.component.js';
import type { OrdersView } from './orders-view.js';
import { ProfileComponent } from './profile.component.js';
import { ResetPasswordFormComponent } from './reset-password-form.component.js';
import { SignInFormComponent } from './sign-in-form.component.js';
import { SignUpFormComponent } from './sign-up-form.component.js';

const ACCOUNT_VIEWS: readonly string[] = ['account', 'profile', 'notifications'] satisfies AccountView[];

/** `/signin` and `/signup` for a visitor who is signed in already. */
@Component({
  selector: 'sf-signed-in-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section
      class="signed-in-note"
      data-testid="signed-in-note"
      aria-labelledby="user-dashboard-signed-in-title"
    >
      <h2 id="user-dashboard-signed-in-title">You are signed in as {{ user().name }}</h2>
      <p><a href="/account">Go to your account</a></p>
    </section>
  `,
})
export class SignedInNoteComponent {
  readonly user = input.required<SessionUserView>();
}

/**
 * The fragment root: its host element is `<div data-fragment="user-dashboard">`, found by this selector in the SSR
 * shell on the server and in the composed page in the browser.
 */
@Component({
  selector: '[data-fragment="user-dashboard"]',
  imports: [
    AccountComponent,
    ForgotPasswordFormComponent,
    ProfileComponent,
    ResetPasswordFormComponent,
    SignedInNoteComponent,
    SignInFormComponent,
    SignUpFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-locale]': 'input.locale', '[attr.data-view]': 'input.view' },
  template: `
    @switch (input.view) {
      @case ('home') {
        @if (user(); as user) {
          <sf-profile
            [user]="user"
            [orders]="orders()"
            [csrfToken]="input.csrfToken"
            [locale]="input.locale"
          />
        } @else {
          <div class="account-forms">
            <sf-sign-up-form
              [csrfToken]="input.csrfToken"
              [redirect]="input.pagePath"
              (signedIn)="signedIn($event)"
            />
            <sf-sign-in-form
              [csrfToken]="input.csrfToken"
              [redirect]="input.pagePath"
              (signedIn)="signedIn($event)"
            />
          </div>
        }
      }
      @case ('signin') {
        @if (user(); as user) {
          <sf-signed-in-note [user]="user" />
        } @else {
          <sf-sign-in-form [csrfToken]="input.csrfToken" redirect="/account" (signedIn)="signedIn($event)" />
          <p class="account-switch">New here? <a href="/signup">Create an account</a></p>
        }
      }
      @case ('signup') {
        @if (user(); as user) {
          <sf-signed-in-note [user]="user" />
        } @else {
          <sf-sign-up-form [csrfToken]="input.csrfToken" redirect="/account" (signedIn)="signedIn($event)" />
          <p class="account-switch">Already a customer? <a href="/signin">Sign in</a></p>
        }
      }
      @case ('forgot') {
        <sf-forgot-password-form [csrfToken]="input.csrfToken" />
      }
      @case ('reset') {
        <sf-reset-password-form [csrfToken]="input.csrfToken" />
      }
      @case ('other') {}
      @default {
        @if (user(); as user) {
          <sf-account
            [view]="accountView()"
            [user]="user"
            [profileState]="input.profile"
            [notifications]="input.notifications"
            [csrfToken]="input.csrfToken"
            [pagePath]="input.pagePath"
            [locale]="input.locale"
          />
        } @else {
          <p class="account-signed-out">Please sign in to see your account.</p>
          <sf-sign-in-form
            [csrfToken]="input.csrfToken"
            [redirect]="input.pagePath"
            (signedIn)="signedIn($event)"
          />
          <p class="account-switch">New here? <a href="/signup">Create an account</a></p>
        }
      }
    }
  `,
})
export class DashboardComponent {
  protected readonly input = inject(DASHBOARD_INPUT);
  private readonly port = inject(SESSION_PORT);

  /** Follows the page's shared store: a sign-in here or anywhere else on the page shows the profile. */
  protected readonly user = signal<SessionUserView | null>(this.input.user);
  protected readonly orders = signal<OrdersView>(this.input.orders);

  constructor() {
    const stop = this.port.watchUser((user) => {
      const before = this.user();
      this.user.set(user);
      if (!user) {
        this.orders.set({ kind: 'none' });
      } else if (before?.id !== user.id) {
        if (ACCOUNT_VIEWS.includes(this.input.view)) {
          // The account pages render from the services on the server: a new visitor gets them rendered afresh.
          this.port.reload();
        } else if (this.input.view === 'home' && this.orders().kind === 'none') {
          void this.loadOrders();
        }
      }
    });
    inject(DestroyRef).onDestroy(stop);
  }

  protected accountView(): AccountView {
    return this.input.view as AccountView;
  }

  protected signedIn(user: SessionUserView): void {
    // The store is the one source of truth: watchUser above brings the profile (and the header, the cart…) along.
    this.port.setUser(user);
  }

  private async loadOrders(): Promise<void> {
    this.orders.set({ kind: 'loading' });
    this.orders.set(await fetchOrders(this.port.send));
  }
}
