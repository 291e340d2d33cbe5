import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { Address } from '@storefront/contracts';
import {
  ADDRESSES_URL,
  addressUrl,
  removeAddressUrl,
  updateProfile,
  type FailureMessage,
  type ProfileView,
} from './account-api.js';
import { AddressFormComponent } from './address-form.component.js';
import { DASHBOARD_INPUT, SESSION_PORT } from './dashboard-context.js';
import { FormErrorComponent } from './form-error.component.js';
import { initialFailure, type FormName } from './form-failure.js';

/** The most addresses an account keeps (`updateProfileRequest`: addresses max 10). */
export const MAX_ADDRESSES = 10;

/** Which form a failure belongs to: an address being edited (its index), the new one, or the list (remove). */
type Target = number | 'new' | 'list';

/** The `_form` name of each target's form: a no-JS failure comes back naming it. */
const formNameOf = (target: Target): FormName =>
  target === 'new' ? 'address-new' : target === 'list' ? 'address-list' : `address-${target}`;

function targetOf(form: string | undefined): Target | null {
  if (form === 'address-new') return 'new';
  if (form === 'address-list') return 'list';
  const index = /^address-(\d{1,2})$/.exec(form ?? '')?.[1];
  return index === undefined ? null : Number(index);
}

/**
 * The saved addresses: add, edit, remove. Without JavaScript each is a plain form post to its own route (and
 * "Edit" a link to `?edit=<index>`); with it, each change saves the whole list with `PATCH /api/users/me`.
 */
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
                [action]="editAction(index)"
                [formName]="formName(index)"
                [csrfToken]="csrfToken()"
                [redirect]="redirect()"
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
                <a class="button secondary" [attr.href]="editLink(index)" (click)="edit(index, $event)">
                  Edit<span class="visually-hidden"> {{ address.label }}</span>
                </a>
                <form
                  class="address-remove"
                  method="post"
                  [attr.action]="removeAction(index)"
                  (submit)="remove(index, $event)"
                >
                  <input type="hidden" name="_csrf" [attr.value]="csrfToken()" />
                  <input type="hidden" name="_form" value="address-list" />
                  <input type="hidden" name="_redirect" [attr.value]="redirect()" />
                  <button type="submit" class="secondary" [disabled]="pending()">
                    Remove<span class="visually-hidden"> {{ address.label }}</span>
                  </button>
                </form>
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
            [action]="addAction"
            formName="address-new"
            [csrfToken]="csrfToken()"
            [redirect]="redirect()"
            heading="Add an address"
            submitLabel="Add address"
            [disabled]="pending()"
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
    </section>
  `,
})
export class AddressesComponent {
  readonly addresses = input.required<Address[]>();
  readonly csrfToken = input.required<string>();
  /** The page the plain form posts come back to (without a query). */
  readonly redirect = input.required<string>();
  readonly profileSaved = output<ProfileView>();

  protected readonly max = MAX_ADDRESSES;
  protected readonly addAction = ADDRESSES_URL;
  private readonly port = inject(SESSION_PORT);
  private readonly page = inject(DASHBOARD_INPUT);
  protected readonly pending = signal(false);
  protected readonly saved = signal(false);
  /** A new key renders a fresh, empty "Add an address" form after one was added. */
  protected readonly newFormKey = signal(0);
  private readonly failure = signal<{ target: Target; failure: FailureMessage } | null>(
    this.failureSentBack(),
  );
  /** The address being edited: `?edit=<index>` (a no-JS "Edit"), the one whose no-JS save failed, or none. */
  protected readonly editing = signal<number | null>(
    typeof this.failure()?.target === 'number' ? (this.failure()!.target as number) : this.page.editAddress,
  );

  private failureSentBack(): { target: Target; failure: FailureMessage } | null {
    const target = targetOf(this.page.formFailure?.form);
    const failure = target === null ? null : initialFailure(formNameOf(target));
    return target === null || !failure ? null : { target, failure };
  }

  protected formName(index: number): string {
    return formNameOf(index);
  }

  protected editAction(index: number): string {
    return addressUrl(index);
  }

  protected removeAction(index: number): string {
    return removeAddressUrl(index);
  }

  protected editLink(index: number): string {
    return `${this.redirect()}?edit=${index}#user-dashboard-address-${index}-title`;
  }

  protected failureFor(target: Target): FailureMessage | null {
    const current = this.failure();
    return current && current.target === target ? current.failure : null;
  }

  /**
   * The form wants `<field>`: the PATCH names fields as `addresses.<index>.<field>`, a form route (one address) as
   * `<field>` already.
   */
  protected fieldErrorsFor(target: Target, index: number): Record<string, string> {
    const fields = this.failureFor(target)?.fields ?? {};
    const prefix = `addresses.${index}.`;
    return Object.fromEntries(
      Object.entries(fields).flatMap(([path, message]) =>
        path.startsWith(prefix)
          ? [[path.slice(prefix.length), message]]
          : path.includes('.')
            ? []
            : [[path, message]],
      ),
    );
  }

  protected edit(index: number, event: MouseEvent): void {
    event.preventDefault();
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

  protected remove(index: number, event: SubmitEvent): Promise<void> {
    event.preventDefault();
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
