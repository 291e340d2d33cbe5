import { ChangeDetectionStrategy, Component, input, linkedSignal } from '@angular/core';
import type { SessionUserView } from '@storefront/store';
import type { NotificationsState, ProfileState } from '../render-contract.js';
import type { ProfileView } from './account-api.js';
import { AddressesComponent } from './addresses.component.js';
import { NotificationListComponent } from './notification-list.component.js';
import { PasswordFormComponent } from './password-form.component.js';
import { PreferencesFormComponent } from './preferences-form.component.js';
import { ProfileFormComponent } from './profile-form.component.js';
import { RoleBadgeComponent } from './role-badge.component.js';
import { SessionActionsComponent } from './session-actions.component.js';

export type AccountView = 'account' | 'profile' | 'notifications';

const PROFILE_PAGE = '/account/profile';

const PAGES: { view: AccountView; href: string; label: string }[] = [
  { view: 'account', href: '/account', label: 'Overview' },
  { view: 'profile', href: PROFILE_PAGE, label: 'Profile and settings' },
  { view: 'notifications', href: '/account/notifications', label: 'Notifications' },
];

/** The signed-in visitor's account pages: `/account`, `/account/profile`, `/account/notifications`. */
@Component({
  selector: 'sf-account',
  imports: [
    AddressesComponent,
    NotificationListComponent,
    PasswordFormComponent,
    PreferencesFormComponent,
    ProfileFormComponent,
    RoleBadgeComponent,
    SessionActionsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="profile" data-testid="profile" aria-labelledby="user-dashboard-profile-title">
      <h2 id="user-dashboard-profile-title">Signed in as {{ user().name }}</h2>
      <p class="profile-email" data-testid="profile-email">{{ user().email }}</p>
      <sf-role-badge [role]="user().role" />
      <nav class="account-nav" aria-label="Your account">
        <ul>
          @for (page of pages; track page.view) {
            <li>
              <a [attr.href]="page.href" [attr.aria-current]="page.view === view() ? 'page' : null">{{
                page.label
              }}</a>
            </li>
          }
        </ul>
      </nav>
      <sf-session-actions [csrfToken]="csrfToken()" [everywhere]="true" />
    </section>
    @switch (view()) {
      @case ('account') {
        <section
          class="profile-summary"
          data-testid="profile-summary"
          aria-labelledby="user-dashboard-summary-title"
        >
          <h3 id="user-dashboard-summary-title">Your profile</h3>
          @if (loaded(); as profile) {
            <dl>
              <dt>Name</dt>
              <dd>{{ profile.name }}</dd>
              <dt>Phone</dt>
              <dd data-testid="profile-phone">{{ profile.phone ?? 'Not set' }}</dd>
              <dt>Addresses</dt>
              <dd data-testid="profile-address-count">{{ profile.addresses.length }} saved</dd>
            </dl>
          } @else if (profileState().kind === 'unavailable') {
            <p class="profile-unavailable" role="status">Your profile is unavailable right now.</p>
          }
          <p><a href="/account/profile">Edit your profile and settings</a></p>
        </section>
        <section
          class="notifications"
          data-testid="recent-notifications"
          aria-labelledby="user-dashboard-recent-notifications-title"
        >
          <h3 id="user-dashboard-recent-notifications-title">Latest notifications</h3>
          <sf-notification-list [notifications]="notifications()" [locale]="locale()" />
          <p><a href="/account/notifications">All notifications</a></p>
        </section>
      }
      @case ('profile') {
        @if (loaded(); as profile) {
          <sf-profile-form
            [profile]="profile"
            [csrfToken]="csrfToken()"
            [redirect]="profilePage()"
            (profileSaved)="saved($event)"
          />
          <sf-addresses
            [addresses]="profile.addresses"
            [csrfToken]="csrfToken()"
            [redirect]="profilePage()"
            (profileSaved)="saved($event)"
          />
          <sf-preferences-form
            [preferences]="profile.preferences"
            [csrfToken]="csrfToken()"
            [redirect]="profilePage()"
            (profileSaved)="saved($event)"
          />
        } @else if (profileState().kind === 'unavailable') {
          <p class="profile-unavailable" role="status">Your profile is unavailable right now.</p>
        } @else {
          <p class="profile-loading" role="status">Loading your profile…</p>
        }
        <sf-password-form [csrfToken]="csrfToken()" [redirect]="profilePage()" />
      }
      @case ('notifications') {
        <section
          class="notifications"
          data-testid="notifications"
          aria-labelledby="user-dashboard-notifications-title"
        >
          <h3 id="user-dashboard-notifications-title">Your notifications</h3>
          <sf-notification-list [notifications]="notifications()" [locale]="locale()" />
        </section>
      }
    }
  `,
})
export class AccountComponent {
  readonly view = input.required<AccountView>();
  readonly user = input.required<SessionUserView>();
  readonly profileState = input.required<ProfileState>();
  readonly notifications = input.required<NotificationsState>();
  readonly csrfToken = input.required<string>();
  readonly pagePath = input.required<string>();
  readonly locale = input.required<string>();

  protected readonly pages = PAGES;

  /** The profile as last saved: the server's, then each answer of a save. */
  protected readonly loaded = linkedSignal<ProfileView | null>(() => {
    const state = this.profileState();
    return state.kind === 'loaded' ? state.profile : null;
  });

  /** Where the profile page's plain form posts come back to: this page, without its query. */
  protected profilePage(): string {
    return (this.pagePath() || PROFILE_PAGE).split('?')[0]!;
  }

  protected saved(profile: ProfileView): void {
    this.loaded.set(profile);
  }
}
