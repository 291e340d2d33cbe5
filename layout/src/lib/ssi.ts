// The SSI directives the layout writes for nginx: a fragment's slot, the header's personal part.
import type { PodletName } from './podlet-registry';

/**
 * Characters that must not reach nginx's SSI parser raw: quotes and backslashes would end or escape the parameter,
 * `$` would be read as a variable, `<`/`>` could end the comment in a browser that sees it unprocessed.
 */
function ssiSafe(path: string): string {
  let safe = '';
  for (const char of path) {
    const code = char.charCodeAt(0);
    const unsafe = code <= 0x20 || code === 0x7f || `"'\\$<>\``.includes(char);
    safe += unsafe ? encodeURIComponent(char) : char;
  }
  return safe;
}

/** The SSI directive nginx replaces with what it gets from `path` on its own origin. */
export function ssiDirective(path: string): string {
  return `<!--# include virtual="${ssiSafe(path)}" -->`;
}

/** The SSI directive of a fragment (`<!--# include virtual="/_fragments/<name>/<path>" -->`). */
export function ssiInclude(name: PodletName, path: string): string {
  const inside = path.startsWith('/') ? path : `/${path}`;
  return ssiDirective(`/_fragments/${name}${inside}`);
}
