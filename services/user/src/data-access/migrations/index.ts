import type { Models } from '../models.js';

/**
 * Run at every start, before the server listens: collections exist up front (a transaction on an older server
 * cannot create one) and the indexes match the schemas, so the unique email rule holds from the first request.
 */
export async function migrate(models: Models): Promise<void> {
  for (const model of [
    models.User,
    models.Session,
    models.Outbox,
    models.LoginAttempt,
    models.KnownClients,
    models.PasswordReset,
  ]) {
    await model.createCollection();
    await model.syncIndexes();
  }
}
