import type { Router } from 'express';
import { z } from 'zod';
import { changeOrderStatusRequest, listOrdersQuery, placeOrderRequest } from '@storefront/contracts';
import {
  parseBody,
  parseParams,
  parseQuery,
  requireRole,
  requireUser,
  serviceRouter,
} from '@storefront/service-kit';
import type { OrdersRepository } from '../../data-access/orders-repository.js';
import { cancelOrder, type CancelOrderDependencies } from '../../domain/cancel-order.js';
import { changeOrderStatus } from '../../domain/change-order-status.js';
import { getOrder } from '../../domain/get-order.js';
import { listOrders } from '../../domain/list-orders.js';
import { placeOrder, type PlaceOrderDependencies } from '../../domain/place-order.js';
import { viewCart } from '../../domain/view-cart.js';
import { cartCookies } from './cart-cookies.js';
import { readIdempotencyKey } from './idempotency-key.js';
import { isFormPost, placeOrderFromForm } from './order-form.js';

const orderParams = z.object({ id: z.uuid() });

export function ordersRoutes(
  deps: PlaceOrderDependencies &
    CancelOrderDependencies & { orders: OrdersRepository; cookieSecure: boolean },
): Router {
  const router = serviceRouter();
  const cookies = cartCookies(deps.cookieSecure);

  // Orders are one customer's business: no shared cache may keep them.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    next();
  });

  router.post('/', async (req, res) => {
    const user = requireUser(req);
    const idempotencyKey = readIdempotencyKey(req);
    const request = isFormPost(req) ? placeOrderFromForm(req) : parseBody(placeOrderRequest, req);
    const { order, replayed } = await placeOrder(deps, { user, idempotencyKey, request });
    // An order of the cart took its lines: the pages' mirror of the cart follows with this answer.
    if (!request.lines) cookies.writeMirror(res, await viewCart(deps, { kind: 'customer', id: user.id }));
    // Without JavaScript the checkout form lands on the order's own page, as the enhanced checkout does.
    if (isFormPost(req)) res.redirect(303, `/orders/${order.id}`);
    else res.status(replayed ? 200 : 201).json(order);
  });

  router.get('/', async (req, res) => {
    const { scope } = parseQuery(listOrdersQuery, req);
    if (scope === 'all') {
      requireRole(req, 'editor', 'admin');
      res.json({ items: await deps.orders.listAll() });
      return;
    }
    const user = requireUser(req);
    res.json(await listOrders(deps.orders, user.id));
  });

  // The customer's own way out: only their order, only while it is placed or paid.
  router.post('/:id/cancel', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseParams(orderParams, req);
    res.json(await cancelOrder(deps, { orderId: id, ownerId: user.id }));
  });

  // Staff move any order along its status machine.
  router.patch('/:id', async (req, res) => {
    requireRole(req, 'editor', 'admin');
    const { id } = parseParams(orderParams, req);
    const { status } = parseBody(changeOrderStatusRequest, req);
    const order =
      status === 'cancelled'
        ? await cancelOrder(deps, { orderId: id })
        : await changeOrderStatus(deps, { orderId: id, to: status });
    res.json(order);
  });

  router.get('/:id', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseParams(orderParams, req);
    res.json(await getOrder(deps.orders, user.id, id));
  });

  return router;
}
