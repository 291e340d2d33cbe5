import type { Express } from 'express';
import type { SessionSigner, SessionVerifier } from '@storefront/auth';
import { createServiceApp, type Logger, type SessionRegistry } from '@storefront/service-kit';
import {
  announcingRevocations,
  type LoginAttemptsRepository,
  type PasswordResetsRepository,
  type SessionsRepository,
  type UsersRepository,
} from './data-access/index.js';
import type { PasswordHasher } from './domain/passwords.js';
import { userOpenApi } from './entry-points/http/openapi.js';
import { usersRoutes } from './entry-points/http/users-routes.js';

export interface UserAppDependencies {
  logger: Logger;
  users: UsersRepository;
  sessions: SessionsRepository;
  loginAttempts: LoginAttemptsRepository;
  /** Emailed password reset links (their token hashes) and the events that send them. */
  passwordResets: PasswordResetsRepository;
  /** The clock sign-in lockouts are measured with (tests may move it). */
  now?: () => Date;
  passwords: PasswordHasher;
  signer: SessionSigner;
  verifier: SessionVerifier;
  /** Where revocations and role changes are announced to the other services (and read back here). */
  sessionRegistry: SessionRegistry;
  /** Express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-For names the client the lockout counts. */
  trustProxy?: string[];
  cookieSecure: boolean;
  readiness: Record<string, () => Promise<unknown>>;
}

export function createUserApp(deps: UserAppDependencies): Express {
  return createServiceApp({
    name: 'user-service',
    logger: deps.logger,
    readiness: deps.readiness,
    // No registry for reading: this service checks each session in its own store (activeUser), the registry's source.
    sessionVerifier: deps.verifier,
    trustProxy: deps.trustProxy,
    openapi: userOpenApi(),
    routes: (app) => {
      app.use(
        '/users',
        usersRoutes({ ...deps, sessions: announcingRevocations(deps.sessions, deps.sessionRegistry) }),
      );
    },
  });
}
