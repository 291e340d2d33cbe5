import { describe, expect, it } from 'vitest';
import { fragmentRoot, toPodiumContext } from '../src/index.js';

describe('fragment markup helpers', () => {
  it('when data values hold quotes or tags, the root element escapes them', () => {
    const html = fragmentRoot('cart', '<p>x</p>', { 'page-path': '/a"><script>alert(1)</script>' });

    expect(html).toBe(
      '<div data-fragment="cart" data-page-path="/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"><p>x</p></div>',
    );
  });

  it('when the podium-locale header is malformed, the context falls back to en-US', () => {
    expect(toPodiumContext({ locale: '!!not a locale' }).locale).toBe('en-US');
    expect(toPodiumContext({ locale: 'de-de' }).locale).toBe('de-DE');
    expect(toPodiumContext(undefined).locale).toBe('en-US');
  });
});
