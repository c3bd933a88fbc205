// What a resource (client.sessions, client.agents, ...) needs of the client: one request, a paged
// list, an event stream. A resource is given this interface rather than the client, as the SDK's
// APIResource is, so the client builds its resources without the two importing each other.
import type { PageParams } from '../resources/shared';
import type { PagedList } from './pagination';
import type { EventStream } from './streaming';

export interface RequestOptions {
  signal?: AbortSignal;
  maxRetries?: number;
  timeoutMs?: number;
}

export interface RequestSpec extends RequestOptions {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: object;
  body?: unknown;
  /** False for calls that could create something twice if repeated (session create, event send). */
  idempotent?: boolean;
  accept?: string;
  /** What a 2xx answer must look like: one resource with an id, or a page of them. */
  shape?: 'entity' | 'page';
}

export interface APIClient {
  /** Sends a request and parses its JSON answer. */
  request<T>(spec: RequestSpec): Promise<T>;
  /** A paged GET: iterates every item of every page, following `next_page` cursors. */
  list<T>(path: string, params: PageParams & object, options?: RequestOptions): PagedList<T>;
  /** Opens an SSE stream; the returned stream yields parsed events. */
  stream<T>(spec: RequestSpec): Promise<EventStream<T>>;
}

export abstract class APIResource {
  constructor(protected readonly client: APIClient) {}
}
