// The loaded sessions, the view's filters, and when to refresh. Emits which sessions were added,
// changed or removed, so the tree redraws only those rows.
import * as vscode from 'vscode';
import { APIError, MissingApiKeyError, isAuthFailure, isTransientError, type ManagedAgentsClient, type Session, type SessionThread } from '../../api';
import type { ApiKeyStore } from '../../auth/apiKeyStore';
import { describeError } from '../../shared/errors';
import type { Settings, SettingsSnapshot } from '../../shared/settings';
import { RefreshPolicy } from './refreshPolicy';
import { sanitizeSession, sanitizeSessions } from './sanitize';
import { appendPage, isEmptyDiff, mergeRefreshed, sameSession, upsertSession, type SessionsDiff } from './sessionDiff';
import {
  carryStopReason,
  isActive,
  needsStopReasonCheck,
  type SessionEntry,
  type StopReasonCheck,
  type StopReasonType,
} from '../sessionState';
import { filtersDiffer, listParams, matchesOptions, sanitizeViewOptions, type SessionsViewOptions } from './viewOptions';

/** The API's largest page; a refresh re-reads up to this many of the loaded sessions in one request. */
const MAX_PAGE_SIZE = 100;
/** Events requests per refresh for learning why idle sessions stopped. */
const MAX_STOP_REASON_CHECKS = 10;
/** How many of those run at once: a few round trips over a slow link, without a burst at the API. */
const STOP_REASON_CONCURRENCY = 4;
/** How long to poll fast after the user acted on a session. */
const EXPECT_ACTIVITY_MS = 30_000;
const VIEW_OPTIONS_KEY = 'managedAgents.sessionsView';

export type LoadState =
  /** Nothing asked for the list yet (activation does no network). */
  | 'notLoaded'
  | 'loaded'
  /** No key, or the API rejected it: the list is empty and polling stopped. */
  | 'noKey'
  /** The last refresh failed otherwise; the last known sessions stay, marked stale. */
  | 'error';

export interface SessionsStoreState {
  readonly load: LoadState;
  readonly loading: boolean;
  /** The sessions shown are from before the last failed refresh. */
  readonly stale: boolean;
  readonly error: unknown;
  readonly lastSuccessAt: number | undefined;
  readonly hasMore: boolean;
  /**
   * The last refresh failed for a reason that waiting fixes (rate limit, overload, server error,
   * dropped connection): the view says it is retrying rather than that something is wrong.
   */
  readonly retrying: boolean;
  /** When the next automatic attempt is due after a failed refresh (undefined while paused or loaded). */
  readonly nextRetryAt: number | undefined;
}

export interface SessionsChange {
  readonly added: readonly SessionEntry[];
  readonly changed: readonly { readonly previous: SessionEntry; readonly current: SessionEntry }[];
  readonly removed: readonly SessionEntry[];
}

export interface SessionsStoreDependencies {
  client: ManagedAgentsClient;
  settings: Settings;
  keyStore: ApiKeyStore;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

export class SessionsStore implements vscode.Disposable {
  private readonly sessionsChanged = new vscode.EventEmitter<SessionsChange>();
  readonly onDidChangeSessions = this.sessionsChanged.event;
  private readonly stateChanged = new vscode.EventEmitter<SessionsStoreState>();
  readonly onDidChangeState = this.stateChanged.event;
  private readonly optionsChanged = new vscode.EventEmitter<SessionsViewOptions>();
  readonly onDidChangeOptions = this.optionsChanged.event;

  private entryList: SessionEntry[] = [];
  private byId = new Map<string, SessionEntry>();
  private nextCursor: string | undefined;
  private viewOptions: SessionsViewOptions;
  private currentState: SessionsStoreState = {
    load: 'notLoaded',
    loading: false,
    stale: false,
    error: undefined,
    lastSuccessAt: undefined,
    hasMore: false,
    retrying: false,
    nextRetryAt: undefined,
  };
  /** Ends requests still in flight when the store goes away. */
  private readonly lifetime = new AbortController();
  readonly policy: RefreshPolicy;

  /** Bumped when filters, key or server change, so answers to older requests are dropped. */
  private generation = 0;
  /** After a filter change the next load replaces the list instead of merging into it. */
  private replaceOnNextLoad = false;
  private queue: Promise<unknown> = Promise.resolve();
  private queuedRefresh: Promise<void> | undefined;
  private firstLoad: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopReasonChecks = new Map<string, StopReasonCheck>();
  private readonly checkingStopReason = new Set<string>();
  private lastSettings: SettingsSnapshot;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(private readonly deps: SessionsStoreDependencies) {
    this.viewOptions = sanitizeViewOptions(deps.workspaceState.get(VIEW_OPTIONS_KEY));
    this.lastSettings = deps.settings.current;
    this.policy = new RefreshPolicy({ activeSeconds: this.lastSettings.activeRefreshSeconds, idleSeconds: this.lastSettings.idleRefreshSeconds });
    this.disposables.push(
      this.sessionsChanged,
      this.stateChanged,
      this.optionsChanged,
      deps.settings.onDidChange((settings) => this.settingsChanged(settings)),
      deps.keyStore.onDidChange((hasKey) => this.keyChanged(hasKey)),
    );
  }

  get sessions(): readonly SessionEntry[] {
    return this.entryList;
  }

  get(id: string): SessionEntry | undefined {
    return this.byId.get(id);
  }

  /** The threads of a multiagent session, the primary first (read when its row is expanded, not polled). */
  async threadsOf(sessionId: string): Promise<SessionThread[]> {
    return this.deps.client.sessions.threads.list(sessionId, {}, { signal: this.lifetime.signal }).toArray();
  }

  get state(): SessionsStoreState {
    return this.currentState;
  }

  get options(): SessionsViewOptions {
    return this.viewOptions;
  }

  /** Refreshes now, whatever the policy says. Calls while one waits to start share it. Never rejects. */
  refresh(): Promise<void> {
    if (this.queuedRefresh) return this.queuedRefresh;
    const run = this.exclusive(async () => {
      this.queuedRefresh = undefined;
      await this.load();
    });
    this.queuedRefresh = run;
    if (this.currentState.load === 'notLoaded') this.firstLoad ??= run;
    return run;
  }

  /** Loads the first page unless something already did (the tree's first request). */
  ensureLoaded(): Promise<void> {
    if (this.currentState.load !== 'notLoaded') return Promise.resolve();
    return this.firstLoad ?? this.refresh();
  }

  /** Fetches the next page. Rejects with the API's error so the command can show it. */
  loadMore(): Promise<void> {
    return this.exclusive(async () => {
      const cursor = this.nextCursor;
      if (!cursor) return;
      const generation = this.generation;
      const limit = this.deps.settings.current.pageSize;
      try {
        const page = await this.deps.client.sessions.list(listParams(this.viewOptions, limit, cursor), { signal: this.lifetime.signal }).firstPage();
        if (generation !== this.generation) return;
        this.nextCursor = page.next_page ?? undefined;
        const { sessions, diff } = appendPage(this.currentSessions(), sanitizeSessions(page.data ?? []));
        this.apply(sessions, diff);
        this.setState({ hasMore: Boolean(this.nextCursor) });
        void this.checkStopReasons();
      } catch (error) {
        if (isAuthFailure(error)) this.enterNoKey(error);
        throw error;
      }
    });
  }

  /**
   * Reads one session again (after an action on it) and puts it in place, or removes it when it is
   * gone or no longer matches the filters. Rejects with the API's error (404 excepted).
   */
  async refreshSession(id: string, options: { expectActivity?: boolean } = {}): Promise<SessionEntry | undefined> {
    if (options.expectActivity) this.policy.expectActivity(Date.now() + EXPECT_ACTIVITY_MS);
    const generation = this.generation;
    let session: Session | undefined;
    try {
      session = sanitizeSession(await this.deps.client.sessions.retrieve(id, { signal: this.lifetime.signal }));
    } catch (error) {
      if (!(error instanceof APIError && error.isNotFound)) throw error;
    }
    if (generation === this.generation && this.currentState.load !== 'noKey') {
      const listed = session && matchesOptions(session, this.viewOptions) ? session : undefined;
      const { sessions, diff } = upsertSession(this.currentSessions(), id, listed);
      this.apply(sessions, diff);
      if (listed) void this.checkStopReasons();
    }
    this.reschedule();
    return this.byId.get(id) ?? (session ? { session } : undefined);
  }

  /** Re-reads a session after an action on it; a failure here only means the row updates at the next refresh. */
  async refreshAfterAction(id: string, options: { expectActivity?: boolean } = {}): Promise<void> {
    try {
      await this.refreshSession(id, options);
    } catch (error) {
      this.deps.log.warn(`Could not refresh session ${id} after an action: ${describeError(error)}`);
    }
  }

  /** Drops a session known to be gone (deleted). */
  removeSession(id: string): void {
    const { sessions, diff } = upsertSession(this.currentSessions(), id, undefined);
    this.apply(sessions, diff);
  }

  async updateOptions(patch: Partial<SessionsViewOptions>): Promise<void> {
    const next = sanitizeViewOptions({ ...this.viewOptions, ...patch });
    const reload = filtersDiffer(this.viewOptions, next);
    this.viewOptions = next;
    await this.deps.workspaceState.update(VIEW_OPTIONS_KEY, next);
    this.optionsChanged.fire(next);
    if (reload) {
      this.generation++;
      this.replaceOnNextLoad = true;
      if (this.currentState.load !== 'noKey') await this.refresh();
    }
  }

  setViewVisible(visible: boolean): void {
    this.policy.setViewVisible(visible);
    this.reschedule();
  }

  setWindowFocused(focused: boolean): void {
    this.policy.setWindowFocused(focused);
    this.reschedule();
  }

  dispose(): void {
    this.disposed = true;
    this.lifetime.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  // ---- loading ----------------------------------------------------------------------------

  private async load(): Promise<void> {
    this.setState({ loading: true });
    try {
      // A filter, key or server change during the request makes its answer meaningless: ask again.
      for (let attempt = 0; attempt < 3 && (await this.loadOnce()) === 'superseded'; attempt++);
    } finally {
      this.setState({ loading: false });
      this.reschedule();
    }
  }

  private async loadOnce(): Promise<'done' | 'superseded'> {
    const generation = this.generation;
    const replaceAll = this.replaceOnNextLoad;
    const loaded = replaceAll ? 0 : this.entryList.length;
    // Re-read every loaded session in one request (up to the API's page limit) to see changes and removals.
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(this.deps.settings.current.pageSize, loaded));
    try {
      const page = await this.deps.client.sessions.list(listParams(this.viewOptions, limit), { signal: this.lifetime.signal }).firstPage();
      if (generation !== this.generation) return 'superseded';
      const { sessions, diff } = mergeRefreshed(this.currentSessions(), sanitizeSessions(page.data ?? []), { reachedEnd: !page.next_page, replaceAll });
      this.replaceOnNextLoad = false;
      // Beyond one page of loaded sessions, the old cursor still points past the last loaded one.
      if (loaded <= limit) this.nextCursor = page.next_page ?? undefined;
      this.apply(sessions, diff);
      this.policy.record({ kind: 'ok', anyActive: this.anyActive() }, Date.now());
      this.setState({ load: 'loaded', stale: false, error: undefined, lastSuccessAt: Date.now(), hasMore: Boolean(this.nextCursor), retrying: false, nextRetryAt: undefined });
      void this.checkStopReasons();
    } catch (error) {
      if (generation !== this.generation || this.disposed) return 'superseded';
      if (isAuthFailure(error)) {
        this.enterNoKey(error);
      } else {
        this.policy.record({ kind: 'error' }, Date.now());
        const retrying = isTransientError(error);
        this.deps.log.warn(`Sessions refresh failed${retrying ? ` (attempt ${this.policy.errorCount}; retrying in ${Math.round(this.policy.intervalMs() / 1000)} s)` : ''}: ${describeError(error)}`);
        this.setState({ load: 'error', stale: this.entryList.length > 0, error, retrying });
      }
    }
    return 'done';
  }

  private enterNoKey(error: unknown): void {
    this.policy.record({ kind: 'unauthorized' }, Date.now());
    this.generation++;
    this.nextCursor = undefined;
    this.stopReasonChecks.clear();
    // Sessions of a rejected key are not shown: the welcome view asks for a key instead.
    this.apply([], { added: [], changed: [], removed: this.currentSessions() });
    this.setState({ load: 'noKey', stale: false, error, hasMore: false, retrying: false, nextRetryAt: undefined });
    this.reschedule();
  }

  private keyChanged(hasKey: boolean): void {
    if (!hasKey) {
      this.enterNoKey(new MissingApiKeyError());
      return;
    }
    // Another key may see other sessions.
    this.policy.keyChanged();
    this.generation++;
    this.replaceOnNextLoad = true;
    if (this.currentState.load !== 'notLoaded') void this.refresh();
  }

  private settingsChanged(settings: SettingsSnapshot): void {
    const previous = this.lastSettings;
    this.lastSettings = settings;
    this.policy.configure({ activeSeconds: settings.activeRefreshSeconds, idleSeconds: settings.idleRefreshSeconds });
    const elsewhere = previous.baseUrl !== settings.baseUrl || previous.workspaceId !== settings.workspaceId;
    if (elsewhere || previous.pageSize !== settings.pageSize) {
      if (elsewhere) this.policy.keyChanged();
      this.generation++;
      this.replaceOnNextLoad = true;
      // Through the queue: the client is reconfigured by another listener of the same event first.
      if (this.currentState.load !== 'notLoaded') void this.refresh();
      return;
    }
    // Another proxy or certificate setting: the same sessions, maybe reachable now (or no longer).
    if (JSON.stringify(previous.network) !== JSON.stringify(settings.network) && (this.currentState.load === 'loaded' || this.currentState.load === 'error')) {
      void this.refresh();
      return;
    }
    this.reschedule();
  }

  private reschedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed) return;
    const at = this.policy.nextRefreshAt();
    if (this.currentState.load === 'error') this.setState({ nextRetryAt: at === undefined ? undefined : Math.max(at, Date.now()) });
    if (at === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A refresh under way schedules the next one when it ends.
      if (!this.currentState.loading) void this.refresh();
    }, Math.max(0, at - Date.now()));
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ---- applying changes -------------------------------------------------------------------

  private currentSessions(): Session[] {
    return this.entryList.map((entry) => entry.session);
  }

  private apply(sessions: Session[], diff: SessionsDiff): void {
    const previous = this.byId;
    const entries = sessions.map((session): SessionEntry => {
      const before = previous.get(session.id);
      // Unchanged sessions keep their entry, so nothing downstream sees a change.
      if (before && sameSession(before.session, session)) return before;
      return { session, stopReason: carryStopReason(before, session) };
    });
    this.entryList = entries;
    this.byId = new Map(entries.map((entry) => [entry.session.id, entry]));
    for (const removed of diff.removed) this.stopReasonChecks.delete(removed.id);
    this.policy.setAnyActive(this.anyActive());
    if (isEmptyDiff(diff)) return;
    this.sessionsChanged.fire({
      added: diff.added.map((session) => this.byId.get(session.id)!).filter(Boolean),
      changed: diff.changed
        .map(({ current }) => ({ previous: previous.get(current.id)!, current: this.byId.get(current.id)! }))
        .filter((pair) => pair.previous && pair.current),
      removed: diff.removed.map((session) => previous.get(session.id)!).filter(Boolean),
    });
  }

  private anyActive(): boolean {
    return this.entryList.some((entry) => !entry.session.archived_at && isActive(entry.session.status));
  }

  private setState(patch: Partial<SessionsStoreState>): void {
    const next = { ...this.currentState, ...patch };
    const changed = (Object.keys(patch) as (keyof SessionsStoreState)[]).some((key) => next[key] !== this.currentState[key]);
    this.currentState = next;
    if (changed) this.stateChanged.fire(next);
  }

  // ---- stop reasons -----------------------------------------------------------------------

  /**
   * The list does not say why an idle session stopped; its last `session.status_idle` event does.
   * Asked only for idle sessions that changed since they were last asked about (a few per refresh).
   */
  private async checkStopReasons(): Promise<void> {
    const candidates = this.entryList
      .filter((entry) => !this.checkingStopReason.has(entry.session.id) && needsStopReasonCheck(entry.session, this.stopReasonChecks.get(entry.session.id)))
      .slice(0, MAX_STOP_REASON_CHECKS);
    for (const entry of candidates) this.checkingStopReason.add(entry.session.id);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < candidates.length && !this.disposed) await this.checkStopReason(candidates[next++].session);
    };
    await Promise.all(Array.from({ length: Math.min(STOP_REASON_CONCURRENCY, candidates.length) }, worker));
    for (const entry of candidates) this.checkingStopReason.delete(entry.session.id);
  }

  private async checkStopReason(session: Session): Promise<void> {
    const id = session.id;
    const generation = this.generation;
    let reason: StopReasonType | undefined;
    try {
      const page = await this.deps.client.sessions.events.list(id, { order: 'desc', types: ['session.status_idle'], limit: 1 }, { signal: this.lifetime.signal }).firstPage();
      const event = (page.data ?? []).find((candidate) => candidate.type === 'session.status_idle');
      reason = event?.type === 'session.status_idle' ? event.stop_reason?.type : undefined;
    } catch (error) {
      this.deps.log.debug(`Could not read why session ${id} stopped: ${describeError(error)}`);
    }
    if (generation !== this.generation) return;
    // Asked once per version of the session, even when the request failed, so errors do not repeat every poll.
    this.stopReasonChecks.set(id, { updatedAt: session.updated_at });
    const entry = this.byId.get(id);
    if (!entry || entry.session.updated_at !== session.updated_at || entry.stopReason === reason) return;
    const current: SessionEntry = { session: entry.session, stopReason: reason };
    this.entryList = this.entryList.map((candidate) => (candidate === entry ? current : candidate));
    this.byId.set(id, current);
    this.sessionsChanged.fire({ added: [], changed: [{ previous: entry, current }], removed: [] });
  }
}
