-- The admin's order list pages through all orders newest first: with a million orders it must read an index in
-- that order and stop after a page, not sort the table. (A customer's list has orders_user_created since 001.)
ALTER TABLE orders ADD KEY orders_created (created_at, id);
