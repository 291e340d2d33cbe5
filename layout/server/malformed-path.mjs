// A path whose %-escapes do not spell UTF-8 (`/c/%FF`, the overlong `%C0%AE`) names no page, yet Next.js answers it
// 500 "Internal Server Error": its app router fails to decode the catch-all's segments. nginx passes such a path on
// (it refuses only escapes that are not hex), so the layout tells the visitor it is the address that is wrong.

/** Whether the path of `url` (query aside) holds %-escapes that do not decode to UTF-8 text. */
export function isMalformedPath(url) {
  const path = url.split(/[?#]/, 1)[0];
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** The whole page a malformed path gets: no shell (its path cannot be rendered), a way back home. */
export const BAD_ADDRESS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>This address is not valid – Storefront</title>
</head>
<body>
<main>
<h1>This address is not valid</h1>
<p>The link has characters that no page of this shop can have.</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;
