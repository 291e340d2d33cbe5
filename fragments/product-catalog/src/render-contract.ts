import type { ProductSummary } from '@storefront/contracts';
import type { CatalogState } from '@storefront/store';
import type { Category, ListingItem, ProductSort, ProductStatus, ProductView } from './product-schemas.js';

/** An RFC 7807 answer of the product service, shown to the visitor as is (title, detail, field errors). */
export interface ProblemView {
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** The filters of a listing as the page's query string has them (prices in major units, e.g. euros). */
export interface ListingFilters {
  q?: string;
  category?: string;
  sort: ProductSort;
  minPrice?: string;
  maxPrice?: string;
  pageSize?: number;
  /** Only the products editors marked as featured (the Featured shelf's "All products"). */
  featured?: true;
}

/** A shelf of products on the home page, with a link to the whole listing it comes from. */
export interface ListingSection {
  id: 'new' | 'featured';
  heading: string;
  products: ProductSummary[];
  /** The full listing in this shelf's order. */
  href: string;
  /** Read after "All products" by screen readers, so each shelf's link has its own name. */
  hrefHint: string;
}

export type CatalogView =
  | {
      kind: 'listing';
      mode: 'home' | 'category' | 'search';
      heading: string;
      filters: ListingFilters;
      categories: Category[];
      /** Set when the product service refused the query (e.g. minPrice above maxPrice). */
      problem?: ProblemView;
      /** Drafts are shown (preview or an editor's session): their cards carry a "Draft" marker. */
      statuses: Record<string, ListingItem['status']>;
      /** The home page's "New" and "Featured" shelves above the full listing (none of their products is in it). */
      sections?: ListingSection[];
      /** The page's token for the cards' no-JS "Add to cart" forms (a placeholder nginx stamps per answer). */
      csrfToken: string;
    }
  /** `csrfToken`: the page's token for the no-JS "Add to cart" form (a placeholder nginx stamps per answer). */
  | { kind: 'detail'; product: ProductView | null; csrfToken: string }
  | {
      kind: 'editor-list';
      products: ProductView[];
      page: number;
      pageSize: number;
      total: number;
      status?: ProductStatus;
      q?: string;
      csrfToken: string;
      problem?: ProblemView;
    }
  | {
      kind: 'editor-form';
      product: ProductView | null;
      categories: Category[];
      csrfToken: string;
      /** Set when the product to edit does not exist (or the id is not one). */
      missing?: boolean;
    }
  | { kind: 'not-allowed'; signedIn: boolean }
  /** A path this fragment does not serve: nothing visible. */
  | { kind: 'none' };

export interface CatalogRenderInput {
  catalog: CatalogState;
  view: CatalogView;
  locale: string;
  /** The page path the fragment sits on, for its links and forms. */
  pagePath: string;
}

/** The SSR bundle's export: the fragment's inner HTML (without its root element or serialized state). */
export type RenderCatalog = (input: CatalogRenderInput) => Promise<string>;
