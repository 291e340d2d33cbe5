/** Whether `url` asks for a file under /_next/static/ that `staticDir` (the build's .next/static) does not hold. */
export function isMissingStaticFile(url: string, staticDir: string): boolean;
