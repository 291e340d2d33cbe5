export interface HeaderProps {
  /** From the product service (`GET /products/categories`, cached briefly); none while it does not answer. */
  categories: { slug: string; name: string }[];
  /**
   * The personal part (account links, sign-in state, cart badge): nginx's include directive, or its HTML when the
   * layout composes itself.
   */
  personal: string;
  /** The current search, shown in the search box. */
  query?: string;
}

/**
 * The shell's header: brand, search box (a GET form: works without JavaScript), category links, and the personal
 * part, which the shell's script (src/browser/shell.ts) keeps in step with the shared store: a product added in the
 * catalog, a sign-in in the dashboard show at once.
 */
export function Header({ categories, personal, query }: HeaderProps) {
  return (
    <header className="sf-header" data-testid="site-header">
      <div className="sf-header-bar">
        <a className="sf-brand" href="/">
          Storefront
        </a>
        {/* On a phone the categories fold into a menu that opens without JavaScript; wider, it is always open. */}
        <details className="sf-menu">
          <summary className="sf-menu-toggle">Categories</summary>
          <nav className="sf-nav sf-categories" aria-label="Categories" data-testid="category-nav">
            {categories.map((category) => (
              <a key={category.slug} href={`/c/${category.slug}`}>
                {category.name}
              </a>
            ))}
          </nav>
        </details>
        <form className="sf-search" action="/search" method="get" role="search" data-testid="search-form">
          <label htmlFor="sf-search-q" className="sf-visually-hidden">
            Search products
          </label>
          <input id="sf-search-q" type="search" name="q" placeholder="Search products" defaultValue={query} />
          <button type="submit" className="secondary">
            Search
          </button>
        </form>
        <div className="sf-personal" data-personal="header" dangerouslySetInnerHTML={{ __html: personal }} />
      </div>
    </header>
  );
}
