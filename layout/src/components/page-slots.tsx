import { fragmentPath } from '../lib/podlets';
import { Slot } from './slot';

/** The page body: the catalog in the main column, the cart and the account beside it. */
export function PageSlots({ pathname, withQuery }: { pathname: string; withQuery: string }) {
  return (
    <div className="sf-page">
      <main className="sf-main">
        <Slot name="product-catalog" path={fragmentPath('product-catalog', withQuery)} pagePath={pathname} />
      </main>
      <aside className="sf-aside">
        <Slot name="order-management" path={fragmentPath('order-management', pathname)} pagePath={pathname} />
        <Slot name="user-dashboard" path={fragmentPath('user-dashboard', pathname)} pagePath={pathname} />
      </aside>
    </div>
  );
}
