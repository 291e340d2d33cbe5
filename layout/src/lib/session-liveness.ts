// Whether a session whose signature is valid is still live. A signature cannot say that the session was signed out,
// revoked everywhere or ended by a password reset since; the user service, which owns sessions, can. Its answer is
// remembered as long as the services remember theirs, so the header stops showing an ended session as signed in
// when the services start refusing it.
import { SESSION_COOKIE } from '@storefront/auth';
import { processSingleton } from './process-singleton';

const CHECK_TIMEOUT_MS = 500;
/** The services' own memory of a checked customer session (SESSION_CHECK_CACHE_MS in service-kit). */
const REMEMBER_MS = 15_000;
const MAX_REMEMBERED = 10_000;

function userServiceUrl(): string {
  return (process.env.USER_SERVICE_URL ?? 'http://127.0.0.1:7201').replace(/\/+$/, '');
}

interface Remembered {
  until: number;
  live: Promise<boolean>;
}

const memory = processSingleton('sessionLiveness', () => new Map<string, Remembered>());

async function askUserService(token: string): Promise<boolean> {
  try {
    const answer = await fetch(`${userServiceUrl()}/users/session`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    return answer.status !== 401;
  } catch {
    // The user service cannot say: the signature decides, as it did before the question. Every service still checks
    // the session itself before it does anything for the visitor.
    return true;
  }
}

/** Whether the session `sessionId` (held as `token`) is live, as the user service last said within REMEMBER_MS. */
export function isSessionLive(token: string, sessionId: string, now: number = Date.now()): Promise<boolean> {
  const known = memory.get(sessionId);
  if (known && known.until > now) return known.live;
  const live = askUserService(token);
  // A Map keeps insertion order: past the limit, the oldest answer goes.
  if (memory.size >= MAX_REMEMBERED) memory.delete(memory.keys().next().value!);
  memory.set(sessionId, { until: now + REMEMBER_MS, live });
  return live;
}
