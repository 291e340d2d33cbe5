import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { cartSlice } from './slices/cart.js';
import { catalogSlice } from './slices/catalog.js';
import { sessionSlice } from './slices/session.js';

const rootReducer = combineReducers({
  session: sessionSlice.reducer,
  cart: cartSlice.reducer,
  catalog: catalogSlice.reducer,
});

export type StorefrontState = ReturnType<typeof rootReducer>;
export type SliceName = keyof StorefrontState;
export const sliceNames: readonly SliceName[] = ['session', 'cart', 'catalog'];

/** A fresh store per request on the server (state never crosses visitors), one per page in the browser. */
export function createStorefrontStore(preloadedState?: Partial<StorefrontState>) {
  return configureStore({ reducer: rootReducer, preloadedState });
}

export type StorefrontStore = ReturnType<typeof createStorefrontStore>;
export type StorefrontDispatch = StorefrontStore['dispatch'];
