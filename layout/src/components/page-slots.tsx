import type { PageKind, SlotPlan } from '../lib/pages';
import { Slot } from './slot';

/**
 * The page body: the slots of the page table (src/lib/pages.ts), main column first, then the aside. The page's kind
 * is on it (`data-page`) for the few rules of its look that belong to one page (globals.css).
 */
export function PageSlots({
  kind,
  slots,
  pagePath,
}: {
  kind: PageKind;
  slots: SlotPlan[];
  pagePath: string;
}) {
  const main = slots.filter((slot) => slot.region === 'main');
  const aside = slots.filter((slot) => slot.region === 'aside');
  return (
    <div className="sf-page" data-page={kind}>
      <main className="sf-main">
        {main.map((slot) => (
          <Slot key={slot.name} name={slot.name} path={slot.path} pagePath={pagePath} />
        ))}
      </main>
      {aside.length ? (
        <aside className="sf-aside">
          {aside.map((slot) => (
            <Slot key={slot.name} name={slot.name} path={slot.path} pagePath={pagePath} />
          ))}
        </aside>
      ) : null}
    </div>
  );
}

/** A 404 or 500 page: the shell around a message, no fragment. */
export function PageMessage({ status }: { status: 404 | 500 }) {
  return (
    <div className="sf-page">
      <main className="sf-main">
        {status === 404 ? (
          <section className="sf-message" data-testid="not-found">
            <h1>Page not found</h1>
            <p>We could not find what you were looking for. It may have moved or is no longer available.</p>
            <p>
              <a href="/">Back to the shop</a> or <a href="/search">search the catalog</a>.
            </p>
          </section>
        ) : (
          <section className="sf-message" data-testid="server-error">
            <h1>Something went wrong</h1>
            <p>This page could not be shown right now. Please try again in a moment.</p>
            <p>
              <a href="/">Back to the shop</a>
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
