import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { Address } from '@storefront/contracts';
import { updateProfile, type FailureMessage, type ProfileView } from './account-api.js';
import { AddressFormComponent } from './address-form.component.js';
import { SESSION_PORT } from './dashboard-context.js';
import { enhancedSignal } from './enhanced.js';
import { FormErrorComponent } from './form-error.component.js';

/** The most addresses an account keeps (`updateProfileRequest`: addresses max 10). */
export const MAX_ADDRESSES = 10;

/** Which form a failure belongs to: an address being edited (its index), the new one, or the list (remove). */
type Target = number | 'new' | 'list';

/** The saved addresses: add, edit, remove; each change saves the whole list with `PATCH /api/users/me`. */
@Component({
  selector: 'sf-addresses',
  imports: [AddressFormComponent, FormErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="addresses" data-testid="addresses" aria-labelledby="user-dashboard-addresses-title">
      <h3 id="user-dashboard-addresses-title">Addresses</h3>
      <ul class="address-list">
        @for (address of addresses(); track $index; let index = $index) {
          <li class="address" data-testid="address">
            @if (editing() === index) {
              <sf-address-form
                [idPrefix]="'user-dashboard-address-' + index"
                heading="Edit address"
                submitLabel="Save address"
                [address]="address"
                [cancellable]="true"
                [disabled]="pending()"
                [failure]="failureFor(index)"
                [fieldErrors]="fieldErrorsFor(index, index)"
                (submitted)="save(index, $event)"
                (cancelled)="editing.set(null)"
              />
            } @else {
              <p class="address-text">
                <strong>{{ address.label }}</strong><br />
                {{ address.line1 }}<br />
                @if (address.line2) {
                  {{ address.line2 }}<br />
                }
                {{ address.postalCode }} {{ address.city }}, {{ address.country }}
              </p>
              <div class="form-actions">
                <button
                  type="button"
                  class="secondary"
                  [disabled]="!enhanced() || pending()"
                  (click)="edit(index)"
                >
                  Edit<span class="visually-hidden"> {{ address.label }}</span>
                </button>
                <button
                  type="button"
                  class="secondary"
                  [disabled]="!enhanced() || pending()"
                  (click)="remove(index)"
                >
                  Remove<span class="visually-hidden"> {{ address.label }}</span>
                </button>
              </div>
            }
          </li>
        } @empty {
          <li class="addresses-empty">You have no saved addresses yet.</li>
        }
      </ul>
      @if (failureFor('list'); as failure) {
        <sf-form-error [failure]="failure" />
      }
      @if (saved()) {
        <p class="account-saved" role="status">Your addresses were saved.</p>
      }
      @if (addresses().length < max) {
        @for (key of [newFormKey()]; track key) {
          <sf-address-form
            data-testid="address-form"
            idPrefix="user-dashboard-address-new"
            heading="Add an address"
            submitLabel="Add address"
            [disabled]="!enhanced() || pending()"
            [failure]="failureFor('new')"
            [fieldErrors]="fieldErrorsFor('new', addresses().length)"
            (submitted)="add($event)"
          />
        }
      } @else {
        <p class="addresses-full" data-testid="addresses-full">
          You have {{ max }} addresses, the most you can keep. Remove one to add another.
        </p>
      }
      @if (!enhanced()) {
        <p class="needs-js">Changing your addresses needs JavaScript.</p>
      }
    </section>
  `,
})
export class AddressesComponent {
  readonly addresses = input.required<Address[]>();
  readonly profileSaved = output<ProfileView>();

  protected readonly max = MAX_ADDRESSES;
  private readonly port = inject(SESSION_PORT);
  protected readonly enhanced = enhancedSignal();
  protected readonly pending = signal(false);
  protected readonly saved = signal(false);
  protected readonly editing = signal<number | null>(null);
  /** A new key renders a fresh, empty "Add an address" form after one was added. */
  protected readonly newFormKey = signal(0);
  private readonly failure = signal<{ target: Target; failure: FailureMessage } | null>(null);

  protected failureFor(target: Target): FailureMessage | null {
    const current = this.failure();
    return current && current.target === target ? current.failure : null;
  }

  /** The service names fields as `addresses.<index>.<field>`; the form wants `<field>`. */
  protected fieldErrorsFor(target: Target, index: number): Record<string, string> {
    const fields = this.failureFor(target)?.fields ?? {};
    const prefix = `addresses.${index}.`;
    return Object.fromEntries(
      Object.entries(fields)
        .filter(([path]) => path.startsWith(prefix))
        .map(([path, message]) => [path.slice(prefix.length), message]),
    );
  }

  protected edit(index: number): void {
    this.failure.set(null);
    this.saved.set(false);
    this.editing.set(index);
  }

  protected add(address: Address): Promise<void> {
    return this.saveList([...this.addresses(), address], 'new');
  }

  protected save(index: number, address: Address): Promise<void> {
    return this.saveList(
      this.addresses().map((existing, at) => (at === index ? address : existing)),
      index,
    );
  }

  protected remove(index: number): Promise<void> {
    return this.saveList(
      this.addresses().filter((_, at) => at !== index),
      'list',
    );
  }

  private async saveList(addresses: Address[], target: Target): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    this.saved.set(false);
    this.failure.set(null);
    const outcome = await updateProfile({ addresses }, this.port.csrfHeaders(), this.port.send);
    this.pending.set(false);
    if (outcome.kind === 'failed') {
      this.failure.set({ target, failure: outcome });
      return;
    }
    this.editing.set(null);
    if (target === 'new') this.newFormKey.update((key) => key + 1);
    this.saved.set(true);
    this.profileSaved.emit(outcome.profile);
  }
}
