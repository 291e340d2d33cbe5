// The shell is HTML and CSS with one small script of its own (src/browser/shell.ts): nothing in it needs React in
// the browser, yet Next.js always sends its client runtime (React, its router, the page's flight data: about
// 140 KiB compressed, more than the page's whole budget) and hydrates the document with it. The fragments bring
// their own frameworks, on need. So the layout's pages leave without Next's scripts; the rest of the document is
// passed on byte for byte.
//
// The document is React's serialization, where text and attribute values never hold a raw `<` (React escapes it,
// and Next's inline data escapes it as \u003c): every `<script` and `<link` in it starts an element, so one scan
// for those elements finds all there are. An HTML parser would find the same at about twenty times the cost
// (parse5's rewriter: 15 ms for a 110 KB page, more than rendering it).

const NEXT_ASSETS = '/_next/';
/** How Next's inline scripts begin: the flight data (the page again, for hydration) and the bundler's runtime. */
const NEXT_INLINE_SCRIPTS = [
  '(self.__next_f=',
  'self.__next_f.push(',
  '(globalThis["TURBOPACK"]',
  '(self.__next_s=',
];
const ELEMENTS = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>|<link\b([^>]*)>/gi;

/** One pattern per attribute read, made once: they run for every script and link of every page. */
const ATTRIBUTE_PATTERNS = new Map(
  ['src', 'rel', 'as', 'href'].map((name) => [
    name,
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i'),
  ]),
);

const attribute = (attributes, name) =>
  ATTRIBUTE_PATTERNS.get(name)
    .exec(attributes)
    ?.slice(1)
    .find((value) => value !== undefined);

function isNextScript(attributes, body) {
  const src = attribute(attributes, 'src');
  return src !== undefined
    ? src.startsWith(NEXT_ASSETS)
    : NEXT_INLINE_SCRIPTS.some((start) => body.trimStart().startsWith(start));
}

const isNextPreload = (attributes) =>
  attribute(attributes, 'rel') === 'preload' &&
  attribute(attributes, 'as') === 'script' &&
  (attribute(attributes, 'href')?.startsWith(NEXT_ASSETS) ?? false);

/** `html` (a whole document) without the scripts Next.js adds to it and the preloads of those scripts. */
export function withoutNextRuntime(html) {
  return html.replace(ELEMENTS, (element, scriptAttributes, body, linkAttributes) =>
    (scriptAttributes !== undefined ? isNextScript(scriptAttributes, body) : isNextPreload(linkAttributes))
      ? ''
      : element,
  );
}

const isHtml = (contentType) => /^text\/html\b/i.test(String(contentType ?? ''));

/**
 * Makes `response` (a Node.js ServerResponse Next.js is about to write a page to) send the page without Next's
 * runtime: an HTML body is collected, rewritten once whole and sent with its new length; any other body passes
 * through untouched. The shell renders in one piece (no streamed boundaries), so collecting it delays nothing.
 */
export function sendPagesWithoutNextRuntime(response) {
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  /** undefined: not decided yet (the content type is known at the first write); null: passing through. */
  let chunks;
  const collecting = () => {
    chunks ??= isHtml(response.getHeader('content-type')) ? [] : null;
    return chunks !== null;
  };
  const toBuffer = (chunk, encoding) =>
    Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
  const callbackOf = (...args) => args.find((arg) => typeof arg === 'function');

  response.write = (chunk, encoding, callback) => {
    if (!collecting()) return write(chunk, encoding, callback);
    chunks.push(toBuffer(chunk, encoding));
    const done = callbackOf(encoding, callback);
    if (done) process.nextTick(done);
    return true;
  };
  response.end = (chunk, encoding, callback) => {
    if (typeof chunk === 'function') return response.end(undefined, undefined, chunk);
    if (!collecting()) return end(chunk, encoding, callback);
    if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
    // No body (a HEAD): nothing to rewrite, and no length to claim.
    if (chunks.length === 0) return end(callbackOf(encoding, callback));
    const page = withoutNextRuntime(Buffer.concat(chunks).toString('utf8'));
    if (!response.headersSent) response.setHeader('content-length', Buffer.byteLength(page));
    return end(page, 'utf8', callbackOf(encoding, callback));
  };
}
