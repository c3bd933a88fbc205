/**
 * In-memory state: agents (all versions), environments, sessions with their event logs, queued
 * inputs, and the live stream subscribers of each session.
 */
import { FileStore } from './files';
import { EventEmitter } from 'node:events';
import * as build from './events';
import { notFound } from './errors';
import { newId } from './ids';
import { encodeCursor, type Cursor } from './pagination';
import type {
  Agent,
  BudgetLimit,
  Environment,
  Session,
  SessionStatus,
  SessionThread,
  SessionUsage,
  SimEvent,
  StopReason,
} from './types';
import { roundSeconds } from './util';

/** One SSE payload, serialized once and shared by every subscriber. */
export interface Frame {
  kind: 'event' | 'preview';
  type: string;
  json: string;
  /** For previews: which event type is being previewed (connections opt in per type). */
  previewOf?: 'agent.message' | 'agent.thinking';
}

/** A live `/events/stream` connection (implemented in sse.ts). */
export interface Subscriber {
  deliver(frame: Frame): void;
  /** Ends the stream cleanly (server close, session deleted, reset). */
  close(): void;
  needsDrain(): boolean;
  drained(): Promise<void>;
}

export interface LoggedEvent {
  seq: number;
  ms: number;
  event: SimEvent;
  json: string;
}

/** What a turn waits on while the session is idle with `requires_action`. */
export interface Blocker {
  kind: 'confirmation' | 'custom_tool' | 'tool_result';
  resolve(input: SimEvent): void;
}

export interface TokenTotals {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Where events are logged and streamed: a session (its primary thread) or a child thread. */
export interface EventTarget {
  readonly log: LoggedEvent[];
  pending: SimEvent[];
  readonly subscribers: Set<Subscriber>;
}

/**
 * A child session thread of a multiagent session (`#team` turns): its own event log and streams,
 * status, active time and token usage. The primary thread is the session itself.
 */
export class ThreadRecord implements EventTarget {
  readonly log: LoggedEvent[] = [];
  /** Threads take no direct input: always empty (the events list reads it like a session's queue). */
  pending: SimEvent[] = [];
  readonly subscribers = new Set<Subscriber>();
  status: SessionStatus = 'idle';
  archivedAt: string | null = null;
  updatedAt: string;
  runningSinceMs: number | null = null;
  activeMs = 0;
  everIdle = false;
  readonly tokens: TokenTotals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  /** The thread's scripted work, aborted by an interrupt aimed at it (or at the whole session). */
  turn: AbortController | null = null;
  /** Open model request of the thread's turn (closed by an interrupt). */
  openRequestId: string | null = null;
  /** Tool calls of this thread waiting for the client (also registered in the session's blockers). */
  readonly waitingOn = new Set<string>();

  constructor(
    readonly id: string,
    readonly agent: SessionThread['agent'],
    readonly createdMs: number,
  ) {
    this.updatedAt = new Date(createdMs).toISOString();
  }

  get agentName(): string {
    return this.agent.name;
  }
}

export class SessionRecord implements EventTarget {
  readonly log: LoggedEvent[] = [];
  /** Child threads in creation order (the primary thread is the session itself). */
  readonly threads: ThreadRecord[] = [];
  /** Sent user events not yet processed (`processed_at: null`), oldest first. */
  pending: SimEvent[] = [];
  readonly blockers = new Map<string, Blocker>();
  readonly subscribers = new Set<Subscriber>();
  /** Aborts the running scripted turn; owned by the scripted agent. */
  turn: AbortController | null = null;
  runningSinceMs: number | null = null;
  activeMs = 0;
  /** Duration is frozen when the session terminates. */
  frozenDurationMs: number | null = null;
  readonly tokens: TokenTotals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  /** Last stop reason, so a thread/idle re-emit can reuse it. */
  lastStopReason: StopReason | null = null;

  constructor(
    readonly session: Session,
    /** Creation order; the sessions list sorts and pages on it. */
    readonly key: number,
    readonly createdMs: number,
    readonly threadId: string,
  ) {}

  get id(): string {
    return this.session.id;
  }
}

// List prices per million tokens used for `usage.list_cost` (a plausible Sonnet-class price).
const PRICE_PER_MTOK = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

function usageOf(totals: TokenTotals): Pick<SessionUsage, 'input_tokens' | 'output_tokens' | 'cache_read_input_tokens' | 'cache_creation' | 'list_cost'> {
  const dollars =
    (totals.input * PRICE_PER_MTOK.input + totals.output * PRICE_PER_MTOK.output + totals.cacheRead * PRICE_PER_MTOK.cacheRead + totals.cacheWrite * PRICE_PER_MTOK.cacheWrite) /
    1_000_000;
  return {
    input_tokens: totals.input,
    output_tokens: totals.output,
    cache_read_input_tokens: totals.cacheRead,
    cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: totals.cacheWrite },
    list_cost: { amount: String(Math.round(dollars * 100)), currency: 'USD' },
  };
}

export class Store {
  /** The Files API's files (uploads, session copies, agent outputs). */
  readonly files = new FileStore();
  private readonly agentVersions = new Map<string, Agent[]>();
  private readonly environments = new Map<string, Environment>();
  private readonly sessions = new Map<string, SessionRecord>();
  /** Insertion order of agents, environments and sessions: the sort and cursor key of their lists. */
  private readonly listKeys = new Map<string, number>();
  private nextKey = 1;
  /** Emits 'queued' (record) when user input is enqueued; the scripted agent listens. */
  readonly inputs = new EventEmitter();

  // ---- agents & environments -------------------------------------------------------------

  putAgentVersion(agent: Agent): void {
    if (!this.listKeys.has(agent.id)) this.listKeys.set(agent.id, this.nextKey++);
    const versions = this.agentVersions.get(agent.id) ?? [];
    const others = versions.filter((existing) => existing.version !== agent.version);
    others.push(structuredClone(agent));
    others.sort((a, b) => a.version - b.version);
    this.agentVersions.set(agent.id, others);
  }

  /** The given version, or the latest one. */
  agent(id: string, version?: number): Agent {
    const versions = this.agentVersions.get(id);
    if (!versions || versions.length === 0) throw notFound(`agent ${id} not found`);
    if (version === undefined) return versions[versions.length - 1];
    const match = versions.find((agent) => agent.version === version);
    if (!match) throw notFound(`agent ${id} has no version ${version}`);
    return match;
  }

  hasAgent(id: string): boolean {
    return this.agentVersions.has(id);
  }

  latestAgents(): Agent[] {
    return [...this.agentVersions.values()].map((versions) => versions[versions.length - 1]);
  }

  versionsOf(id: string): Agent[] {
    this.agent(id);
    return [...(this.agentVersions.get(id) ?? [])];
  }

  putEnvironment(environment: Environment): void {
    if (!this.listKeys.has(environment.id)) this.listKeys.set(environment.id, this.nextKey++);
    this.environments.set(environment.id, structuredClone(environment));
  }

  environment(id: string): Environment {
    const environment = this.environments.get(id);
    if (!environment) throw notFound(`environment ${id} not found`, 'environment_not_found');
    return environment;
  }

  allEnvironments(): Environment[] {
    return [...this.environments.values()];
  }

  /** Creation order of an agent or environment (newer = larger). */
  listKey(id: string): number {
    return this.listKeys.get(id) ?? 0;
  }

  // ---- sessions --------------------------------------------------------------------------

  insertSession(session: Session, createdMs = Date.parse(session.created_at)): SessionRecord {
    const record = new SessionRecord(session, this.nextKey++, createdMs, newId('thread'));
    this.sessions.set(session.id, record);
    return record;
  }

  record(id: string): SessionRecord {
    const record = this.sessions.get(id);
    if (!record) throw notFound(`session ${id} not found`);
    return record;
  }

  findRecord(id: string): SessionRecord | undefined {
    return this.sessions.get(id);
  }

  allRecords(): SessionRecord[] {
    return [...this.sessions.values()];
  }

  /** Removes a session and its events; open streams get `session.deleted` and are closed. */
  removeSession(record: SessionRecord): void {
    record.turn?.abort();
    const deleted = build.sessionDeleted();
    deleted.processed_at = new Date().toISOString();
    for (const target of [record, ...record.threads]) {
      target.turn?.abort();
      this.broadcast(target, { kind: 'event', type: deleted.type, json: JSON.stringify(deleted) });
      for (const subscriber of target.subscribers) subscriber.close();
      target.subscribers.clear();
    }
    this.sessions.delete(record.id);
  }

  /** Drops everything (reset); open streams are closed and running turns stopped. */
  clear(): void {
    for (const record of this.sessions.values()) {
      for (const target of [record, ...record.threads]) {
        target.turn?.abort();
        for (const subscriber of target.subscribers) subscriber.close();
      }
    }
    this.sessions.clear();
    this.agentVersions.clear();
    this.environments.clear();
    this.listKeys.clear();
    this.nextKey = 1;
    this.files.clear();
  }

  closeAllStreams(): void {
    for (const record of this.sessions.values()) {
      for (const target of [record, ...record.threads]) {
        for (const subscriber of target.subscribers) subscriber.close();
        target.subscribers.clear();
      }
    }
  }

  /** A snapshot of the session with live stats and usage. */
  toWire(record: SessionRecord, nowMs = Date.now()): Session {
    const session = structuredClone(record.session);
    const activeSeconds = roundSeconds(this.activeMs(record, nowMs) / 1000);
    const durationMs = record.frozenDurationMs ?? Math.max(0, nowMs - record.createdMs);
    session.stats = { active_seconds: activeSeconds, duration_seconds: roundSeconds(durationMs / 1000) };
    session.usage = { ...session.usage, active_seconds: activeSeconds };
    return session;
  }

  threadOf(record: SessionRecord, nowMs = Date.now()): SessionThread {
    const session = this.toWire(record, nowMs);
    const { multiagent: _multiagent, ...agent } = session.agent;
    const everIdle = record.log.some((logged) => logged.event.type === 'session.status_idle');
    return {
      id: record.threadId,
      type: 'session_thread',
      session_id: session.id,
      parent_thread_id: null,
      workflow_run_id: null,
      agent,
      archived_at: session.archived_at,
      created_at: session.created_at,
      updated_at: session.updated_at,
      status: session.status,
      stats: record.log.length === 0 ? null : { ...session.stats, startup_seconds: 0 },
      usage: everIdle ? this.primaryUsage(record, session.usage) : null,
    };
  }

  /** The primary thread's own usage: the session's totals less its child threads' tokens. */
  private primaryUsage(record: SessionRecord, sessionUsage: SessionUsage): SessionUsage {
    if (record.threads.length === 0) return sessionUsage;
    const own = { ...record.tokens };
    for (const thread of record.threads) {
      own.input -= thread.tokens.input;
      own.output -= thread.tokens.output;
      own.cacheRead -= thread.tokens.cacheRead;
      own.cacheWrite -= thread.tokens.cacheWrite;
    }
    return { ...sessionUsage, ...usageOf(own) };
  }

  /** A child thread on the wire: its own agent snapshot, status, stats and usage. */
  childThreadOf(record: SessionRecord, thread: ThreadRecord, nowMs = Date.now()): SessionThread {
    const activeMs = thread.activeMs + (thread.runningSinceMs === null ? 0 : nowMs - thread.runningSinceMs);
    const activeSeconds = roundSeconds(activeMs / 1000);
    const endMs = thread.archivedAt === null ? nowMs : Date.parse(thread.archivedAt);
    return {
      id: thread.id,
      type: 'session_thread',
      session_id: record.id,
      parent_thread_id: record.threadId,
      workflow_run_id: null,
      agent: structuredClone(thread.agent),
      archived_at: thread.archivedAt,
      created_at: new Date(thread.createdMs).toISOString(),
      updated_at: thread.updatedAt,
      status: thread.status,
      stats: thread.log.length === 0 ? null : { active_seconds: activeSeconds, duration_seconds: roundSeconds(Math.max(0, endMs - thread.createdMs) / 1000), startup_seconds: 0 },
      usage: thread.everIdle ? { ...usageOf(thread.tokens), active_seconds: activeSeconds, server_tool_use: { web_fetch_requests: 0, web_search_requests: 0 } } : null,
    };
  }

  /** Starts a child thread of the session (not yet logged anywhere). */
  addThread(record: SessionRecord, agent: SessionThread['agent'], nowMs = Date.now()): ThreadRecord {
    const thread = new ThreadRecord(newId('thread'), agent, nowMs);
    record.threads.push(thread);
    return thread;
  }

  /** A thread of the session by id (the primary is `null`); 404 `not_found_error` when there is none. */
  thread(record: SessionRecord, threadId: string): ThreadRecord | null {
    if (threadId === record.threadId) return null;
    const thread = record.threads.find((candidate) => candidate.id === threadId);
    if (!thread) throw notFound(`thread ${threadId} not found in session ${record.id}`);
    return thread;
  }

  private activeMs(record: SessionRecord, nowMs: number): number {
    return record.activeMs + (record.runningSinceMs === null ? 0 : nowMs - record.runningSinceMs);
  }

  /** Adds token usage of one model request and reprices `usage.list_cost`. */
  addUsage(record: SessionRecord, usage: build.ModelUsage, thread?: ThreadRecord): void {
    if (thread) {
      thread.tokens.input += usage.input_tokens;
      thread.tokens.output += usage.output_tokens;
      thread.tokens.cacheRead += usage.cache_read_input_tokens;
      thread.tokens.cacheWrite += usage.cache_creation_input_tokens;
    }
    const totals = record.tokens;
    totals.input += usage.input_tokens;
    totals.output += usage.output_tokens;
    totals.cacheRead += usage.cache_read_input_tokens;
    totals.cacheWrite += usage.cache_creation_input_tokens;
    const dollars =
      (totals.input * PRICE_PER_MTOK.input +
        totals.output * PRICE_PER_MTOK.output +
        totals.cacheRead * PRICE_PER_MTOK.cacheRead +
        totals.cacheWrite * PRICE_PER_MTOK.cacheWrite) /
      1_000_000;
    const usageOut: SessionUsage = record.session.usage;
    usageOut.input_tokens = totals.input;
    usageOut.output_tokens = totals.output;
    usageOut.cache_read_input_tokens = totals.cacheRead;
    usageOut.cache_creation = { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: totals.cacheWrite };
    usageOut.list_cost = { amount: String(Math.round(dollars * 100)), currency: 'USD' };
    usageOut.server_tool_use = usageOut.server_tool_use ?? { web_fetch_requests: 0, web_search_requests: 0 };
  }

  usageSnapshot(record: SessionRecord): SessionUsage {
    return this.toWire(record).usage;
  }

  budgetOf(record: SessionRecord): BudgetLimit | null {
    return record.session.budget;
  }

  // ---- events ----------------------------------------------------------------------------

  /**
   * Appends an event to the session's history (stamping `processed_at` unless the draft has one)
   * and sends it to every open stream.
   */
  log(record: EventTarget, draft: SimEvent, atMs = Date.now()): SimEvent {
    const event: SimEvent = { ...draft };
    if (typeof event.processed_at !== 'string') event.processed_at = new Date(atMs).toISOString();
    const ms = Date.parse(event.processed_at);
    const json = JSON.stringify(event);
    record.log.push({ seq: record.log.length + 1, ms, event, json });
    if (record.subscribers.size > 0) this.broadcast(record, { kind: 'event', type: event.type, json });
    return event;
  }

  /** Sends a stream-only preview frame (`event_start` / `event_delta`); never stored. */
  preview(record: EventTarget, payload: Record<string, unknown>, previewOf: 'agent.message' | 'agent.thinking'): void {
    if (record.subscribers.size === 0) return;
    this.broadcast(record, { kind: 'preview', type: String(payload.type), json: JSON.stringify(payload), previewOf });
  }

  private broadcast(record: EventTarget, frame: Frame): void {
    for (const subscriber of record.subscribers) subscriber.deliver(frame);
  }

  /** Resolves once every open stream of the session has flushed (keeps bulk turns memory-bounded). */
  async drained(record: SessionRecord): Promise<void> {
    const waiting = [...record.subscribers].filter((subscriber) => subscriber.needsDrain());
    if (waiting.length > 0) await Promise.all(waiting.map((subscriber) => subscriber.drained()));
  }

  /**
   * Changes the session status, keeps active time, and logs the matching `session.status_*`
   * event unless `emit` is false.
   */
  setStatus(
    record: SessionRecord,
    status: SessionStatus,
    options: {
      stopReason?: StopReason;
      stopDetails?: { type: 'refusal'; category: string | null; explanation: string | null } | null;
      emit?: boolean;
      atMs?: number;
    } = {},
  ): void {
    const nowMs = options.atMs ?? Date.now();
    if (record.runningSinceMs !== null && status !== 'running') {
      record.activeMs += nowMs - record.runningSinceMs;
      record.runningSinceMs = null;
    } else if (record.runningSinceMs === null && status === 'running') {
      record.runningSinceMs = nowMs;
    }
    if (status === 'terminated' && record.frozenDurationMs === null) record.frozenDurationMs = Math.max(0, nowMs - record.createdMs);
    record.session.status = status;
    record.session.updated_at = new Date(nowMs).toISOString();
    if (status === 'idle') record.lastStopReason = options.stopReason ?? { type: 'end_turn' };
    if (options.emit === false) return;
    const draft =
      status === 'running'
        ? build.statusRunning()
        : status === 'idle'
          ? build.statusIdle(options.stopReason ?? { type: 'end_turn' }, options.stopDetails ?? null)
          : status === 'rescheduling'
            ? build.statusRescheduled()
            : build.statusTerminated();
    this.log(record, draft, nowMs);
  }

  /**
   * Moves a child thread to `status`: logs `session.status_*` in the thread and the matching
   * `session.thread_status_*` in the primary thread (the session stream).
   */
  setThreadStatus(record: SessionRecord, thread: ThreadRecord, status: 'running' | 'idle' | 'terminated', stopReason: StopReason = { type: 'end_turn' }, nowMs = Date.now()): void {
    if (thread.runningSinceMs !== null && status !== 'running') {
      thread.activeMs += nowMs - thread.runningSinceMs;
      thread.runningSinceMs = null;
    } else if (thread.runningSinceMs === null && status === 'running') {
      thread.runningSinceMs = nowMs;
    }
    thread.status = status;
    thread.updatedAt = new Date(nowMs).toISOString();
    if (status === 'idle') thread.everIdle = true;
    const who = { session_thread_id: thread.id, agent_name: thread.agentName };
    if (status === 'running') {
      this.log(thread, build.statusRunning(), nowMs);
      this.log(record, build.threadStatusRunning(who), nowMs);
    } else if (status === 'idle') {
      this.log(thread, build.statusIdle(stopReason), nowMs);
      this.log(record, build.threadStatusIdle(who, stopReason), nowMs);
    } else {
      this.log(record, build.threadStatusTerminated(who), nowMs);
    }
  }

  /** Queues sent user events (`processed_at: null`) for the scripted agent. */
  enqueue(record: SessionRecord, events: SimEvent[]): void {
    record.pending.push(...events);
    this.inputs.emit('queued', record);
  }

  /** Moves a queued event into the history, stamped as processed now. */
  markProcessed(record: SessionRecord, event: SimEvent): SimEvent {
    record.pending = record.pending.filter((queued) => queued !== event);
    return this.log(record, { ...event, processed_at: undefined });
  }

  /**
   * One page of the history in listing order. Queued events (processed_at null) sort after all
   * processed ones (asc) or before them (desc), matching "ordered by processed_at".
   */
  listEvents(
    record: EventTarget,
    options: { order: 'asc' | 'desc'; limit: number; cursor?: Cursor; types?: Set<string>; time?: (ms: number) => boolean },
  ): { json: string[]; next_page: string | null } {
    const { order, limit, cursor, types, time } = options;
    const matchesType = (type: string): boolean => types === undefined || types.has(type);
    const seenPending = new Set(cursor?.p ?? []);
    const log = record.log;
    type Item = { json: string; seq?: number; pendingId?: string };

    function* logItems(): Generator<Item> {
      if (order === 'asc') {
        for (let index = cursor?.k ?? 0; index < log.length; index++) {
          const logged = log[index];
          if (matchesType(logged.event.type) && (time === undefined || time(logged.ms))) yield { json: logged.json, seq: logged.seq };
        }
      } else {
        for (let index = (cursor?.k ?? log.length + 1) - 2; index >= 0; index--) {
          const logged = log[index];
          if (matchesType(logged.event.type) && (time === undefined || time(logged.ms))) yield { json: logged.json, seq: logged.seq };
        }
      }
    }
    function* pendingItems(): Generator<Item> {
      // Time filters compare processed_at, which queued events do not have yet.
      if (time !== undefined) return;
      const queued = order === 'asc' ? record.pending : [...record.pending].reverse();
      for (const event of queued) {
        if (!seenPending.has(event.id) && matchesType(event.type)) yield { json: JSON.stringify(event), pendingId: event.id };
      }
    }
    function* all(): Generator<Item> {
      if (order === 'asc') {
        yield* logItems();
        yield* pendingItems();
      } else {
        // In desc order the pending part comes first and is over once a logged event was returned.
        if (cursor?.k === undefined) yield* pendingItems();
        yield* logItems();
      }
    }

    const page: Item[] = [];
    let hasMore = false;
    for (const item of all()) {
      if (page.length === limit) {
        hasMore = true;
        break;
      }
      page.push(item);
    }
    let next: Cursor | null = null;
    if (hasMore) {
      const lastSeq = [...page].reverse().find((item) => item.seq !== undefined)?.seq;
      const pageHasPending = page.some((item) => item.pendingId !== undefined);
      const pendingReturned = [...seenPending, ...page.flatMap((item) => (item.pendingId ? [item.pendingId] : []))];
      // asc: a page reaching the queued part has consumed the whole log; desc: k stays unset while in the queued part.
      const k = order === 'asc' ? (pageHasPending ? log.length : (lastSeq ?? cursor?.k)) : (lastSeq ?? cursor?.k);
      next = { d: 'next', k };
      if (pendingReturned.length > 0) next.p = pendingReturned;
    }
    return { json: page.map((item) => item.json), next_page: next ? encodeCursor(next) : null };
  }

  /** All logged events (tests). */
  events(record: EventTarget): SimEvent[] {
    return record.log.map((logged) => logged.event);
  }
}
