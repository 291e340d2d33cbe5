import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SessionUserView } from '@storefront/store';

const ROLE_LABELS: Partial<Record<SessionUserView['role'], string>> = { editor: 'Editor', admin: 'Admin' };

/** Editors and admins see their role and the way to the product editor; customers see nothing here. */
@Component({
  selector: 'sf-role-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (label(); as label) {
      <p class="role">
        <span class="role-badge" data-testid="role-badge" [attr.data-role]="role()">{{ label }}</span>
        <a class="editor-link" data-testid="editor-link" href="/editor">Open the product editor</a>
      </p>
    }
  `,
})
export class RoleBadgeComponent {
  readonly role = input.required<SessionUserView['role']>();
  protected readonly label = computed(() => ROLE_LABELS[this.role()] ?? null);
}
