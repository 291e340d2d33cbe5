/**
 * One value per process, whichever route bundle imports the module that asks: Next.js may load a module once per
 * bundle (the proxy, each route), and state such as the Podium client's manifest registry must be shared by all.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`storefront.layout.${name}`);
  const store = globalThis as Record<symbol, unknown>;
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
