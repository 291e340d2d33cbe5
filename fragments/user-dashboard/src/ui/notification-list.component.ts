import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { NotificationSummary, NotificationsState } from '../render-contract.js';
import { formatDate } from '@storefront/contracts/format';

const STATUS_LABELS: Record<NotificationSummary['status'], string> = {
  sent: 'Sent',
  suppressed: 'Not sent (turned off or no address)',
  failed: 'Failed',
};

const CHANNEL_LABELS: Record<NotificationSummary['channel'], string> = { email: 'Email', sms: 'SMS' };

/** The delivery log: what the shop told the visitor, by which channel, and what became of it. */
@Component({
  selector: 'sf-notification-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (notifications().kind) {
      @case ('unavailable') {
        <p class="notifications-unavailable" role="status">Notifications are unavailable right now.</p>
      }
      @default {
        <ol class="notification-list">
          @for (item of listed(); track item.id) {
            <li class="notification" data-testid="notification" [attr.data-status]="item.status">
              <span class="notification-subject">{{ item.subject }}</span>
              <span class="notification-channel" [attr.data-channel]="item.channel">{{
                channelLabel(item.channel)
              }}</span>
              <span class="notification-status" [attr.data-status]="item.status">{{
                statusLabel(item.status)
              }}</span>
              <time class="notification-date" [attr.datetime]="item.createdAt">{{
                date(item.createdAt)
              }}</time>
            </li>
          } @empty {
            <li class="notifications-empty">You have no notifications yet.</li>
          }
        </ol>
      }
    }
  `,
})
export class NotificationListComponent {
  readonly notifications = input.required<NotificationsState>();
  readonly locale = input.required<string>();

  protected listed(): NotificationSummary[] {
    const notifications = this.notifications();
    return notifications.kind === 'listed' ? notifications.items : [];
  }

  protected statusLabel(status: NotificationSummary['status']): string {
    return STATUS_LABELS[status];
  }

  protected channelLabel(channel: NotificationSummary['channel']): string {
    return CHANNEL_LABELS[channel];
  }

  protected date(iso: string): string {
    return formatDate(iso, this.locale(), { withTime: true });
  }
}
