import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { SessionUserView } from '@storefront/store';
import { formatDate, formatPrice, shortOrderId } from '@storefront/contracts/format';
import type { OrdersView } from './orders-view.js';
import { RoleBadgeComponent } from './role-badge.component.js';
import { SessionActionsComponent } from './session-actions.component.js';

@Component({
  selector: 'sf-profile',
  imports: [RoleBadgeComponent, SessionActionsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="profile" data-testid="profile" aria-labelledby="user-dashboard-profile-title">
      <h2 id="user-dashboard-profile-title">Signed in as {{ user().name }}</h2>
      <p class="profile-email" data-testid="profile-email">{{ user().email }}</p>
      <sf-role-badge [role]="user().role" />
      <p class="account-link"><a href="/account">Your account</a></p>
      <sf-session-actions [csrfToken]="csrfToken()" />
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
                <span class="order-id" [attr.title]="order.id">{{ shortOrderId(order.id) }}</span>
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
  protected readonly shortOrderId = shortOrderId;

  protected listed() {
    const orders = this.orders();
    return orders.kind === 'listed' ? orders.items : [];
  }

  protected price(totalMinor: number, currency: string): string {
    return formatPrice(totalMinor, currency, this.locale());
  }

  protected date(iso: string): string {
    return formatDate(iso, this.locale());
  }
}
