CREATE TABLE orders (
  id CHAR(36) NOT NULL,
  user_id VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'placed',
  total_minor INT UNSIGNED NOT NULL,
  currency CHAR(3) NOT NULL,
  -- Case matters in a client's key: "A1" and "a1" are two different attempts.
  idempotency_key VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- Fingerprint of the request the key was first used with, to refuse the same key for a different order.
  request_hash CHAR(64) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY orders_user_idempotency_key (user_id, idempotency_key),
  KEY orders_user_created (user_id, created_at),
  CONSTRAINT orders_status CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_lines (
  order_id CHAR(36) NOT NULL,
  line_no SMALLINT UNSIGNED NOT NULL,
  product_id CHAR(36) NOT NULL,
  name VARCHAR(200) NOT NULL,
  unit_price_minor INT UNSIGNED NOT NULL,
  quantity SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE outbox (
  id CHAR(36) NOT NULL,
  type VARCHAR(64) NOT NULL,
  event JSON NOT NULL,
  created_at DATETIME(3) NOT NULL,
  sent_at DATETIME(3) NULL,
  claimed_until DATETIME(3) NULL,
  PRIMARY KEY (id),
  KEY outbox_pending (sent_at, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
