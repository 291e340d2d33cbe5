// The podlets' stylesheets, inlined into the page's <head>: a page then paints after its HTML alone, without a
// round trip per stylesheet (four render-blocking requests before). A stylesheet is fingerprinted (its name
// changes with its content), so its text is read once per name and kept while the process runs.
import { processSingleton } from './process-singleton';
import { podletUrl, type PodletDefinition } from './podlet-registry';

/** Above this a stylesheet stays a <link>: inlined, it would be sent again with every page instead of cached. */
export const MAX_INLINE_STYLE_BYTES = 16 * 1024;
const READ_TIMEOUT_MS = 1_000;

/** href → its CSS, or null when it is not to be inlined (too big, relative url(), not CSS). */
const styles = processSingleton('inlineStyles', () => new Map<string, string | null>());

/**
 * Whether the text can stand in a <style> element of the page as it would in its own file: no relative url()
 * (it would resolve against the page, not the stylesheet) and nothing that could close the element.
 */
function inlinable(css: string): boolean {
  if (Buffer.byteLength(css) > MAX_INLINE_STYLE_BYTES) return false;
  if (/<\//.test(css)) return false;
  const urls = [...css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g)].map((match) => match[2] ?? '');
  return urls.every((url) => /^(data:|\/|#|https?:)/.test(url));
}

/** The stylesheet's text, null when it is not to be inlined, undefined when it could not be read this time. */
async function read(podlet: PodletDefinition, href: string): Promise<string | null | undefined> {
  const prefix = `/_fragments/${podlet.name}/`;
  if (!href.startsWith(prefix)) return null;
  try {
    const response = await fetch(`${podletUrl(podlet)}/${href.slice(prefix.length)}`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
    if (!response.ok || !response.headers.get('content-type')?.startsWith('text/css')) return null;
    const css = await response.text();
    return inlinable(css) ? css : null;
  } catch {
    // Read again with the next manifest; the page links it meanwhile.
    return undefined;
  }
}

/** Reads the stylesheets of a podlet's manifest not read yet (a failed read is tried again next time). */
export async function readStyles(podlet: PodletDefinition, hrefs: string[]): Promise<void> {
  await Promise.all(
    hrefs
      .filter((href) => !styles.has(href))
      .map(async (href) => {
        const css = await read(podlet, href);
        if (css !== undefined) styles.set(href, css);
      }),
  );
}

/** The CSS of a stylesheet to inline, if it was read and may be. */
export function inlineStyle(href: string): string | undefined {
  return styles.get(href) ?? undefined;
}
