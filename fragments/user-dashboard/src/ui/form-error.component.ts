import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FailureMessage } from './account-api.js';

@Component({
  selector: 'sf-form-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'account-error', role: 'alert' },
  template: `
    <p>{{ failure().message }}</p>
    @if (showFields() && failure().fieldErrors.length > 0) {
      <ul>
        @for (error of failure().fieldErrors; track $index) {
          <li>{{ error }}</li>
        }
      </ul>
    }
  `,
})
export class FormErrorComponent {
  readonly failure = input.required<FailureMessage>();
  /** False where the form shows each field's error next to the field instead. */
  readonly showFields = input(true);
}
