const MARKER = 'nghm';

/**
 * Angular's hydration refuses to start unless its SSR integrity comment (`<!--nghm-->`, a guard against CDNs that
 * strip comments) is a child of <body>. In a composed page the fragment sits inside the layout's slot, so the
 * marker Angular rendered cannot be there; the comments inside the fragment itself reach the browser intact (nginx
 * SSI and @podium/layout pass the HTML through unchanged), so adding the marker here is safe.
 */
export function ensureSsrIntegrityMarker(doc: Document): void {
  for (const node of doc.body.childNodes) {
    if (node.nodeType === Node.COMMENT_NODE && node.textContent?.trim() === MARKER) return;
  }
  doc.body.append(doc.createComment(MARKER));
}
