import { z } from 'zod';
import { currencySchema } from './products.js';

export const orderStatusSchema = z.enum(['placed', 'paid', 'shipped', 'delivered', 'cancelled']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const placeOrderRequest = z.object({
  lines: z
    .array(
      z.object({
        productId: z.uuid(),
        quantity: z.number().int().min(1).max(99),
      }),
    )
    .min(1, 'an order needs at least one line')
    .max(50),
});
export type PlaceOrderRequest = z.infer<typeof placeOrderRequest>;

export const idempotencyKeySchema = z.string().trim().min(1).max(100);

export const orderLineView = z.object({
  productId: z.string(),
  name: z.string(),
  unitPriceMinor: z.number().int().nonnegative(),
  quantity: z.number().int().positive(),
});
export type OrderLineView = z.infer<typeof orderLineView>;

export const orderView = z.object({
  id: z.string(),
  userId: z.string(),
  status: orderStatusSchema,
  totalMinor: z.number().int().nonnegative(),
  currency: currencySchema,
  createdAt: z.string(),
  lines: z.array(orderLineView),
});
export type OrderView = z.infer<typeof orderView>;

export const orderList = z.object({ items: z.array(orderView) });
export type OrderList = z.infer<typeof orderList>;

/** What each status may become; `cancelled` and `delivered` are final. */
export const orderTransitions: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export const changeOrderStatusRequest = z.object({ status: orderStatusSchema });
export type ChangeOrderStatusRequest = z.infer<typeof changeOrderStatusRequest>;

export const listOrdersQuery = z.object({
  /** `all` is for editors and admins: every customer's orders. */
  scope: z.enum(['mine', 'all']).default('mine'),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;
