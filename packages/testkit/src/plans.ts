/**
 * Reading query plans in tests: each store's EXPLAIN output is a tree, and a hot query's check asks which
 * nodes appear in it (an index scan, never a full scan or an in-memory sort).
 */
export function valuesOfKey(tree: unknown, key: string): unknown[] {
  if (Array.isArray(tree)) return tree.flatMap((item) => valuesOfKey(item, key));
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([name, value]) =>
    name === key ? [value, ...valuesOfKey(value, key)] : valuesOfKey(value, key),
  );
}

/** The stages of a MongoDB explain: IXSCAN, IDHACK, EXPRESS_IXSCAN, FETCH, COLLSCAN, SORT... */
export function mongoPlanStages(explain: unknown): string[] {
  return valuesOfKey(explain, 'stage').filter((value): value is string => typeof value === 'string');
}

/** Whether a MongoDB explain reads through an index and neither scans the collection nor sorts in memory. */
export function mongoPlanUsesIndex(explain: unknown): boolean {
  const stages = mongoPlanStages(explain);
  return (
    stages.some((stage) => ['IXSCAN', 'IDHACK', 'EXPRESS_IXSCAN', 'EXPRESS_IDHACK'].includes(stage)) &&
    !stages.includes('COLLSCAN') &&
    !stages.includes('SORT')
  );
}

/** The node types of a PostgreSQL `EXPLAIN (FORMAT JSON)` plan: Index Scan, Seq Scan, Sort... */
export function postgresPlanNodes(plan: unknown): string[] {
  return valuesOfKey(plan, 'Node Type').filter((value): value is string => typeof value === 'string');
}

/** The access types and keys of a MariaDB/MySQL `EXPLAIN FORMAT=JSON` plan (ALL is a full table scan). */
export function mysqlPlanAccess(plan: unknown): { accessTypes: string[]; keys: string[]; filesort: boolean } {
  const strings = (key: string) =>
    valuesOfKey(plan, key).filter((value): value is string => typeof value === 'string');
  return {
    accessTypes: strings('access_type'),
    keys: strings('key'),
    filesort: valuesOfKey(plan, 'filesort').length > 0 || valuesOfKey(plan, 'using_filesort').includes(true),
  };
}
