import { Router } from 'express';
import { z } from 'zod';
import { placeOrderRequest } from '@storefront/contracts';
import { parseBody, parseParams, requireUser } from '@storefront/service-kit';
import type { OrdersRepository } from '../../data-access/orders-repository.js';
import { getOrder } from '../../domain/get-order.js';
import { listOrders } from '../../domain/list-orders.js';
import { placeOrder, type PlaceOrderDependencies } from '../../domain/place-order.js';
import { readIdempotencyKey } from './idempotency-key.js';

const orderParams = z.object({ id: z.uuid() });

export function ordersRoutes(deps: PlaceOrderDependencies & { orders: OrdersRepository }): Router {
  const router = Router();

  // Orders are one customer's business: no shared cache may keep them.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    next();
  });

  router.post('/', async (req, res) => {
    const user = requireUser(req);
    const idempotencyKey = readIdempotencyKey(req);
    const request = parseBody(placeOrderRequest, req);
    const { order, replayed } = await placeOrder(deps, { user, idempotencyKey, request });
    res.status(replayed ? 200 : 201).json(order);
  });

  router.get('/', async (req, res) => {
    const user = requireUser(req);
    res.json(await listOrders(deps.orders, user.id));
  });

  router.get('/:id', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseParams(orderParams, req);
    res.json(await getOrder(deps.orders, user.id, id));
  });

  return router;
}
