import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from '@storefront/contracts/cart-mirror';

export { MAX_CART_LINES, MAX_LINE_QUANTITY };

/** Name and price are for display; the order service prices every order itself. */
export interface CartItem {
  productId: string;
  slug: string;
  name: string;
  priceMinor: number;
  currency: string;
  quantity: number;
}

export interface CartState {
  items: CartItem[];
}

const initialState: CartState = { items: [] };

const clampQuantity = (quantity: number) => Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.trunc(quantity)));

export const cartSlice = createSlice({
  name: 'cart',
  initialState,
  reducers: {
    add(state, action: PayloadAction<Omit<CartItem, 'quantity'> & { quantity?: number }>) {
      const { quantity = 1, ...product } = action.payload;
      const line = state.items.find((item) => item.productId === product.productId);
      if (line) {
        line.quantity = clampQuantity(line.quantity + quantity);
      } else if (state.items.length < MAX_CART_LINES) {
        state.items.push({ ...product, quantity: clampQuantity(quantity) });
      }
    },
    setQuantity(state, action: PayloadAction<{ productId: string; quantity: number }>) {
      const { productId, quantity } = action.payload;
      if (quantity <= 0) {
        state.items = state.items.filter((item) => item.productId !== productId);
        return;
      }
      const line = state.items.find((item) => item.productId === productId);
      if (line) line.quantity = clampQuantity(quantity);
    },
    remove(state, action: PayloadAction<string>) {
      state.items = state.items.filter((item) => item.productId !== action.payload);
    },
    clear(state) {
      state.items = [];
    },
    /** The cart as the order service answered it: the server's cart is the truth, the slice its copy. */
    replace(state, action: PayloadAction<CartItem[]>) {
      state.items = action.payload.slice(0, MAX_CART_LINES);
    },
  },
});

export const cartActions = cartSlice.actions;
