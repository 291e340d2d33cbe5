-- Featured products: editors mark them for the home page's shelf (before this, an attribute `featured: true` did).
ALTER TABLE products ADD COLUMN featured boolean NOT NULL DEFAULT false;
UPDATE products SET featured = true WHERE attributes->'featured' = 'true'::jsonb;
UPDATE products SET attributes = attributes - 'featured' WHERE attributes ? 'featured';

-- The shelf (`featured=true`, by name) reads the few featured rows in order from their own small index.
CREATE INDEX products_published_featured ON products (name, slug) WHERE status = 'published' AND featured;
