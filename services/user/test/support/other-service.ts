import {
  createLogger,
  createServiceApp,
  requireRole,
  requireUser,
  startAppForTest,
} from '@storefront/service-kit';
import type { UserService } from './user-service.js';

/**
 * A minimal storefront service built on the shared kit, as product, order and notification are: it reads sessions
 * with the user service's public key and the shared session registry.
 */
export async function startOtherService(users: UserService) {
  const app = createServiceApp({
    name: 'other-service-test',
    logger: createLogger('other-service-test', 'silent'),
    readiness: {},
    sessionVerifier: users.auth.verifier,
    sessionRegistry: users.sessionRegistry,
    csrf: false,
    routes: (router) => {
      router.get('/me', (req, res) => {
        res.json({ id: requireUser(req).id });
      });
      router.get('/editor-work', (req, res) => {
        res.json({ role: requireRole(req, 'editor', 'admin').role });
      });
    },
  });
  const server = await startAppForTest(app);
  const get = async (path: string, session: string) =>
    (await fetch(`${server.url}${path}`, { headers: { cookie: session } })).status;
  return {
    whoAmI: (session: string) => get('/me', session),
    editorWork: (session: string) => get('/editor-work', session),
    close: () => server.close(),
  };
}
