const escapes: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
};

export const escapeHtml = (value: string) => value.replace(/[&"'<>]/g, (char) => escapes[char]!);

/**
 * The element a fragment's client bundle hydrates: `<div data-fragment="<name>" data-…>`. The framework renders
 * its children only, so state slices and scripts placed after it stay outside the hydrated tree.
 */
export function fragmentRoot(name: string, innerHtml: string, data: Record<string, string> = {}): string {
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join('');
  return `<div data-fragment="${escapeHtml(name)}"${attributes}>${innerHtml}</div>`;
}
