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

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) throw new Error('This event stream has already been read; open a new one.');
    this.consumed = true;
    const decoder = new SSEDecoder();
    let finished = false;
    try {
      for await (const chunk of this.source.body) {
        const events = decoder.decode(chunk);
        for (let i = 0; i < events.length; i++) {
          const sse = events[i];
          if (sse.event === 'ping') continue;
          if (sse.event === 'error') throw streamError(sse.data, this.source.requestId);
          if (!sse.data) continue;
          let value: T;
          try {
            value = JSON.parse(sse.data) as T;
          } catch (cause) {
            throw new MalformedResponseError(`The event stream carried data that is not JSON: ${sse.data.slice(0, 120)}`, {
              status: 200,
              requestId: this.source.requestId,
              cause,
            });
          }
          if ((value as { type?: unknown } | null)?.type === 'ping') continue;
          yield value;
        }
      }
      decoder.end();
      finished = true;
    } catch (error) {
      if (error instanceof APIError || error instanceof MalformedResponseError) throw error;
      const mapped = this.source.mapError(error);
      // Closing the stream on purpose is not a failure.
      if (mapped instanceof APIUserAbortError) return;
      throw mapped;
    } finally {
      // A consumer that stops early (break) must not leave the connection open.
      if (!finished) this.source.abort();
    }
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
