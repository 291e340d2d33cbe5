import { z } from 'zod';
import {
  changeOrderStatusRequest,
  idempotencyKeySchema,
  listOrdersQuery,
  orderList,
  orderView,
  placeOrderRequest,
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
};
const bodies = {
  placeOrder: placeOrderRequest.meta({ id: 'PlaceOrderRequest' }),
  changeStatus: changeOrderStatusRequest.meta({ id: 'ChangeOrderStatusRequest' }),
};

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
              422: 'Products not for sale, mixed currencies, or the Idempotency-Key was used for another order',
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
