// Follows a session live, newest first. One request reads the newest page (`order=desc`) while the
// live stream opens; then what the stream may have missed while it opened is read (from the newest
// event held on), exactly as after a dropped connection: reconnect with backoff, backfill, drop what
// was already seen (by event id). Older pages come on request, a page at a time, or all of them.
// Every event is yielded once, saying where it belongs: the newest page, an older page (before
// everything yielded so far), or live (after it). An event first seen with `processed_at: null` and
// later seen processed is yielded again as an update of the same event.
// A thread of a multiagent session is followed the same way from its own list and stream (followThread).
import type { ManagedAgentsClient } from './client';
import { APIError, isPermanentError } from './core/errors';
import { sleep } from './core/retry';
import type { EventStream } from './core/streaming';
import type { EventStreamParams, SessionEvent, StreamSessionEvent } from './resources/sessions/events/types';
import type { Page } from './resources/shared';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/**
 * Where an event goes: `newest`, the newest page, in order; `older`, a page older than everything
 * yielded so far (its events come in order, then its `page` item: put the page before the rest);
 * `live`, after everything yielded so far.
 */
export type FollowPlace = 'newest' | 'older' | 'live';

export type FollowItem =
  | {
      kind: 'event';
      event: SessionEvent;
      place: FollowPlace;
      /** true when it replaces an event yielded before, with the same id (wherever that one is) */
      update: boolean;
    }
  | { kind: 'preview'; event: Extract<StreamSessionEvent, { type: 'event_start' | 'event_delta' }> }
  | { kind: 'connection'; state: ConnectionState; error?: Error; retryInMs?: number }
  /**
   * A page is complete (its events were yielded just before). `hasOlder`: older events remain, which
   * `requestOlder` loads. With `error`, an older page could not be loaded (ask again to retry).
   */
  | { kind: 'page'; place: 'newest' | 'older'; count: number; hasOlder: boolean; error?: Error };

export interface FollowOptions {
  signal?: AbortSignal;
  /** Ask the stream for previews of these event types while they are produced. */
  eventDeltas?: EventStreamParams['event_deltas'];
  /** Page size for the newest page, older pages and backfill requests. */
  pageSize?: number;
  /**
   * 'all' (default): after the newest page, every older page follows, page by page, while the live
   * stream flows. 'onRequest': only the pages asked for with `requestOlder`.
   */
  olderPages?: 'all' | 'onRequest';
  /** Delay before reconnect number `attempt` (0-based). Default: 250 ms doubling to 8 s, jittered. */
  reconnectDelayMs?: (attempt: number) => number;
  /** Told about streamed values that were skipped because they cannot be events (no type, no id). */
  onWarning?: (message: string) => void;
}

/** The live follow of one session: iterate it for items; ask it for older pages. */
export interface SessionFollower extends AsyncIterableIterator<FollowItem> {
  /** Loads `pages` more older pages (or all that remain); each is yielded when it arrives. */
  requestOlder(pages?: number | 'all'): void;
  /** Stops loading older pages that were asked for and have not arrived (the one under way finishes). */
  cancelOlder(): void;
  /** Whether older events remain; undefined until the newest page has arrived. */
  readonly hasOlder: boolean | undefined;
  /** Whether an older page is being loaded now. */
  readonly loadingOlder: boolean;
  /** Stops following: requests end, and the iteration finishes. */
  return(value?: unknown): Promise<IteratorResult<FollowItem>>;
  throw(error?: unknown): Promise<IteratorResult<FollowItem>>;
}

function defaultReconnectDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 8_000) * (1 - Math.random() * 0.25);
}

export function followSession(client: ManagedAgentsClient, sessionId: string, options: FollowOptions = {}): SessionFollower {
  return new Follower(sessionSource(client, sessionId), options);
}

/**
 * Follows one thread of a multiagent session live: all its events (a thread's list pages only oldest
 * first, so the first "page" is the whole thread and there is nothing older), then its stream.
 */
export function followThread(client: ManagedAgentsClient, sessionId: string, threadId: string, options: FollowOptions = {}): SessionFollower {
  return new Follower(threadSource(client, sessionId, threadId), options);
}

/** Where a follow reads: the newest events, older pages, what happened since a time, and the live stream. */
interface EventSource {
  /** Names the source in warnings ("Session sesn_1", "Thread sthr_2 of session sesn_1"). */
  readonly label: string;
  /** The newest page, in either order; `next_page` is the cursor of the page before it. */
  newest(limit: number, signal: AbortSignal): Promise<Page<SessionEvent>>;
  older(cursor: string, limit: number, signal: AbortSignal): Promise<Page<SessionEvent>>;
  /** Every event processed at or after `processedAt` (all of them without it), oldest first. */
  since(processedAt: string | undefined, limit: number, signal: AbortSignal): AsyncIterable<SessionEvent>;
  stream(params: EventStreamParams, signal: AbortSignal): Promise<EventStream<StreamSessionEvent>>;
}

function sessionSource(client: ManagedAgentsClient, sessionId: string): EventSource {
  const events = client.sessions.events;
  return {
    label: `Session ${sessionId}`,
    newest: (limit, signal) => events.list(sessionId, { order: 'desc', limit }, { signal }).firstPage(),
    older: (cursor, limit, signal) => events.list(sessionId, { order: 'desc', limit, page: cursor }, { signal }).firstPage(),
    since: (processedAt, limit, signal) => events.list(sessionId, processedAt ? { limit, 'created_at[gte]': processedAt } : { limit }, { signal }),
    stream: (params, signal) => events.stream(sessionId, params, { signal }),
  };
}

/**
 * A thread's events list has no order and no time filter: the newest "page" reads every page, and what
 * came since is read from the last page onwards (its cursor stays valid while the thread grows).
 */
function threadSource(client: ManagedAgentsClient, sessionId: string, threadId: string): EventSource {
  const events = client.sessions.threads.events;
  /** The cursor of the last page read (undefined: the first page). */
  let lastPage: string | undefined;
  async function* fromLastPage(limit: number, signal: AbortSignal): AsyncGenerator<Page<SessionEvent>> {
    for (let cursor = lastPage; ; ) {
      const page = await events.list(sessionId, threadId, { limit, ...(cursor ? { page: cursor } : {}) }, { signal }).firstPage();
      yield page;
      if (!page.next_page || !page.data?.length) return;
      lastPage = cursor = page.next_page;
    }
  }
  return {
    label: `Thread ${threadId} of session ${sessionId}`,
    async newest(limit, signal) {
      lastPage = undefined;
      const data: SessionEvent[] = [];
      for await (const page of fromLastPage(limit, signal)) data.push(...(page.data ?? []));
      return { data, next_page: null };
    },
    older: () => Promise.resolve({ data: [], next_page: null }),
    async *since(_processedAt, limit, signal) {
      for await (const page of fromLastPage(limit, signal)) yield* page.data ?? [];
    },
    stream: (params, signal) => events.stream(sessionId, threadId, params, { signal }),
  };
}

class Follower implements SessionFollower {
  private readonly generator: AsyncGenerator<FollowItem>;
  /** Ends every request of this follow: the caller's signal, or the consumer stopping. */
  private readonly lifetime = new AbortController();
  private readonly pageSize: number;
  private readonly seen = new Map<string, boolean>(); // event id -> processed
  private lastProcessedAt: string | undefined;
  private olderCursor: string | undefined;
  private older: boolean | undefined;
  private olderWanted = 0;
  private olderLoading = false;
  /** Older pages that arrived and are not yielded yet: each as the API sent it (oldest first), or why it could not be read. */
  private readonly olderPages: Array<Page<SessionEvent> | Error> = [];
  private pump: StreamPump | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: EventSource,
    private readonly options: FollowOptions,
  ) {
    this.pageSize = options.pageSize ?? 100;
    const signal = options.signal;
    if (signal?.aborted) this.lifetime.abort();
    else signal?.addEventListener('abort', () => this.stop(), { once: true });
    this.generator = this.run();
  }

  get hasOlder(): boolean | undefined {
    return this.older;
  }

  get loadingOlder(): boolean {
    return this.olderLoading;
  }

  requestOlder(pages: number | 'all' = 1): void {
    this.olderWanted = pages === 'all' ? Infinity : this.olderWanted + Math.max(0, pages);
    this.loadOlder();
  }

  cancelOlder(): void {
    this.olderWanted = 0;
  }

  next(): Promise<IteratorResult<FollowItem>> {
    return this.generator.next();
  }

  async return(value?: unknown): Promise<IteratorResult<FollowItem>> {
    this.stop();
    return this.generator.return(value);
  }

  async throw(error?: unknown): Promise<IteratorResult<FollowItem>> {
    this.stop();
    return this.generator.throw(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<FollowItem> {
    return this;
  }

  private stop(): void {
    this.lifetime.abort();
    this.notify();
  }

  private get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  private async *run(): AsyncGenerator<FollowItem> {
    const reconnectDelay = this.options.reconnectDelayMs ?? defaultReconnectDelayMs;
    let attempt = 0;
    let tries = 0;
    let connectedOnce = false;
    let newestLoaded = false;
    const openStream = () =>
      this.source.stream(this.options.eventDeltas?.length ? { event_deltas: this.options.eventDeltas } : {}, this.signal).then((stream) => new StreamPump(stream, () => this.notify()));

    while (!this.signal.aborted) {
      yield { kind: 'connection', state: connectedOnce ? 'reconnecting' : 'connecting' };
      let failure: unknown;
      // The first time, the stream and the newest page at once: over a slow link each takes a round
      // trip. After a failure the page comes first, so a struggling server is not asked twice as often.
      const opening = newestLoaded || tries++ === 0 ? openStream() : undefined;
      opening?.catch(() => undefined);
      if (!newestLoaded) {
        try {
          const page = await this.source.newest(this.pageSize, this.signal);
          newestLoaded = true;
          this.olderCursor = page.next_page ?? undefined;
          this.older = Boolean(this.olderCursor);
          const events = oldestFirst(page.data ?? []);
          for (const event of events) {
            const item = this.accept(event, 'newest');
            if (item) yield item;
          }
          yield { kind: 'page', place: 'newest', count: events.length, hasOlder: this.older };
          if (this.options.olderPages !== 'onRequest') this.requestOlder('all');
        } catch (error) {
          failure = error;
          void opening?.then((pump) => pump.close(), () => undefined);
          if (isPermanentError(error)) throw error;
        }
      }
      let pump: StreamPump | undefined;
      if (failure === undefined) {
        try {
          pump = await (opening ?? openStream());
        } catch (error) {
          if (isPermanentError(error)) throw error;
          failure = error;
        }
      }
      this.pump = pump;
      if (pump) {
        // What happened while the stream opened (or while it was down): everything processed since the
        // newest event held. The stream delivers the rest; ids already seen are dropped.
        try {
          for await (const event of this.source.since(this.lastProcessedAt, this.pageSize, this.signal)) {
            const item = this.accept(event, 'live');
            if (item) yield item;
            yield* this.olderItems();
          }
        } catch (error) {
          pump.close();
          this.pump = pump = undefined;
          if (isPermanentError(error)) throw error;
          failure = error;
        }
      }
      if (pump) {
        connectedOnce = true;
        yield { kind: 'connection', state: 'live' };
        try {
          for (;;) {
            yield* this.olderItems();
            const batches = pump.take();
            for (const batch of batches) {
              for (const streamed of batch) {
                const item = this.fromStream(streamed);
                if (item) yield item;
              }
            }
            if (batches.length) attempt = 0; // it delivered, so the connection is healthy
            if (pump.done && !pump.pending) break;
            if (!batches.length) await this.changed();
            if (this.signal.aborted) return;
          }
          failure = pump.error;
        } finally {
          pump.close();
          this.pump = undefined;
        }
      }
      if (this.signal.aborted) return;
      if (isPermanentError(failure)) throw failure;
      // A server that said when to come back (429, 503 with retry-after) is not asked sooner; a delay
      // over MAX_SERVER_RETRY_DELAY_MS is not honoured (retryAfterMs is then undefined), as for requests.
      const retryInMs = Math.max(reconnectDelay(attempt++), failure instanceof APIError ? (failure.retryAfterMs ?? 0) : 0);
      yield { kind: 'connection', state: 'reconnecting', error: failure instanceof Error ? failure : undefined, retryInMs };
      // Older pages asked for meanwhile still arrive while the stream is down.
      const until = Date.now() + retryInMs;
      for (let left = retryInMs; left > 0 && !this.signal.aborted; left = until - Date.now()) {
        yield* this.olderItems();
        const wait = new AbortController();
        await Promise.race([sleep(left, AbortSignal.any([this.signal, wait.signal])).catch(() => undefined), this.changed()]);
        wait.abort();
      }
      yield* this.olderItems();
    }
  }

  private accept(event: SessionEvent, place: FollowPlace): FollowItem | undefined {
    const processedAt = (event as { processed_at?: string | null }).processed_at;
    const processed = Boolean(processedAt);
    const before = this.seen.get(event.id);
    if (before === true || (before === false && !processed)) return undefined;
    this.seen.set(event.id, processed);
    if (processedAt && (!this.lastProcessedAt || processedAt > this.lastProcessedAt)) this.lastProcessedAt = processedAt;
    return { kind: 'event', event, place, update: before === false };
  }

  private fromStream(item: StreamSessionEvent): FollowItem | undefined {
    const problem = unusableStreamItem(item);
    if (problem) {
      this.options.onWarning?.(`${this.source.label}: skipped a streamed value that is not an event (${problem}).`);
      return undefined;
    }
    if (item.type === 'event_start' || item.type === 'event_delta') {
      const previewOf = item.type === 'event_start' ? item.event.id : item.event_id;
      // A preview of an event already delivered whole is stale.
      return this.seen.get(previewOf) === undefined ? { kind: 'preview', event: item } : undefined;
    }
    return this.accept(item, 'live');
  }

  /** The older pages that arrived, as items: each page's new events in order, then its `page` item. */
  private *olderItems(): Generator<FollowItem> {
    for (let page = this.olderPages.shift(); page; page = this.olderPages.shift()) {
      if (page instanceof Error) {
        yield { kind: 'page', place: 'older', count: 0, hasOlder: true, error: page };
        continue;
      }
      let count = 0;
      for (const event of page.data) {
        const item = this.accept(event, 'older');
        if (!item) continue;
        count++;
        yield item;
      }
      yield { kind: 'page', place: 'older', count, hasOlder: Boolean(page.next_page) };
    }
  }

  /** Loads the next older page in the background while more are wanted; one at a time. */
  private loadOlder(): void {
    if (this.olderLoading || this.olderWanted <= 0 || !this.olderCursor || this.signal.aborted) return;
    this.olderLoading = true;
    const cursor = this.olderCursor;
    void (async () => {
      try {
        const page = await this.source.older(cursor, this.pageSize, this.signal);
        this.olderCursor = page.next_page ?? undefined;
        this.older = Boolean(this.olderCursor);
        this.olderWanted = this.older ? this.olderWanted - 1 : 0;
        this.olderPages.push({ ...page, data: oldestFirst(page.data ?? []) });
      } catch (error) {
        if (this.signal.aborted) return;
        // Asked again (scrolling on, Refresh), the same page is tried again.
        this.olderWanted = 0;
        this.olderPages.push(error instanceof Error ? error : new Error(String(error)));
      } finally {
        this.olderLoading = false;
        this.notify();
        this.loadOlder();
      }
    })();
  }

  /** Resolves when the stream or an older page has something, or the follow stops. */
  private changed(): Promise<void> {
    if (this.olderPages.length || this.signal.aborted || (this.pump && (this.pump.pending || this.pump.done))) return Promise.resolve();
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * A page asked for with `order=desc`, oldest first. A server (or a gateway that drops the parameter)
 * that answered oldest first anyway, as its processed_at times show, is taken as it is.
 */
function oldestFirst(events: readonly SessionEvent[]): SessionEvent[] {
  const times = events.map((event) => (event as { processed_at?: unknown }).processed_at).filter((time): time is string => typeof time === 'string' && time !== '');
  const ascending = times.length >= 2 && times[0] < times[times.length - 1];
  return ascending ? [...events] : [...events].reverse();
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

/**
 * Streamed events held while the history loads. Past it the pump stops reading until they are taken,
 * so the stream waits (its flow control holds the server back) instead of memory growing without end;
 * a server that gives up on the wait is reconnected to and backfilled like any other drop.
 */
export const MAX_BUFFERED_STREAM_EVENTS = 10_000;

/**
 * Reads the live stream ahead while the follow is busy elsewhere (the newest page, a backfill): the
 * stream's batches of events are kept as they came, up to MAX_BUFFERED_STREAM_EVENTS.
 */
class StreamPump {
  private batches: StreamSessionEvent[][] = [];
  /** Events in `batches`. */
  pending = 0;
  private resume: (() => void) | undefined;
  done = false;
  error: unknown;

  constructor(
    private readonly stream: EventStream<StreamSessionEvent>,
    private readonly changed: () => void,
  ) {
    void this.run();
  }

  /** The batches read since the last take, oldest first. */
  take(): StreamSessionEvent[][] {
    const batches = this.batches;
    this.batches = [];
    this.pending = 0;
    this.continueReading();
    return batches;
  }

  close(): void {
    this.stream.close();
    this.continueReading();
  }

  private async run(): Promise<void> {
    try {
      for await (const batch of this.stream.batches()) {
        if (!batch.length) continue;
        this.batches.push(batch);
        this.pending += batch.length;
        this.changed();
        if (this.pending >= MAX_BUFFERED_STREAM_EVENTS) await new Promise<void>((resolve) => (this.resume = resolve));
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.done = true;
      this.changed();
    }
  }

  private continueReading(): void {
    const resume = this.resume;
    this.resume = undefined;
    resume?.();
  }
}

/**
 * The events of a follow in session order, for callers that want one list: the newest page, older
 * pages put before it as each completes, live events after, updates in place.
 */
export class FollowedEvents {
  readonly events: SessionEvent[] = [];
  private pendingOlder: SessionEvent[] = [];

  /** Takes one item; returns true when `events` changed. */
  apply(item: FollowItem): boolean {
    if (item.kind === 'page') {
      if (item.place !== 'older' || !this.pendingOlder.length) return false;
      this.events.unshift(...this.pendingOlder);
      this.pendingOlder = [];
      return true;
    }
    if (item.kind !== 'event') return false;
    if (item.update) {
      const at = this.events.findIndex((event) => event.id === item.event.id);
      if (at >= 0) this.events[at] = item.event;
      else {
        const pending = this.pendingOlder.findIndex((event) => event.id === item.event.id);
        if (pending >= 0) this.pendingOlder[pending] = item.event;
      }
      return at >= 0;
    }
    if (item.place === 'older') {
      this.pendingOlder.push(item.event);
      return false;
    }
    this.events.push(item.event);
    return true;
  }
}
