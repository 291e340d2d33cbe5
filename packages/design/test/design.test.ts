import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESIGN_STYLESHEET_PATH, designCss } from '../dist/index.js';

const source = readFileSync(new URL('../src/design.css', import.meta.url), 'utf8');

describe('the design system stylesheet', () => {
  it('when built, its URL carries the hash of its content, so it can be cached for ever', () => {
    const hash = createHash('sha256').update(designCss).digest('hex').slice(0, 12);

    expect(DESIGN_STYLESHEET_PATH).toBe(`/_shared/design.${hash}.css`);
    expect(readFileSync(new URL('../dist/design.css', import.meta.url), 'utf8').trim()).toBe(designCss);
  });

  it('when a page loads it, it stays small enough to inline (under 6 kB)', () => {
    expect(designCss.length).toBeLessThan(6_000);
    expect(designCss).not.toContain('/*');
  });

  it('when built, it keeps every custom property of the source', () => {
    const tokens = [...source.matchAll(/(--sf-[a-z0-9-]+):/g)].map((match) => match[1]);

    expect(tokens.length).toBeGreaterThan(20);
    for (const token of tokens) expect(designCss).toContain(`${token}:`);
  });

  it('when fragments add their own rules, the design sits in its own cascade layer beneath them', () => {
    expect(designCss.startsWith('@layer sf-design{')).toBe(true);
  });
});
