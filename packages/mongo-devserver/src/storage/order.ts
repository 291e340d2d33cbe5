import { ObjectId } from 'bson';
import { valueKey } from '../documents.js';

/** mongod's comparison order of BSON types (null before numbers before strings ... before dates). */
function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'number' || typeof value === 'bigint') return 2;
  if (typeof value === 'string') return 3;
  if (value instanceof ObjectId) return 7;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  if (Array.isArray(value)) return 5;
  return 4;
}

/** Orders two BSON values as a sort on one field does in mongod, for the types an index key usually holds. */
export function compareValues(a: unknown, b: unknown): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA - rankB;
  if (rankA === 1) return 0;
  if (rankA === 2) return Number(a) - Number(b);
  if (a instanceof ObjectId && b instanceof ObjectId) return Buffer.compare(a.id, b.id);
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  const keyA = valueKey(a);
  const keyB = valueKey(b);
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}
