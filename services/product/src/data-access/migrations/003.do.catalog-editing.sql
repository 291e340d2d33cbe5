-- Catalog editing: an archived status, images, free-form attributes, the publish time and full-text search.
ALTER TABLE products DROP CONSTRAINT products_status_check;
ALTER TABLE products ADD CONSTRAINT products_status_check CHECK (status IN ('draft', 'published', 'archived'));

ALTER TABLE products
  ADD COLUMN images jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(images) = 'array'),
  ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(attributes) = 'object'),
  ADD COLUMN published_at timestamptz;

UPDATE products SET published_at = created_at WHERE status = 'published';

-- Name words weigh more than description words; the english configuration stems ("mugs" finds "mug").
ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
) STORED;

CREATE INDEX products_search ON products USING gin (search);
-- The other public sort orders (name has its index since 001); slug breaks ties so keyset pages are stable.
CREATE INDEX products_published_by_price ON products (price_minor, slug) WHERE status = 'published';
CREATE INDEX products_published_newest ON products (created_at DESC, slug) WHERE status = 'published';
-- Editors list every status.
CREATE INDEX products_by_status_name ON products (status, name, slug);
