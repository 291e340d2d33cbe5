import type { OrdersState } from '../render-contract.js';

/** The server's states plus the one only the browser has: orders asked for after signing in without a reload. */
export type OrdersView = OrdersState | { kind: 'loading' };
