import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ProductSummary } from '@storefront/contracts';
import { DEFAULT_PAGE_SIZE } from '@storefront/contracts/page-size';

export interface CatalogState {
  products: ProductSummary[];
  page: number;
  pageSize: number;
  total: number;
}

const initialState: CatalogState = { products: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 };

export const catalogSlice = createSlice({
  name: 'catalog',
  initialState,
  reducers: {
    set(_state, action: PayloadAction<CatalogState>) {
      return action.payload;
    },
  },
});

export const catalogActions = catalogSlice.actions;
