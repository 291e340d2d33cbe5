import { createLogger, main } from '@storefront/service-kit';
import { createPostgresPool } from '../data-access/connection.js';
import { migrate } from '../data-access/migrate.js';
import { seedCatalog } from '../data-access/seed.js';
import { loadSeedConfig } from './config.js';

/** `npm run seed`: brings the schema up to date and adds any demo products that are missing. */
main('product-seed', async () => {
  const config = loadSeedConfig();
  const logger = createLogger('product-seed', config.LOG_LEVEL);
  const pool = createPostgresPool(config.DATABASE_URL, logger);
  try {
    const migrations = await migrate(pool);
    const { inserted } = await seedCatalog(pool);
    logger.info({ migrations, inserted }, 'catalog seeded');
  } finally {
    await pool.end();
  }
});
