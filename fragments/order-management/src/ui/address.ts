import type { Address } from '@storefront/contracts';

export const NEW_ADDRESS = 'new';

export interface FieldError {
  field: string;
  message: string;
}

/** Where the checkout stands: no address chosen yet, one chosen (from the profile or typed in), or a bad one. */
export type AddressChoice =
  { kind: 'none' } | { kind: 'chosen'; address: Address } | { kind: 'invalid'; errors: FieldError[] };

export const newAddressFields = [
  { name: 'label', label: 'Name for this address', max: 40, required: false, autocomplete: 'off' },
  { name: 'line1', label: 'Street and number', max: 120, required: true, autocomplete: 'address-line1' },
  {
    name: 'line2',
    label: 'Address line 2 (optional)',
    max: 120,
    required: false,
    autocomplete: 'address-line2',
  },
  { name: 'city', label: 'City', max: 80, required: true, autocomplete: 'address-level2' },
  { name: 'postalCode', label: 'Postal code', max: 16, required: true, autocomplete: 'postal-code' },
  { name: 'country', label: 'Country code (two letters)', max: 2, required: true, autocomplete: 'country' },
] as const;

/**
 * The address the visitor chose, from the address form's fields (`address` = an index into their profile's
 * addresses or `new`, plus the new address's fields). The same rules as the user service's addressSchema.
 */
export function chooseAddress(fields: Record<string, string>, addresses: readonly Address[]): AddressChoice {
  const choice = fields.address;
  if (choice === undefined) return { kind: 'none' };
  if (/^\d+$/.test(choice) && addresses[Number(choice)]) {
    return { kind: 'chosen', address: addresses[Number(choice)]! };
  }
  if (choice !== NEW_ADDRESS) {
    return { kind: 'invalid', errors: [{ field: 'address', message: 'Choose a delivery address.' }] };
  }
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors: FieldError[] = [];
  for (const field of newAddressFields) {
    const text = value(field.name);
    if (field.required && !text) errors.push({ field: field.name, message: `${field.label} is required.` });
    else if (text.length > field.max)
      errors.push({ field: field.name, message: `${field.label} is at most ${field.max} characters.` });
  }
  const country = value('country').toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) {
    errors.push({ field: 'country', message: 'Country code must be two letters, such as DE or FR.' });
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'chosen',
    address: {
      label: value('label') || 'New address',
      line1: value('line1'),
      ...(value('line2') ? { line2: value('line2') } : {}),
      city: value('city'),
      postalCode: value('postalCode'),
      country,
    },
  };
}

export const addressLines = (address: Address): string[] =>
  [address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country].filter(
    (line): line is string => Boolean(line),
  );
