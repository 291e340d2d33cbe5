-- A search in name order walks the published products by name until it has a page of matches. With each row's
-- search vector in the index beside its name, that walk reads the index alone (an index-only scan) and fetches
-- only the page's rows: a common word at 100,000 products took 2-6 ms of heap reads per page, now 0.3-1.3 ms.
-- It serves the plain name order as well (same keys), so it takes that index's place.
CREATE INDEX products_published_by_name_with_search ON products (name, slug) INCLUDE (search)
  WHERE status = 'published';
DROP INDEX products_published_by_name;
