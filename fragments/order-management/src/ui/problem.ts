/** The `detail` (or `title`) of an RFC 7807 answer, or a generic sentence with the status when there is none. */
export async function problemDetail(response: Response, fallback: string): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: unknown; title?: unknown };
    if (typeof problem.detail === 'string' && problem.detail) return problem.detail;
    if (typeof problem.title === 'string' && problem.title) return problem.title;
  } catch {
    // Not problem+json (e.g. a proxy's error page): the generic message says enough.
  }
  return `${fallback} (${response.status}). Please try again.`;
}

export const UNREACHABLE = 'The shop could not be reached. Check your connection and try again.';
