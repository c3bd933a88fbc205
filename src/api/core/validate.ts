// The least a 2xx answer must be for the extension to use it: a resource is an object with a string
// id; a page is an object with a `data` array. A page's items without an id are skipped (and
// reported), so one bad row does not hide the others; a body of the wrong shape is an error.
import { MalformedResponseError } from './errors';
import type { Page } from '../resources/shared';

interface ResponseInfo {
  status: number;
  requestId: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Throws unless `value` is an object with a non-empty string `id`. */
export function checkEntity(value: unknown, what: string, host: string, info: ResponseInfo): void {
  if (isObject(value) && typeof value.id === 'string' && value.id) return;
  const why = isObject(value) ? 'an object without an "id"' : describeJsonType(value);
  throw new MalformedResponseError(`${host} answered ${what} with ${why} instead of the API's resource.`, { ...info, problem: 'notTheApi' });
}

/**
 * A page with only usable items: objects with a string `id` (and, for events, a string `type`).
 * Throws when there is no `data` array at all.
 */
export function checkPage(value: unknown, what: string, host: string, info: ResponseInfo, warn: (message: string) => void): Page<unknown> {
  if (!isObject(value) || !Array.isArray(value.data)) {
    const why = isObject(value) ? `an object without a "data" list` : describeJsonType(value);
    throw new MalformedResponseError(`${host} answered ${what} with ${why} instead of a page of results.`, { ...info, problem: 'notTheApi' });
  }
  const data = value.data.filter((item) => isObject(item) && typeof item.id === 'string' && item.id !== '' && (item.type === undefined || typeof item.type === 'string'));
  const skipped = value.data.length - data.length;
  if (skipped > 0) warn(`Skipped ${skipped} of ${value.data.length} items in the answer to ${what}: not objects with a string "id"${info.requestId ? ` [request-id ${info.requestId}]` : ''}.`);
  let next = value.next_page;
  if (next !== undefined && next !== null && (typeof next !== 'string' || next === '')) {
    warn(`Ignored a "next_page" that is ${describeJsonType(next)} in the answer to ${what}; no further pages are read.`);
    next = null;
  }
  return { ...value, data, next_page: (next as string | null | undefined) ?? null };
}
