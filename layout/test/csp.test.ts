// The layout writes the page's policy itself only where no nginx is in front (next dev, COMPOSITION=podium); behind
// the gateway nginx's equal policy replaces it. The two are kept in two deployables, so this keeps them equal.
import { describe, expect, it } from 'vitest';
import { cspDirectives } from '../../nginx/render.mjs';
import { pagePolicy } from '../src/lib/csp.js';

describe("the layout's page policy", () => {
  it("is the gateway's page policy, nonce for nonce", () => {
    const nonce = 'aGVsbG8tbm9uY2U';
    expect(pagePolicy(nonce)).toBe(cspDirectives(`script-src 'self' 'nonce-${nonce}'`));
  });
});
