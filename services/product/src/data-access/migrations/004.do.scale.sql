-- At 100,000 products every public order has an index of its own, with and without a category, so a page reads
-- its rows in order and stops (no sort over all matches). '-price' needs its own direction: slug stays ascending.
CREATE INDEX products_published_by_price_desc ON products (price_minor DESC, slug) WHERE status = 'published';
CREATE INDEX products_published_category_price ON products (category, price_minor, slug)
  WHERE status = 'published';
CREATE INDEX products_published_category_price_desc ON products (category, price_minor DESC, slug)
  WHERE status = 'published';
CREATE INDEX products_published_category_newest ON products (category, created_at DESC, slug)
  WHERE status = 'published';

-- Pruning takes the oldest sent rows first; the claim keeps its own index over unsent rows only.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- sitemap.xml walks every published product by slug, reading the index alone.
CREATE INDEX products_published_by_slug ON products (slug) INCLUDE (updated_at) WHERE status = 'published';
