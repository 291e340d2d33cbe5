import { Router } from 'express';
import { z } from 'zod';
import { reserveStockRequest } from '@storefront/contracts';
import { parseBody, parseParams } from '@storefront/service-kit';
import { releaseStock } from '../../domain/release-stock.js';
import { reserveStock, type StockDependencies } from '../../domain/reserve-stock.js';

const orderParams = z.object({ orderId: z.uuid() });

/** Internal to the cluster: the gateway does not route these paths (nginx answers 404 for them). */
export function reservationsRoutes(deps: StockDependencies): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const { reservation, created } = await reserveStock(deps, parseBody(reserveStockRequest, req));
    res
      .set('Cache-Control', 'no-store')
      .status(created ? 201 : 200)
      .json(reservation);
  });

  router.delete('/:orderId', async (req, res) => {
    await releaseStock(deps, parseParams(orderParams, req).orderId);
    res.status(204).end();
  });

  return router;
}
