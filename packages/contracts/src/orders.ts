import { z } from 'zod';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from './carts.js';
import { currencySchema } from './products.js';
import { addressSchema } from './users.js';

export const orderStatusSchema = z.enum(['placed', 'paid', 'shipped', 'delivered', 'cancelled']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Where an order goes: the same shape as an address in the customer's profile. */
export const deliveryAddressSchema = addressSchema;
export type DeliveryAddress = z.infer<typeof deliveryAddressSchema>;

export const placeOrderRequest = z.object({
  /** Without lines, the order is the customer's cart on the server (and empties it). */
  lines: z
    .array(
      z.object({
        productId: z.uuid(),
        quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
      }),
    )
    .min(1, 'an order needs at least one line')
    .max(MAX_CART_LINES)
    .optional(),
  address: deliveryAddressSchema,
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
  /** Null for orders placed before orders carried their address. */
  address: deliveryAddressSchema.nullable(),
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
