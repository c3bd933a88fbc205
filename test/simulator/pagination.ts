import { invalidRequest } from './errors';

/**
 * Opaque keyset cursors. Keyset (rather than offset) paging means items created or deleted between
 * two page requests never shift the remaining pages: no item is missed or repeated.
 */
export interface Cursor {
  /** 'next' continues after the anchor; 'prev' returns the items before it (sessions list only). */
  d: 'next' | 'prev';
  /** Sort key of the anchor item (a session's creation sequence, an event's log sequence). */
  k?: number;
  /** Queued (not yet processed) event ids already returned; events list only. */
  p?: string[];
}

export function encodeCursor(cursor: Cursor): string {
  return 'page_' + Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string | null): Cursor | undefined {
  if (raw === null || raw === '') return undefined;
  try {
    if (!raw.startsWith('page_')) throw new Error('prefix');
    const parsed = JSON.parse(Buffer.from(raw.slice(5), 'base64url').toString('utf8')) as Cursor;
    if (parsed.d !== 'next' && parsed.d !== 'prev') throw new Error('direction');
    return parsed;
  } catch {
    throw invalidRequest(`page: invalid page cursor ${JSON.stringify(raw)}`);
  }
}

export function parseLimit(raw: string | null, defaultLimit: number, maxLimit: number): number {
  if (raw === null || raw === '') return defaultLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw invalidRequest(`limit: must be an integer between 1 and ${maxLimit}`);
  }
  return limit;
}

export function parseOrder(raw: string | null, defaultOrder: 'asc' | 'desc'): 'asc' | 'desc' {
  if (raw === null || raw === '') return defaultOrder;
  if (raw !== 'asc' && raw !== 'desc') throw invalidRequest(`order: must be 'asc' or 'desc'`);
  return raw;
}

export interface KeyedPage<T> {
  data: T[];
  next_page: string | null;
  prev_page: string | null;
}

/**
 * One page of `items` (already filtered and sorted in listing order, with unique keys that are
 * monotonic in that order).
 */
export function pageByKey<T>(
  items: T[],
  key: (item: T) => number,
  order: 'asc' | 'desc',
  limit: number,
  cursor: Cursor | undefined,
): KeyedPage<T> {
  const isAfter = (item: T, anchor: number): boolean => (order === 'asc' ? key(item) > anchor : key(item) < anchor);
  let start = 0;
  let end = Math.min(items.length, limit);
  if (cursor?.k !== undefined) {
    const anchor = cursor.k;
    const firstAfter = items.findIndex((item) => isAfter(item, anchor));
    const boundary = firstAfter === -1 ? items.length : firstAfter;
    if (cursor.d === 'next') {
      start = boundary;
      end = Math.min(items.length, start + limit);
    } else {
      // Items strictly before the anchor: skip the anchor itself if it still exists.
      const beforeEnd = boundary > 0 && key(items[boundary - 1]) === anchor ? boundary - 1 : boundary;
      end = beforeEnd;
      start = Math.max(0, end - limit);
    }
  }
  const data = items.slice(start, end);
  const first = data[0];
  const last = data[data.length - 1];
  return {
    data,
    next_page: last !== undefined && end < items.length ? encodeCursor({ d: 'next', k: key(last) }) : null,
    prev_page: first !== undefined && start > 0 ? encodeCursor({ d: 'prev', k: key(first) }) : null,
  };
}

/** RFC 3339 query filters such as `created_at[gte]`, as epoch milliseconds. */
export function parseTimeFilters(query: URLSearchParams, field = 'created_at'): ((ms: number) => boolean) | undefined {
  const tests: ((ms: number) => boolean)[] = [];
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    const raw = query.get(`${field}[${op}]`);
    if (raw === null) continue;
    const bound = Date.parse(raw);
    if (Number.isNaN(bound)) throw invalidRequest(`${field}[${op}]: invalid RFC 3339 timestamp ${JSON.stringify(raw)}`);
    tests.push(
      op === 'gt' ? (ms) => ms > bound : op === 'gte' ? (ms) => ms >= bound : op === 'lt' ? (ms) => ms < bound : (ms) => ms <= bound,
    );
  }
  return tests.length === 0 ? undefined : (ms) => tests.every((test) => test(ms));
}

/** Array query parameters arrive as `statuses[]=a&statuses[]=b` (SDK) or `statuses=a` (hand-written). */
export function queryArray(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(`${name}[]`), ...query.getAll(name)].flatMap((value) => value.split(',')).filter((v) => v !== '');
}

export function queryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw invalidRequest(`${name}: must be a boolean`);
}
