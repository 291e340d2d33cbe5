import type { CatalogState } from '@storefront/store';

export interface CatalogRenderInput {
  catalog: CatalogState;
  locale: string;
  /** The page path the grid sits on, for its pagination links. */
  pagePath: string;
}

/** The SSR bundle's export: the fragment's inner HTML (without its root element or state slice). */
export type RenderCatalog = (input: CatalogRenderInput) => Promise<string>;
