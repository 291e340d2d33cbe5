-- One row per order that holds stock. The order id is the key, so a retried reservation finds the first one
-- instead of taking the stock twice, and a release puts stock back at most once.
CREATE TABLE stock_reservations (
  order_id uuid PRIMARY KEY,
  lines jsonb NOT NULL,
  status text NOT NULL DEFAULT 'reserved' CHECK (status IN ('reserved', 'released')),
  created_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz
);
