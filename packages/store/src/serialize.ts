import type { SliceName, StorefrontState } from './store.js';

const unsafe: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON that is safe inside a <script> element: with <, > and & escaped no text can close the element or open a
 * comment, and escaping U+2028/9 keeps older parsers from seeing a line break. JSON.parse restores them all.
 */
export function escapeJsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => unsafe[char]!);
}

export function serializeSlice<N extends SliceName>(name: N, state: StorefrontState[N]): string {
  return `<script type="application/json" data-store-slice="${name}">${escapeJsonForHtml(state)}</script>`;
}
