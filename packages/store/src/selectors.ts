import type { StorefrontState } from './store.js';

export const selectSessionUser = (state: StorefrontState) => state.session.user;
export const selectCartItems = (state: StorefrontState) => state.cart.items;
export const selectCartCount = (state: StorefrontState) =>
  state.cart.items.reduce((count, item) => count + item.quantity, 0);
export const selectCartTotalMinor = (state: StorefrontState) =>
  state.cart.items.reduce((total, item) => total + item.priceMinor * item.quantity, 0);
export const selectCatalog = (state: StorefrontState) => state.catalog;
