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
  /** A raw body instead of JSON (a multipart upload); `open` is called once per attempt, so a retry re-reads the source. */
  upload?: { contentType: string; contentLength: number; open: () => AsyncIterable<Uint8Array> };
  /** Betas this endpoint needs besides managed-agents (sent comma-separated in `anthropic-beta`). */
  betas?: readonly string[];
  /** False for calls that could create something twice if repeated (session create, event send). */
  idempotent?: boolean;
  accept?: string;
  /** What a 2xx answer must look like: one resource with an id, or a page of them. */
  shape?: 'entity' | 'page';
}

/** A 2xx answer whose body is read by the caller (a file's content), chunk by chunk. */
export interface RawResponse {
  status: number;
  requestId: string | undefined;
  contentType: string | undefined;
  /** From `content-length`, when the server sent one. */
  contentLength: number | undefined;
  /** The body's chunks; a dropped connection or an abort surfaces as the client's own errors. */
  chunks: AsyncIterable<Uint8Array>;
  /** Stops reading and frees the connection. */
  destroy(): void;
}

export interface APIClient {
  /** Sends a request and parses its JSON answer. */
  request<T>(spec: RequestSpec): Promise<T>;
  /** A paged GET: iterates every item of every page, following `next_page` cursors. */
  list<T>(path: string, params: PageParams & object, options?: RequestOptions & Pick<RequestSpec, 'betas'>): PagedList<T>;
  /** Sends a request and hands back the body unread (a download); errors and retries as `request`. */
  open(spec: RequestSpec): Promise<RawResponse>;
  /** Opens an SSE stream; the returned stream yields parsed events. */
  stream<T>(spec: RequestSpec): Promise<EventStream<T>>;
}

export abstract class APIResource {
  constructor(protected readonly client: APIClient) {}
}
