import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { reserveStockRequest } from '@storefront/contracts';
import { parseBody, parseParams, serviceRouter } from '@storefront/service-kit';
import { releaseStock } from '../../domain/release-stock.js';
import { reserveStock, type StockDependencies } from '../../domain/reserve-stock.js';

const orderParams = z.object({ orderId: z.uuid() });

/** For the order service only: `onlyServices` admits its service token, and the gateway never routes these paths. */
export function reservationsRoutes(deps: StockDependencies, onlyServices: RequestHandler): Router {
  const router = serviceRouter();
  router.post('/', onlyServices, async (req, res) => {
    const { reservation, created } = await reserveStock(deps, parseBody(reserveStockRequest, req));
    res
      .set('Cache-Control', 'no-store')
      .status(created ? 201 : 200)
      .json(reservation);
  });

  router.delete('/:orderId', onlyServices, async (req, res) => {
    await releaseStock(deps, parseParams(orderParams, req).orderId);
    res.status(204).end();
  });

  return router;
}
