/**
 * Direct state manipulation for tests, exposed on the SimulatorHandle and as `/_sim/...` control
 * endpoints: simulate "a session started elsewhere", "a turn finished elsewhere", and so on.
 * Everything logged here reaches open streams exactly like scripted activity.
 */
import type { SimulatorCore } from './core';
import { invalidRequest } from './errors';
import type { FileWire } from './files';
import { HistoryWriter, type TurnEnding } from './history';
import { newId } from './ids';
import { addSeedAgent, addSeedEnvironment, type SeedAgent, type SeedEnvironment } from './seed';
import { createSession, archiveSession, deleteSession, sendEvents, SESSION_STATUSES } from './sessions';
import type { Agent, Environment, Session, SessionStatus, SessionThread, SimEvent, StopReason } from './types';

const STATUS_BY_EVENT: Record<string, SessionStatus> = {
  'session.status_idle': 'idle',
  'session.status_running': 'running',
  'session.status_rescheduled': 'rescheduling',
  'session.status_terminated': 'terminated',
};

export class SimulatorHelpers {
  constructor(private readonly core: SimulatorCore) {}

  private get store() {
    return this.core.store;
  }

  /** Creates a session as another client would (same validation as POST /v1/sessions). */
  createSession(body: unknown, options: { id?: string; createdAt?: string } = {}): Session {
    const createdMs = options.createdAt === undefined ? undefined : Date.parse(options.createdAt);
    if (createdMs !== undefined && Number.isNaN(createdMs)) throw invalidRequest('createdAt: invalid timestamp');
    return this.store.toWire(createSession(this.store, body, { id: options.id, createdMs }));
  }

  /**
   * A file as if uploaded elsewhere (not downloadable, as uploads are), or with `session` as if that
   * session's agent wrote it (downloadable, scoped to it).
   */
  addFile(filename: string, content: string | Uint8Array, options: { mimeType?: string; session?: string } = {}): FileWire {
    const bytes = Buffer.from(content);
    const mimeType = options.mimeType ?? 'application/octet-stream';
    if (options.session !== undefined) {
      this.store.record(options.session);
      return this.store.files.addOutput(options.session, filename, mimeType, bytes);
    }
    return this.store.files.addUpload(filename, mimeType, bytes);
  }

  /** As if the session's agent wrote a file with another file's content (no bytes copied): large downloads without a large upload's cost twice. */
  writeOutputCopy(sessionId: string, fileId: string): FileWire {
    this.store.record(sessionId);
    return this.store.files.outputCopy(fileId, sessionId);
  }

  /** Every file scoped to the session (its mounted copies and what its agent wrote), newest first. */
  sessionFiles(sessionId: string): FileWire[] {
    return this.store.files.list(new URLSearchParams({ scope_id: sessionId, limit: '1000' })).data;
  }

  /** A file's metadata, or undefined once deleted. */
  file(fileId: string): FileWire | undefined {
    return this.store.files.exists(fileId) ? this.store.files.get(fileId) : undefined;
  }

  /** SHA-256 (hex) of a file's stored content, read as a stream: what an upload delivered, whatever its size. */
  fileDigest(fileId: string): Promise<string> {
    return this.store.files.digest(fileId);
  }

  /** Lowers (or restores) the per-file size limit, to try the 413 refusal without moving 500 MB. */
  setMaxFileBytes(bytes: number): void {
    this.store.files.maxFileBytes = bytes;
  }

  getSession(sessionId: string): Session {
    return this.store.toWire(this.store.record(sessionId));
  }

  /** The processed history (what events.list returns once nothing is queued). */
  events(sessionId: string): SimEvent[] {
    return structuredClone(this.store.events(this.store.record(sessionId)));
  }

  /**
   * Appends a raw event (id and processed_at filled in when missing). A `session.status_*` event
   * also moves the session to that status; an idle with `requires_action` can then be answered
   * like a scripted one.
   */
  appendEvent(sessionId: string, event: { type: string } & Record<string, unknown>): SimEvent {
    const record = this.store.record(sessionId);
    if (typeof event.type !== 'string') throw invalidRequest('event.type: required string');
    const logged = this.store.log(record, { ...event, id: typeof event.id === 'string' ? event.id : newId('event') });
    const status = STATUS_BY_EVENT[logged.type];
    if (status) {
      this.store.setStatus(record, status, { emit: false, stopReason: logged.stop_reason as StopReason | undefined });
      this.afterStatusChange(sessionId, status, logged.stop_reason as StopReason | undefined);
    }
    return structuredClone(logged);
  }

  /** Moves the session to `status`, logging the matching `session.status_*` event unless `emit` is false. */
  setStatus(sessionId: string, status: SessionStatus, options: { stopReason?: StopReason; emit?: boolean } = {}): Session {
    if (!SESSION_STATUSES.includes(status)) throw invalidRequest(`status: must be one of ${SESSION_STATUSES.join(', ')}`);
    const record = this.store.record(sessionId);
    // Taking over the status ends any scripted turn: the session is now driven "elsewhere".
    record.turn?.abort();
    record.turn = null;
    record.blockers.clear();
    this.store.setStatus(record, status, { stopReason: options.stopReason, emit: options.emit });
    this.afterStatusChange(sessionId, status, options.stopReason);
    return this.getSession(sessionId);
  }

  private afterStatusChange(sessionId: string, status: SessionStatus, stopReason: StopReason | undefined): void {
    const record = this.store.record(sessionId);
    if (status === 'idle' && stopReason?.type === 'requires_action') this.core.agent.adoptPendingActions(record, stopReason.event_ids);
    // Messages queued while the session was busy elsewhere start now.
    this.core.agent.schedule(record);
  }

  /** Sends events as another client would (same validation as POST /v1/sessions/:id/events). */
  sendEvents(sessionId: string, events: unknown[]): SimEvent[] {
    return sendEvents(this.store, this.store.record(sessionId), { events });
  }

  /**
   * Writes a whole turn into the history at once ("a turn that ran elsewhere"), ending as given
   * (default idle / end_turn). Returns the events written.
   */
  appendTurn(sessionId: string, prompt: string, ending: TurnEnding = 'end_turn'): SimEvent[] {
    const record = this.store.record(sessionId);
    if (record.turn !== null) throw invalidRequest(`session ${sessionId} is running a scripted turn`);
    const writer = new HistoryWriter(this.store, record, Date.now() - 40, 1);
    const written = writer.turn(prompt, ending);
    const last = written[written.length - 1];
    if (last?.type === 'session.status_idle') this.afterStatusChange(sessionId, 'idle', last.stop_reason as StopReason);
    return structuredClone(written);
  }

  /** Resolves when the session reaches `status` (and `stopReason` type, if given). */
  async waitForStatus(sessionId: string, status: SessionStatus, options: { stopReason?: StopReason['type']; timeoutMs?: number } = {}): Promise<Session> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const record = this.store.record(sessionId);
      const reached = record.session.status === status && (options.stopReason === undefined || record.lastStopReason?.type === options.stopReason);
      if (reached) return this.getSession(sessionId);
      if (Date.now() > deadline) {
        throw new Error(`session ${sessionId} did not reach ${status}${options.stopReason ? `/${options.stopReason}` : ''} (now ${record.session.status})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** The session's threads as the threads list returns them: the primary first, then its children. */
  threads(sessionId: string): SessionThread[] {
    const record = this.store.record(sessionId);
    return [this.store.threadOf(record), ...record.threads.map((thread) => this.store.childThreadOf(record, thread))];
  }

  /** A thread's processed history (the primary thread's is the session's). */
  threadEvents(sessionId: string, threadId: string): SimEvent[] {
    const record = this.store.record(sessionId);
    return structuredClone(this.store.events(this.store.thread(record, threadId) ?? record));
  }

  /**
   * Moves a child thread to running or idle "elsewhere" (its scripted work stops; it logs
   * `session.status_*` in the thread and `session.thread_status_*` in the primary); the session
   * status follows (running while a child runs).
   */
  setThreadStatus(sessionId: string, threadId: string, status: 'running' | 'idle'): SessionThread {
    const record = this.store.record(sessionId);
    const thread = this.store.thread(record, threadId);
    if (thread === null) throw invalidRequest('setThreadStatus: use setStatus for the primary thread');
    thread.turn?.abort();
    thread.turn = null;
    for (const id of thread.waitingOn) record.blockers.delete(id);
    thread.waitingOn.clear();
    this.store.setThreadStatus(record, thread, status);
    this.core.agent.syncSessionStatus(record);
    return this.store.childThreadOf(record, thread);
  }

  archiveSession(sessionId: string): Session {
    const record = this.store.record(sessionId);
    archiveSession(record);
    return this.store.toWire(record);
  }

  /** Refused while the session runs, as `DELETE /v1/sessions/:id` is. */
  deleteSession(sessionId: string): void {
    deleteSession(this.store, this.store.record(sessionId));
  }

  addAgent(agent: SeedAgent): Agent {
    return structuredClone(addSeedAgent(this.store, agent));
  }

  addEnvironment(environment: SeedEnvironment): Environment {
    return structuredClone(addSeedEnvironment(this.store, environment));
  }
}
