import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import type { SessionUserView } from '@storefront/store';
import { signOut, type FailureMessage } from './account-api.js';
import { SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { formatOrderDate, formatPrice, shortOrderId } from './format.js';
import type { OrdersView } from './orders-view.js';

@Component({
  selector: 'sf-profile',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="profile" data-testid="profile" aria-labelledby="user-dashboard-profile-title">
      <h2 id="user-dashboard-profile-title">Signed in as {{ user().name }}</h2>
      <p class="profile-email" data-testid="profile-email">{{ user().email }}</p>
      <form class="sign-out-form" method="post" action="/api/users/logout" (submit)="submitSignOut($event)">
        <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
        @if (failure(); as failure) {
          <sf-form-error [failure]="failure" />
        }
        <button type="submit" [disabled]="pending()">Sign out</button>
      </form>
    </section>
    <section class="orders" data-testid="orders" aria-labelledby="user-dashboard-orders-title">
      <h3 id="user-dashboard-orders-title">Your last orders</h3>
      @switch (orders().kind) {
        @case ('unavailable') {
          <p class="orders-unavailable" role="status">Orders are unavailable right now.</p>
        }
        @case ('loading') {
          <p class="orders-loading" role="status">Loading your orders…</p>
        }
        @default {
          <ol class="order-list">
            @for (order of listed(); track order.id) {
              <li class="order" data-testid="order" [attr.data-order-id]="order.id">
                <span class="order-id" [attr.title]="order.id">{{ shortId(order.id) }}</span>
                <span class="order-status" [attr.data-status]="order.status">{{ order.status }}</span>
                <time class="order-date" [attr.datetime]="order.createdAt">{{ date(order.createdAt) }}</time>
                <span class="order-total">{{ price(order.totalMinor, order.currency) }}</span>
              </li>
            } @empty {
              <li class="orders-empty">You have no orders yet.</li>
            }
          </ol>
        }
      }
    </section>
  `,
})
export class ProfileComponent {
  readonly user = input.required<SessionUserView>();
  readonly orders = input.required<OrdersView>();
  readonly csrfToken = input.required<string>();
  readonly locale = input.required<string>();

  private readonly port = inject(SESSION_PORT);
  protected readonly pending = signal(false);
  protected readonly failure = signal<FailureMessage | null>(null);

  protected listed() {
    const orders = this.orders();
    return orders.kind === 'listed' ? orders.items : [];
  }

  protected shortId(id: string): string {
    return shortOrderId(id);
  }

  protected price(totalMinor: number, currency: string): string {
    return formatPrice(totalMinor, currency, this.locale());
  }

  protected date(iso: string): string {
    return formatOrderDate(iso, this.locale());
  }

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
}
