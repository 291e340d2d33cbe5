import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface SessionUserView {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'editor' | 'admin';
}

export interface SessionState {
  user: SessionUserView | null;
}

const initialState: SessionState = { user: null };

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    set(state, action: PayloadAction<SessionUserView | null>) {
      state.user = action.payload;
    },
  },
});

export const sessionActions = sessionSlice.actions;
