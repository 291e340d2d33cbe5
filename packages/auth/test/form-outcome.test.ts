import { describe, expect, it } from 'vitest';
import { readFormFailure, withFormFailure, withoutFormOutcome } from '../src/form-outcome.js';

describe('the outcome of a failed form post, carried in the page URL', () => {
  it('when a failure is written and read back, status, form, fields and retry survive', () => {
    const url = withFormFailure('/account/profile?tab=1#addresses', {
      status: 400,
      form: 'address-new',
      fields: ['city', 'addresses.0.country'],
      retryAfterSeconds: 90,
    });

    expect(url).toBe(
      '/account/profile?tab=1&form_error=400&form=address-new&form_fields=city%2Caddresses.0.country&form_retry=90#addresses',
    );
    expect(readFormFailure(new URLSearchParams(url.split('?')[1]!.split('#')[0]))).toEqual({
      status: 400,
      form: 'address-new',
      fields: ['city', 'addresses.0.country'],
      retryAfterSeconds: 90,
    });
  });

  it('when the query was made by hand, only what looks like a failure is read', () => {
    expect(readFormFailure(new URLSearchParams('form_error=200'))).toBeNull();
    expect(readFormFailure(new URLSearchParams('form_error=<b>'))).toBeNull();
    expect(
      readFormFailure(
        new URLSearchParams('form_error=401&form=<script>&form_fields=name,<img>,a b&form_retry=soon'),
      ),
    ).toEqual({ status: 401, fields: ['name'] });
  });

  it('when a page URL already carries an outcome, a new one replaces it and a success drops it', () => {
    const failed = '/signin?next=%2Fcart&form_error=401&form=sign-in';

    expect(withFormFailure(failed, { status: 429, fields: [] })).toBe('/signin?next=%2Fcart&form_error=429');
    expect(withoutFormOutcome(failed)).toBe('/signin?next=%2Fcart');
  });
});
