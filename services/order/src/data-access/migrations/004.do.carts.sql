-- The cart lives on the server, so it works without JavaScript and follows a customer from device to device.
-- A visitor's cart is keyed by the random id of their HttpOnly `sf_cart_id` cookie, a customer's by their user id;
-- at sign-in the visitor's cart is merged into the customer's and deleted.
CREATE TABLE carts (
  id CHAR(36) NOT NULL,
  -- Exactly one of the two: the customer's user id, or the visitor's cookie id (a random UUID).
  owner_kind VARCHAR(8) NOT NULL,
  owner_id VARCHAR(64) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY carts_owner (owner_kind, owner_id),
  -- Abandoned visitors' carts are found (and purged) by age.
  KEY carts_updated (updated_at),
  CONSTRAINT carts_owner_kind CHECK (owner_kind IN ('customer', 'visitor'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Name, slug and price are the catalog's when the line was added: for display only, an order is priced anew.
CREATE TABLE cart_lines (
  cart_id CHAR(36) NOT NULL,
  product_id CHAR(36) NOT NULL,
  slug VARCHAR(120) NOT NULL,
  name VARCHAR(200) NOT NULL,
  price_minor BIGINT UNSIGNED NOT NULL,
  currency CHAR(3) NOT NULL,
  quantity SMALLINT UNSIGNED NOT NULL,
  added_at DATETIME(3) NOT NULL,
  PRIMARY KEY (cart_id, product_id),
  CONSTRAINT cart_lines_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
