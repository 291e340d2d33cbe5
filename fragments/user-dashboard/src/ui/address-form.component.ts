import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Address } from '@storefront/contracts';
import type { FailureMessage } from './account-api.js';
import { FormErrorComponent } from './form-error.component.js';
import { formFields } from './form-fields.js';

const FIELDS = [
  { key: 'label', label: 'Label (e.g. Home)', autocomplete: 'off', maxlength: 40, required: true },
  { key: 'line1', label: 'Street and number', autocomplete: 'address-line1', maxlength: 120, required: true },
  {
    key: 'line2',
    label: 'Address line 2 (optional)',
    autocomplete: 'address-line2',
    maxlength: 120,
    required: false,
  },
  { key: 'city', label: 'City', autocomplete: 'address-level2', maxlength: 80, required: true },
  { key: 'postalCode', label: 'Postal code', autocomplete: 'postal-code', maxlength: 16, required: true },
  {
    key: 'country',
    label: 'Country code (2 letters, e.g. DE)',
    autocomplete: 'country',
    maxlength: 2,
    required: true,
  },
] as const;

type FieldKey = (typeof FIELDS)[number]['key'];

/**
 * One address, for adding or editing: a plain form post to `action` without JavaScript (303 back to `redirect`);
 * with it, the list around it saves the whole list with `PATCH /api/users/me`.
 */
@Component({
  selector: 'sf-address-form',
  imports: [FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="account-form address-form"
      method="post"
      [attr.action]="action()"
      [attr.aria-labelledby]="idPrefix() + '-title'"
      (submit)="submit($event)"
    >
      <h4 [id]="idPrefix() + '-title'">{{ heading() }}</h4>
      <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
      <input type="hidden" name="_form" [attr.value]="formName()" />
      <input type="hidden" name="_redirect" [attr.value]="redirect()" />
      @for (field of fields; track field.key) {
        <label [attr.for]="idPrefix() + '-' + field.key">{{ field.label }}</label>
        <input
          [id]="idPrefix() + '-' + field.key"
          [attr.name]="field.key"
          [attr.autocomplete]="field.autocomplete"
          [attr.maxlength]="field.maxlength"
          [required]="field.required"
          [attr.value]="valueOf(field.key)"
          [attr.aria-invalid]="errorOf(field.key) ? 'true' : null"
          [attr.aria-describedby]="errorOf(field.key) ? idPrefix() + '-' + field.key + '-error' : null"
        />
        @if (errorOf(field.key); as message) {
          <p class="field-error" [id]="idPrefix() + '-' + field.key + '-error'">{{ message }}</p>
        }
      }
      @if (failure(); as failure) {
        <sf-form-error [failure]="failure" [showFields]="false" />
      }
      <div class="form-actions">
        <button type="submit" [disabled]="disabled()">{{ submitLabel() }}</button>
        @if (cancellable()) {
          <a class="button secondary" [attr.href]="redirect()" (click)="cancel($event)">Cancel</a>
        }
      </div>
    </form>
  `,
})
export class AddressFormComponent {
  /** Prefix of the element ids, unique on the page. */
  readonly idPrefix = input.required<string>();
  /** Where the plain form post goes (`POST /api/users/me/addresses[/<index>]`), its `_form` name and page. */
  readonly action = input.required<string>();
  readonly formName = input.required<string>();
  readonly csrfToken = input.required<string>();
  readonly redirect = input.required<string>();
  readonly heading = input.required<string>();
  readonly submitLabel = input.required<string>();
  readonly address = input<Address | null>(null);
  readonly disabled = input(false);
  readonly cancellable = input(false);
  readonly failure = input<FailureMessage | null>(null);
  /** Field errors by field name (`city`), already narrowed to this address. */
  readonly fieldErrors = input<Record<string, string>>({});
  readonly submitted = output<Address>();
  readonly cancelled = output<void>();

  protected readonly fields = FIELDS;

  protected valueOf(key: FieldKey): string {
    return this.address()?.[key] ?? '';
  }

  protected errorOf(key: FieldKey): string | null {
    return this.fieldErrors()[key] ?? null;
  }

  protected cancel(event: MouseEvent): void {
    event.preventDefault();
    this.cancelled.emit();
  }

  protected submit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.disabled()) return;
    const {
      label = '',
      line1 = '',
      line2 = '',
      city = '',
      postalCode = '',
      country = '',
    } = formFields(event);
    const address: Address = {
      label: label.trim(),
      line1: line1.trim(),
      ...(line2.trim() ? { line2: line2.trim() } : {}),
      city: city.trim(),
      postalCode: postalCode.trim(),
      country: country.trim().toUpperCase(),
    };
    this.submitted.emit(address);
  }
}
