// Typed events over an SSE response body, read the way the SDK reads them: `ping` is skipped,
// `event: error` is raised as an APIError, every other event's `data` is one JSON value.
import { APIError, APIUserAbortError, MalformedResponseError } from './errors';
import { SSEDecoder } from './sse';

export interface StreamSource {
  /** The response body, as raw byte chunks. */
  body: AsyncIterable<Uint8Array>;
  requestId: string | undefined;
  /** Aborts the underlying request (closing the connection). */
  abort(): void;
  /** Maps an error thrown while reading the body to a client error (timeout, connection, abort). */
  mapError(error: unknown): Error;
}

export class EventStream<T> implements AsyncIterable<T> {
  private consumed = false;

  constructor(private readonly source: StreamSource) {}

  get requestId(): string | undefined {
    return this.source.requestId;
  }

  /** Closes the connection; a pending iteration ends without an error. */
  close(): void {
    this.source.abort();
  }

  /**
   * A hand-written iterator rather than an async generator: events decoded from one chunk are handed
   * out from a queue with no generator machinery per event, which is most of the decoding cost
   * left once JSON.parse is counted.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) throw new Error('This event stream has already been read; open a new one.');
    this.consumed = true;
    const source = this.source;
    const body = source.body[Symbol.asyncIterator]();
    const decoder = new SSEDecoder();
    let queue: T[] = [];
    let index = 0;
    let finished = false;
    /** An error found after some events of a chunk; raised once those are handed out. */
    let deferredError: Error | undefined;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      queue = [];
      decoder.end();
    };
    const fail = (error: unknown): IteratorResult<T> => {
      finish();
      // Map before closing: closing marks the stream as aborted on purpose.
      const mapped = error instanceof APIError || error instanceof MalformedResponseError ? error : source.mapError(error);
      // A consumer that gets an error must not leave the connection open.
      source.abort();
      // Closing the stream on purpose is not a failure.
      if (mapped instanceof APIUserAbortError) return { done: true, value: undefined };
      throw mapped;
    };
    const fill = async (): Promise<IteratorResult<T>> => {
      try {
        while (index >= queue.length) {
          if (deferredError) throw deferredError;
          if (finished) return { done: true, value: undefined };
          const chunk = await body.next();
          if (chunk.done) {
            finish();
            return { done: true, value: undefined };
          }
          const parsed = parseChunk<T>(decoder, chunk.value, source.requestId);
          queue = parsed.events;
          deferredError = parsed.error;
          index = 0;
        }
        return { done: false, value: queue[index++] };
      } catch (error) {
        return fail(error);
      }
    };
    return {
      next: () => (index < queue.length ? Promise.resolve({ done: false, value: queue[index++] }) : fill()),
      return: async () => {
        // The consumer stopped early (break): close the connection.
        if (!finished) {
          finish();
          source.abort();
        }
        return { done: true, value: undefined };
      },
    };
  }
}

/**
 * Decodes one chunk and parses its events; `ping` is skipped, `event: error` raised. The JSON of a
 * chunk's events is parsed in one call (as an array) rather than one call per event, which costs
 * less per event than the calls themselves; if that fails, each event is parsed alone to name the bad one.
 */
function parseChunk<T>(decoder: SSEDecoder, chunk: Uint8Array, requestId: string | undefined): { events: T[]; error: Error | undefined } {
  const datas: string[] = [];
  let error: APIError | undefined;
  decoder.decodeEach(chunk, (event, data) => {
    if (event === 'ping' || error) return;
    if (event === 'error') error = streamError(data, requestId);
    else if (data) datas.push(data);
  });
  let parsed: T[];
  try {
    parsed = datas.length === 1 ? [JSON.parse(datas[0]) as T] : (JSON.parse(`[${datas.join(',')}]`) as T[]);
    // `a,b` inside one data line would parse as two values; then parse one by one to be exact.
    if (parsed.length !== datas.length) throw new Error('count mismatch');
  } catch {
    parsed = [];
    for (const data of datas) {
      try {
        parsed.push(parseOne<T>(data, requestId));
      } catch (bad) {
        // The events before the bad one are delivered first.
        return { events: withoutPings(parsed), error: bad as MalformedResponseError };
      }
    }
  }
  return { events: withoutPings(parsed), error };
}

function withoutPings<T>(values: T[]): T[] {
  return values.filter((value) => (value as { type?: unknown } | null)?.type !== 'ping');
}

function parseOne<T>(data: string, requestId: string | undefined): T {
  try {
    return JSON.parse(data) as T;
  } catch (cause) {
    throw new MalformedResponseError(`The event stream carried data that is not JSON: ${data.slice(0, 120)}`, { status: 200, requestId, cause });
  }
}

function streamError(data: string, requestId: string | undefined): APIError {
  let body: unknown = data;
  try {
    body = JSON.parse(data);
  } catch {
    // keep the raw text
  }
  return new APIError({ status: undefined, body, requestId });
}
