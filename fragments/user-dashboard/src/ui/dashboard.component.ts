import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import type { SessionUserView } from '@storefront/store';
import { fetchOrders } from './account-api.js';
import { DASHBOARD_INPUT, SESSION_PORT } from './dashboard-context.js';
import type { OrdersView } from './orders-view.js';
import { ProfileComponent } from './profile.component.js';
import { SignInFormComponent } from './sign-in-form.component.js';
import { SignUpFormComponent } from './sign-up-form.component.js';

/**
 * The fragment root: its host element is `<div data-fragment="user-dashboard">`, found by this selector in the SSR
 * shell on the server and in the composed page in the browser.
 */
@Component({
  selector: '[data-fragment="user-dashboard"]',
  imports: [ProfileComponent, SignInFormComponent, SignUpFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-locale]': 'input.locale' },
  template: `
    @if (user(); as user) {
      <sf-profile [user]="user" [orders]="orders()" [csrfToken]="input.csrfToken" [locale]="input.locale" />
    } @else {
      <div class="account-forms">
        <sf-sign-up-form [csrfToken]="input.csrfToken" (signedIn)="signedIn($event)" />
        <sf-sign-in-form [csrfToken]="input.csrfToken" (signedIn)="signedIn($event)" />
      </div>
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
      } else if (before?.id !== user.id && this.orders().kind === 'none') {
        void this.loadOrders();
      }
    });
    inject(DestroyRef).onDestroy(stop);
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
