// The podlets the layout composes, as data: their names, addresses and time budgets. The Podium client (podium.ts)
// and the manifests (podlet-manifests.ts) work on this table.

export type PodletName = 'product-catalog' | 'order-management' | 'user-dashboard';

export interface PodletDefinition {
  name: PodletName;
  urlEnv: string;
  defaultPort: number;
  /** Time budget of the fragment in COMPOSITION=podium mode: the same as nginx's (nginx/render.mjs, tested). */
  budgetMs: number;
  /** Paths rendered for every visitor as for one without cookies: the same as nginx's (tested). */
  sharedPaths?: readonly string[];
}

export const podlets: readonly PodletDefinition[] = [
  { name: 'product-catalog', urlEnv: 'PRODUCT_CATALOG_URL', defaultPort: 7102, budgetMs: 300 },
  { name: 'order-management', urlEnv: 'ORDER_MANAGEMENT_URL', defaultPort: 7103, budgetMs: 500 },
  {
    name: 'user-dashboard',
    urlEnv: 'USER_DASHBOARD_URL',
    defaultPort: 7101,
    budgetMs: 500,
    sharedPaths: ['/'],
  },
];

export function podletByName(name: PodletName): PodletDefinition {
  const podlet = podlets.find((candidate) => candidate.name === name);
  if (!podlet) throw new Error(`unknown podlet ${name}`);
  return podlet;
}

export function isPodletName(name: string): name is PodletName {
  return podlets.some((podlet) => podlet.name === name);
}

/** The podlet's address (its `*_URL`), without a trailing slash. */
export function podletUrl(podlet: PodletDefinition): string {
  return (process.env[podlet.urlEnv] ?? `http://127.0.0.1:${podlet.defaultPort}`).replace(/\/+$/, '');
}
