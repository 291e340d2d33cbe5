-- A valid order can exceed INT's 4.29 billion minor units (50 lines of 99 at the catalog's highest price), so the
-- total gets the room the arithmetic needs: the largest possible total is far below BIGINT's.
ALTER TABLE orders MODIFY total_minor BIGINT UNSIGNED NOT NULL;
