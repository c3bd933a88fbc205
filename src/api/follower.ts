// Follows a session live: its history first, then the event stream, surviving drops. Every event
// is yielded exactly once and in order: after a drop it reconnects with backoff and backfills from
// events.list what it missed, dropping what it has already seen (by event id). An event first seen
// with `processed_at: null` and later seen processed is yielded again as an update of the same event.
import type { ManagedAgentsClient } from './client';
import { APIError, KeyWithheldError, MissingApiKeyError } from './core/errors';
import { sleep } from './core/retry';
import type { EventStream } from './core/streaming';
import type { EventStreamParams, SessionEvent, StreamSessionEvent } from './types';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export type FollowItem =
  | { kind: 'event'; event: SessionEvent; /** true when it replaces an event yielded before, with the same id */ update: boolean }
  | { kind: 'preview'; event: Extract<StreamSessionEvent, { type: 'event_start' | 'event_delta' }> }
  | { kind: 'connection'; state: ConnectionState; error?: Error; retryInMs?: number };

export interface FollowOptions {
  signal?: AbortSignal;
  /** Ask the stream for previews of these event types while they are produced. */
  eventDeltas?: EventStreamParams['event_deltas'];
  /** Page size for history and backfill requests. */
  pageSize?: number;
  /** Delay before reconnect number `attempt` (0-based). Default: 250 ms doubling to 8 s, jittered. */
  reconnectDelayMs?: (attempt: number) => number;
  /** Told about streamed values that were skipped because they cannot be events (no type, no id). */
  onWarning?: (message: string) => void;
}

export function defaultReconnectDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 8_000) * (1 - Math.random() * 0.25);
}

export async function* followSession(client: ManagedAgentsClient, sessionId: string, options: FollowOptions = {}): AsyncGenerator<FollowItem> {
  const { signal } = options;
  const pageSize = options.pageSize ?? 100;
  const reconnectDelay = options.reconnectDelayMs ?? defaultReconnectDelayMs;
  const seen = new Map<string, boolean>(); // event id -> processed
  let lastProcessedAt: string | undefined;
  let attempt = 0;
  let connectedOnce = false;

  function accept(event: SessionEvent): FollowItem | undefined {
    const processed = Boolean((event as { processed_at?: string | null }).processed_at);
    const before = seen.get(event.id);
    if (before === true || (before === false && !processed)) return undefined;
    seen.set(event.id, processed);
    const at = (event as { processed_at?: string | null }).processed_at;
    if (at && (!lastProcessedAt || at > lastProcessedAt)) lastProcessedAt = at;
    return { kind: 'event', event, update: before === false };
  }

  function fromStream(item: StreamSessionEvent): FollowItem | undefined {
    const problem = unusableStreamItem(item);
    if (problem) {
      options.onWarning?.(`Session ${sessionId}: skipped a streamed value that is not an event (${problem}).`);
      return undefined;
    }
    if (item.type === 'event_start' || item.type === 'event_delta') {
      const previewOf = item.type === 'event_start' ? item.event.id : item.event_id;
      // A preview of an event already delivered whole is stale.
      return seen.get(previewOf) === undefined ? { kind: 'preview', event: item } : undefined;
    }
    return accept(item as SessionEvent);
  }

  while (!signal?.aborted) {
    yield { kind: 'connection', state: connectedOnce ? 'reconnecting' : 'connecting' };
    let pump: StreamPump | undefined;
    let failure: unknown;
    try {
      // Open the stream before reading the history, so nothing falls between the two.
      pump = new StreamPump(await client.sessions.events.stream(sessionId, options.eventDeltas?.length ? { event_deltas: options.eventDeltas } : {}, { signal }));
    } catch (error) {
      failure = error;
    }
    if (isFatal(failure)) throw failure;
    try {
      const query = lastProcessedAt ? { limit: pageSize, 'created_at[gte]': lastProcessedAt } : { limit: pageSize };
      for await (const event of client.sessions.events.list(sessionId, query, { signal })) {
        const item = accept(event);
        if (item) yield item;
      }
    } catch (error) {
      pump?.close();
      if (isFatal(error)) throw error;
      failure ??= error;
      pump = undefined;
    }
    if (pump) {
      connectedOnce = true;
      yield { kind: 'connection', state: 'live' };
      try {
        for (;;) {
          const batch = pump.take();
          for (const streamed of batch) {
            const item = fromStream(streamed);
            if (item) yield item;
          }
          if (batch.length) attempt = 0; // it delivered, so the connection is healthy
          if (pump.done && !pump.pending) break;
          if (!batch.length) await pump.changed();
        }
        failure = pump.error;
      } finally {
        pump.close();
      }
    }
    if (signal?.aborted) return;
    if (isFatal(failure)) throw failure;
    // A server that said when to come back (429, 503 with retry-after) is not asked sooner; a delay
    // over MAX_SERVER_RETRY_DELAY_MS is not honoured (retryAfterMs is then undefined), as for requests.
    const retryInMs = Math.max(reconnectDelay(attempt++), failure instanceof APIError ? (failure.retryAfterMs ?? 0) : 0);
    yield { kind: 'connection', state: 'reconnecting', error: failure instanceof Error ? failure : undefined, retryInMs };
    try {
      await sleep(retryInMs, signal);
    } catch {
      return;
    }
  }
}

/** Why a value from the stream cannot be used (undefined when it can): events need a type and an id; previews need what they preview. */
function unusableStreamItem(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item === null ? 'null' : Array.isArray(item) ? 'an array' : `a ${typeof item}`;
  const value = item as { type?: unknown; id?: unknown; event?: { id?: unknown } | null; event_id?: unknown };
  if (typeof value.type !== 'string' || !value.type) return 'no "type"';
  if (value.type === 'event_start') return typeof value.event?.id === 'string' ? undefined : 'an event_start without event.id';
  if (value.type === 'event_delta') return typeof value.event_id === 'string' ? undefined : 'an event_delta without event_id';
  return typeof value.id === 'string' && value.id ? undefined : `a ${value.type.slice(0, 60)} without an "id"`;
}

/** Errors that another try cannot fix: a bad key, a deleted session, a rejected request, a key held back. */
function isFatal(error: unknown): boolean {
  if (error instanceof MissingApiKeyError || error instanceof KeyWithheldError) return true;
  if (error instanceof APIError && error.status !== undefined) {
    return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 409 && error.status !== 429;
  }
  return false;
}

/**
 * Streamed events held while the history loads. Past it the pump stops reading until they are taken,
 * so the stream waits (its flow control holds the server back) instead of memory growing without end;
 * a server that gives up on the wait is reconnected to and backfilled like any other drop.
 */
export const MAX_BUFFERED_STREAM_EVENTS = 10_000;

/** Reads a stream in the background into a queue, so it can be buffered while history loads. */
class StreamPump {
  private queue: StreamSessionEvent[] = [];
  private wake: (() => void) | undefined;
  private resume: (() => void) | undefined;
  done = false;
  error: unknown;

  constructor(private readonly stream: EventStream<StreamSessionEvent>) {
    void this.run();
  }

  get pending(): number {
    return this.queue.length;
  }

  take(): StreamSessionEvent[] {
    const batch = this.queue;
    this.queue = [];
    this.continueReading();
    return batch;
  }

  changed(): Promise<void> {
    if (this.queue.length || this.done) return Promise.resolve();
    return new Promise((resolve) => (this.wake = resolve));
  }

  close(): void {
    this.stream.close();
    this.continueReading();
  }

  private async run(): Promise<void> {
    try {
      for await (const event of this.stream) {
        this.queue.push(event);
        this.notify();
        if (this.queue.length >= MAX_BUFFERED_STREAM_EVENTS) await new Promise<void>((resolve) => (this.resume = resolve));
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.done = true;
      this.notify();
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private continueReading(): void {
    const resume = this.resume;
    this.resume = undefined;
    resume?.();
  }
}
