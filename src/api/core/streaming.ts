// Typed events over an SSE response, read the way the SDK reads them: `ping` is skipped,
// `event: error` is raised as an APIError, every other event's `data` is one JSON value.
import { APIError, APIUserAbortError, MalformedResponseError } from './errors';
import { batchText, EventBatcher, type EventBatch } from './sse';

export interface StreamSource {
  /** The next batch of decoded events (see EventBatch), or undefined when the stream has ended. */
  nextBatch(): Promise<EventBatch | undefined>;
  requestId: string | undefined;
  /** Aborts the underlying request (closing the connection). */
  abort(): void;
  /** Maps an error thrown while reading the body to a client error (timeout, connection, abort). */
  mapError(error: unknown): Error;
  /** Applied to every error the stream raises (the client takes the API key out of them). */
  cleanError?(error: Error): Error;
}

/** Batches cut in this thread from a response body's raw bytes (when no stream thread decoded them). */
export function batchesOf(body: AsyncIterable<Uint8Array>): () => Promise<EventBatch | undefined> {
  const chunks = body[Symbol.asyncIterator]();
  const batcher = new EventBatcher();
  return async () => {
    for (;;) {
      const chunk = await chunks.next();
      if (chunk.done) {
        batcher.end();
        return undefined;
      }
      batcher.add(chunk.value);
      const batch = batcher.take();
      if (batch) return batch;
    }
  };
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class EventStream<T> implements AsyncIterable<T> {
  private consumed = false;
  private finished = false;
  /** An error found after some events of a batch; raised by the next read, once those are handed out. */
  private deferredError: Error | undefined;

  constructor(private readonly source: StreamSource) {}

  get requestId(): string | undefined {
    return this.source.requestId;
  }

  /** Closes the connection; a pending iteration ends without an error. */
  close(): void {
    this.source.abort();
  }

  /**
   * The events a batch at a time: each array holds what one chunk of the stream completed (possibly
   * nothing), for a reader that keeps them as they come (the follower) rather than one by one.
   */
  batches(): AsyncIterableIterator<T[]> {
    this.claim();
    const iterator: AsyncIterableIterator<T[]> = {
      next: async () => {
        const events = await this.read();
        return events ? { done: false, value: events } : DONE;
      },
      return: () => {
        this.stop();
        return Promise.resolve(DONE);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * A hand-written iterator rather than an async generator: the events of a batch are handed out from
   * its array with no generator machinery per event, which is most of the decoding cost left once
   * JSON.parse is counted.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    this.claim();
    let events: T[] = [];
    let index = 0;
    const fill = async (): Promise<IteratorResult<T>> => {
      for (;;) {
        const batch = await this.read();
        if (!batch) return DONE;
        if (batch.length) {
          events = batch;
          index = 1;
          return { done: false, value: batch[0] };
        }
      }
    };
    return {
      next: () => (index < events.length ? Promise.resolve({ done: false, value: events[index++] }) : fill()),
      return: () => {
        this.stop();
        return Promise.resolve(DONE);
      },
    };
  }

  private claim(): void {
    if (this.consumed) throw new Error('This event stream has already been read; open a new one.');
    this.consumed = true;
  }

  /** The next batch's events, or undefined once the stream has ended (or was closed). */
  private async read(): Promise<T[] | undefined> {
    try {
      if (this.deferredError) throw this.deferredError;
      if (this.finished) return undefined;
      const batch = await this.source.nextBatch();
      if (!batch) {
        this.finished = true;
        return undefined;
      }
      const parsed = parseBatch<T>(batch, this.source.requestId);
      this.deferredError = parsed.error;
      return parsed.events;
    } catch (error) {
      return this.fail(error);
    }
  }

  /** The consumer stopped early (break): close the connection. */
  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.source.abort();
  }

  private fail(error: unknown): undefined {
    this.finished = true;
    this.deferredError = undefined;
    const source = this.source;
    // Map before closing: closing marks the stream as aborted on purpose.
    const mapped = error instanceof APIError || error instanceof MalformedResponseError ? error : source.mapError(error);
    // A consumer that gets an error must not leave the connection open.
    source.abort();
    // Closing the stream on purpose is not a failure.
    if (mapped instanceof APIUserAbortError) return undefined;
    throw source.cleanError ? source.cleanError(mapped) : mapped;
  }
}

/**
 * Parses a batch's events in one JSON.parse call (as the array the batch's text is); if that fails,
 * or yields another count (`a,b` inside one data line), each event is parsed alone to name the bad one.
 */
function parseBatch<T>(batch: EventBatch, requestId: string | undefined): { events: T[]; error: Error | undefined } {
  const error =
    batch.error !== undefined
      ? streamError(batch.error, requestId)
      : batch.malformed !== undefined
        ? new MalformedResponseError(batch.malformed, { status: 200, requestId, problem: 'tooLarge' })
        : undefined;
  const count = batch.ends.length;
  if (count === 0) return { events: [], error };
  let parsed: T[] | undefined;
  try {
    const value: unknown = JSON.parse(batchText(batch));
    if (Array.isArray(value) && value.length === count) parsed = value as T[];
  } catch {
    // parsed one by one below
  }
  if (!parsed) {
    parsed = [];
    for (let i = 0, start = 1; i < count; start = batch.ends[i] + 1, i++) {
      try {
        parsed.push(parseOne<T>(batchText(batch, start, batch.ends[i]), requestId));
      } catch (bad) {
        // The events before the bad one are delivered first.
        return { events: withoutPings(parsed), error: bad as MalformedResponseError };
      }
    }
  }
  return { events: withoutPings(parsed), error };
}

function withoutPings<T>(values: T[]): T[] {
  const isPing = (value: T) => (value as { type?: unknown } | null)?.type === 'ping';
  // Pings come as `event: ping` (dropped while framing); a ping-typed data is rare, so no copy without one.
  return values.some(isPing) ? values.filter((value) => !isPing(value)) : values;
}

function parseOne<T>(data: string, requestId: string | undefined): T {
  try {
    return JSON.parse(data) as T;
  } catch (cause) {
    throw new MalformedResponseError(`The event stream carried data that is not JSON: ${data.slice(0, 120)}`, { status: 200, requestId, problem: 'unreadable', cause });
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
