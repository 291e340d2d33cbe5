/** Whether the path of `url` (query aside) holds %-escapes that do not decode to UTF-8 text. */
export function isMalformedPath(url: string): boolean;

/** The whole page a malformed path gets: no shell (its path cannot be rendered), a way back home. */
export const BAD_ADDRESS_PAGE: string;
