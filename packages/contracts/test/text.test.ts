import { describe, expect, it } from 'vitest';
import { createProductRequest, registerRequest, updateProductRequest } from '../src/index.js';

const product = {
  slug: 'storm-lantern',
  name: 'Storm Lantern',
  priceMinor: 4590,
  category: 'outdoors',
};

const messageAt = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('text people type', () => {
  it('when a description has paragraphs and tabs, they are kept', () => {
    const description = 'Brass handle.\r\n\r\nBurns\t12 hours.';

    const parsed = createProductRequest.parse({ ...product, description });

    expect(parsed.description).toBe(description);
  });

  it('when a description holds a NUL byte or another control character, it is refused naming the field', () => {
    for (const description of ['a\u0000b', 'bell\u0007', 'escape\u001b[31m', 'delete\u007f']) {
      const result = createProductRequest.safeParse({ ...product, description });

      expect(messageAt(result), JSON.stringify(description)).toEqual([
        'description: must not contain control characters other than line breaks',
      ]);
    }
  });

  it('when a one-line field holds a line break or a NUL byte, it is refused naming the field', () => {
    expect(messageAt(updateProductRequest.safeParse({ name: 'Lantern\nBcc: x@example.test' }))).toEqual([
      'name: must not contain control characters',
    ]);
    expect(
      messageAt(updateProductRequest.safeParse({ images: [{ url: '/a.svg', alt: 'a\u0000' }] })),
    ).toEqual(['images.0.alt: must not contain control characters']);
    // zod names a record's refused key in words of its own.
    expect(messageAt(updateProductRequest.safeParse({ attributes: { 'colour\u0000': 'red' } }))).toEqual([
      expect.stringMatching(/^attributes\.colour.: /),
    ]);
    expect(messageAt(updateProductRequest.safeParse({ attributes: { colour: 'red\u0000' } }))).toEqual([
      'attributes.colour: must not contain control characters',
    ]);
    expect(
      messageAt(
        registerRequest.safeParse({ email: 'a@example.test', password: 'long enough', name: 'Al\rice' }),
      ),
    ).toEqual(['name: must not contain control characters']);
  });

  it('when one-line text is padded, it is trimmed; letters of any script are kept', () => {
    const parsed = updateProductRequest.parse({ name: '  Laterne «Sturm» 灯  ' });

    expect(parsed.name).toBe('Laterne «Sturm» 灯');
  });
});
