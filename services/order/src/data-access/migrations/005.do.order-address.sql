-- Orders carry where they go. NULL only for orders placed before this column existed.
ALTER TABLE orders ADD COLUMN delivery_address JSON NULL;
