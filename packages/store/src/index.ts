export * from './store.js';
export * from './selectors.js';
export * from './serialize.js';
export * from './cart-cookie.js';
export * from './page-events.js';
export {
  cartActions,
  cartSlice,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  type CartItem,
  type CartState,
} from './slices/cart.js';
export { sessionActions, sessionSlice, type SessionState, type SessionUserView } from './slices/session.js';
export { catalogActions, catalogSlice, type CatalogState } from './slices/catalog.js';
export { CART_ITEMS_API_PATH, cartItemApiPath } from '@storefront/contracts/cart-mirror';
