import { describe, expect, it } from 'vitest';
import { escapeJsonForHtml, serializeSlice } from '../src/serialize.js';

describe('serializing a slice into the page', () => {
  it('when a product name tries to close the script element, the markup stays inert and the data survives', () => {
    const name = '</script><script>alert(1)</script><!-- & \u2028\u2029';
    const html = serializeSlice('catalog', { products: [], page: 1, pageSize: 24, total: 0, name } as never);

    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<!--');
    expect(html).not.toMatch(/[\u2028\u2029]/);
    const json = html.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    expect(JSON.parse(json).name).toBe(name);
  });

  it('when the state is plain, the script is marked with its slice name for the browser store', () => {
    expect(serializeSlice('session', { user: null })).toBe(
      '<script type="application/json" data-store-slice="session">{"user":null}</script>',
    );
    expect(escapeJsonForHtml({ a: '&' })).toBe('{"a":"\\u0026"}');
  });
});
