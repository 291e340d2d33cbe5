import { z } from 'zod';
import {
  addToCartRequest,
  cartItemParams,
  cartView,
  changeOrderStatusRequest,
  idempotencyKeySchema,
  listOrdersQuery,
  orderList,
  orderView,
  placeOrderRequest,
  setCartQuantityRequest,
} from '@storefront/contracts';
import {
  createServiceOpenApi,
  jsonBody,
  jsonResponse,
  problemResponses,
  security,
  type OpenApiDocument,
} from '@storefront/service-kit';

// Named components: each copy is registered once (zod's global registry), when this module loads.
const views = {
  order: orderView.meta({ id: 'OrderView' }),
  orderList: orderList.meta({ id: 'OrderList' }),
  cart: cartView.meta({ id: 'CartView' }),
};
const bodies = {
  placeOrder: placeOrderRequest.meta({ id: 'PlaceOrderRequest' }),
  changeStatus: changeOrderStatusRequest.meta({ id: 'ChangeOrderStatusRequest' }),
  addToCart: addToCartRequest.meta({ id: 'AddToCartRequest' }),
  setCartQuantity: setCartQuantityRequest.meta({ id: 'SetCartQuantityRequest' }),
};

/** A cart change: JSON for scripts, or a form post (`_csrf`, `_method`) answered 303 back to its page. */
const cartChange = (summary: string, extra: Record<number, string | true> = {}) => ({
  tags: ['cart'],
  summary,
  description:
    "A visitor's cart is keyed by the HttpOnly `sf_cart_id` cookie (set with the first addition), a customer's by " +
    "the session; a customer's first cart request with both merges the visitor's cart into theirs. Every answer " +
    'rewrites the `sf_cart` display mirror. Form posts (`application/x-www-form-urlencoded`, with `_csrf` and, for ' +
    'PUT and DELETE, `_method`) are answered `303 See Other` back to the page.',
  security: security.csrf,
  responses: {
    200: jsonResponse('The cart after the change', views.cart),
    ...problemResponses({ 400: true, 403: 'The CSRF pair is missing', ...extra }),
  },
});

const orderParams = z.object({ id: z.uuid() });
const idempotencyHeader = z.object({
  'Idempotency-Key': idempotencyKeySchema.meta({
    description:
      'One key per order attempt (1 to 100 characters): a retry with the same key and body gets the same order ' +
      'back (200) and never makes a second one; the same key with another body answers 422.',
    example: '5f0c7a2e-8d0b-4d2f-9a57-3f1c2b6d9e10',
  }),
});

/** The order service's API: a customer's orders and the staff's status changes, under /orders. */
export function orderOpenApi(): OpenApiDocument {
  return createServiceOpenApi({
    title: 'Storefront order service',
    description:
      "Orders, priced at the catalog's current prices. Every answer is `Cache-Control: private, no-store`. " +
      'State-changing calls need the CSRF pair (`sf_csrf` cookie = `x-csrf-token` header). Errors are RFC 7807 ' +
      'problem+json.',
    paths: {
      '/orders': {
        post: {
          tags: ['orders'],
          summary: 'Place an order: stock is reserved for all lines or none',
          description:
            "Without `lines` the order is the customer's cart, whose ordered products leave it with the order. A " +
            'form post (the no-JS checkout: the address as flat fields, the key as an `idempotencyKey` field) is ' +
            "answered `303 See Other` to the order's page, `/orders/{id}`.",
          security: security.sessionWithCsrf,
          requestParams: { header: idempotencyHeader },
          requestBody: jsonBody(bodies.placeOrder),
          responses: {
            200: jsonResponse('A retry of an order already placed with this Idempotency-Key', views.order),
            201: jsonResponse('Placed', views.order),
            ...problemResponses({
              400: 'Invalid body, or the Idempotency-Key header is missing or too long',
              401: true,
              403: true,
              409: 'A product is short of stock, or the same key is being placed by another request',
              422: 'Products not for sale, mixed currencies, an empty cart, or the Idempotency-Key was used for another order',
              502: 'The catalog answered unexpectedly',
              503: 'The catalog cannot be reached',
            }),
          },
        },
        get: {
          tags: ['orders'],
          summary: "The signed-in customer's orders (`scope=mine`) or, for editors and admins, everyone's",
          security: security.session,
          requestParams: { query: listOrdersQuery },
          responses: {
            200: jsonResponse('The orders', views.orderList),
            ...problemResponses({
              400: true,
              401: true,
              403: '`scope=all` by someone not an editor or admin',
            }),
          },
        },
      },
      '/orders/cart': {
        get: {
          tags: ['cart'],
          summary: "The visitor's or customer's cart (empty when there is none yet)",
          security: security.optionalSession,
          responses: {
            200: jsonResponse('The cart', views.cart),
            ...problemResponses({ 503: 'Sessions cannot be checked right now' }),
          },
        },
      },
      '/orders/cart/items': {
        post: {
          ...cartChange('Add pieces of a product to the cart (a line already there grows)', {
            422: 'The product is not for sale, or the cart already holds 50 different products',
            429: 'Too many new carts from this address',
            503: 'The catalog cannot be reached',
          }),
          requestBody: {
            content: {
              'application/json': { schema: bodies.addToCart },
              'application/x-www-form-urlencoded': { schema: bodies.addToCart },
            },
          },
        },
      },
      '/orders/cart/items/{productId}': {
        put: {
          ...cartChange("Set a line's quantity (1 to 99)", { 404: 'The product is not in the cart' }),
          requestParams: { path: cartItemParams },
          requestBody: {
            content: {
              'application/json': { schema: bodies.setCartQuantity },
              'application/x-www-form-urlencoded': { schema: bodies.setCartQuantity },
            },
          },
        },
        delete: {
          ...cartChange('Take a product out of the cart'),
          requestParams: { path: cartItemParams },
        },
      },
      '/orders/{id}': {
        get: {
          tags: ['orders'],
          summary: "One of the signed-in customer's orders",
          security: security.session,
          requestParams: { path: orderParams },
          responses: {
            200: jsonResponse('The order', views.order),
            ...problemResponses({ 400: true, 401: true, 404: "No such order among the customer's own" }),
          },
        },
        patch: {
          tags: ['staff'],
          summary:
            'Move an order along its status machine (editors and admins); `cancelled` gives its stock back',
          security: security.sessionWithCsrf,
          requestParams: { path: orderParams },
          requestBody: jsonBody(bodies.changeStatus),
          responses: {
            200: jsonResponse('The changed order', views.order),
            ...problemResponses({
              400: true,
              401: true,
              403: 'Not an editor or admin, or the CSRF pair is missing',
              404: true,
              409: 'The order cannot go from its status to the one asked for',
              422: 'An order cannot be set back to `placed`',
            }),
          },
        },
      },
      '/orders/{id}/cancel': {
        post: {
          tags: ['orders'],
          summary: "Cancel one's own order while it is placed or paid; its stock goes back",
          security: security.sessionWithCsrf,
          requestParams: { path: orderParams },
          responses: {
            200: jsonResponse('The cancelled order', views.order),
            ...problemResponses({
              400: true,
              401: true,
              403: true,
              404: "No such order among the customer's own",
              409: 'The order is past cancelling (shipped, delivered or cancelled)',
            }),
          },
        },
      },
    },
  });
}
