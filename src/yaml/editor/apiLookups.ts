// Agents, environments and session titles for pickers, completion and CodeLens titles, cached
// briefly so typing never waits on the network twice. Forgotten when the key or server changes.
// A cached list older than a few seconds is still served, but refreshed behind it, so an agent made
// in the Console shows at the next keystroke; a load that hangs is replaced rather than waited on.
import type * as vscode from 'vscode';
import type { Agent, Environment, ManagedAgentsClient, Session } from '../../api';
import type { ApiKeyStore } from '../../auth/apiKeyStore';
import type { Settings } from '../../shared/settings';

const TTL_MS = 60_000;
const REFRESH_AFTER_MS = 10_000;
const STUCK_AFTER_MS = 8_000;
const MAX_LISTED = 500;

interface Cached<T> {
  at: number;
  value: Promise<T>;
  settled: boolean;
  /** The load that will replace this entry once it succeeds. */
  refreshing?: Promise<void>;
}

/** The first MAX_LISTED items of a list, without the archived ones. */
async function unarchived<T extends { archived_at?: string | null }>(list: { toArray(max?: number): Promise<T[]> }): Promise<T[]> {
  return (await list.toArray(MAX_LISTED)).filter((item) => !item.archived_at);
}

export class ApiLookups implements vscode.Disposable {
  private agentList: Cached<Agent[]> | undefined;
  private environmentList: Cached<Environment[]> | undefined;
  private readonly sessionsById = new Map<string, Cached<Session | undefined>>();
  private readonly subscriptions: vscode.Disposable[];
  /** Bumped by forget(), so a refresh started before it cannot bring old answers back. */
  private generation = 0;

  constructor(
    private readonly client: Pick<ManagedAgentsClient, 'agents' | 'environments' | 'sessions'>,
    keyStore: Pick<ApiKeyStore, 'onDidChange'>,
    settings: Pick<Settings, 'onDidChange'>,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions = [keyStore.onDidChange(() => this.forget()), settings.onDidChange(() => this.forget())];
  }

  /** Unarchived agents, newest first. `fresh` skips the cache (pickers show current data). */
  agents(options: { fresh?: boolean } = {}): Promise<Agent[]> {
    return this.cached(
      this.agentList,
      options.fresh,
      () => unarchived(this.client.agents.list({ limit: 100 })),
      (entry) => (this.agentList = entry),
    ).value;
  }

  /** Every version of an agent, newest first, as the API lists them; never cached (only New Session asks, once per run). */
  agentVersions(agentId: string): Promise<Agent[]> {
    return this.client.agents.versions(agentId, { limit: 100 }).toArray(MAX_LISTED);
  }

  environments(options: { fresh?: boolean } = {}): Promise<Environment[]> {
    return this.cached(
      this.environmentList,
      options.fresh,
      () => unarchived(this.client.environments.list({ limit: 100 })),
      (entry) => (this.environmentList = entry),
    ).value;
  }

  /** A session by id; undefined when it does not exist (other failures reject). */
  session(id: string): Promise<Session | undefined> {
    return this.cached(
      this.sessionsById.get(id),
      false,
      async () => {
        try {
          return await this.client.sessions.retrieve(id);
        } catch (error) {
          if ((error as { isNotFound?: boolean }).isNotFound) return undefined;
          throw error;
        }
      },
      (entry) => this.sessionsById.set(id, entry),
    ).value;
  }

  forget(): void {
    this.generation++;
    this.agentList = undefined;
    this.environmentList = undefined;
    this.sessionsById.clear();
  }

  private cached<T>(current: Cached<T> | undefined, fresh: boolean | undefined, load: () => Promise<T>, store: (entry: Cached<T>) => void): Cached<T> {
    const now = this.now();
    const generation = this.generation;
    const usable = current && !fresh && now - current.at < TTL_MS && (current.settled || now - current.at < STUCK_AFTER_MS);
    if (!usable) {
      const entry = this.load(load);
      store(entry);
      return entry;
    }
    if (current.settled && now - current.at >= REFRESH_AFTER_MS && !current.refreshing) {
      const next = this.load(load);
      current.refreshing = next.value.then(
        () => {
          if (generation === this.generation) store(next);
        },
        () => undefined,
      ).finally(() => {
        current.refreshing = undefined;
      });
    }
    return current;
  }

  private load<T>(load: () => Promise<T>): Cached<T> {
    const entry: Cached<T> = { at: this.now(), value: load(), settled: false };
    entry.value.then(
      () => {
        entry.settled = true;
      },
      () => {
        // A failure is not cached: the next caller tries again.
        entry.settled = true;
        entry.at = 0;
      },
    );
    return entry;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
