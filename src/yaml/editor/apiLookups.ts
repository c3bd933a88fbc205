// Agents, environments and session titles for pickers, completion and CodeLens titles, cached
// briefly so typing never waits on the network twice. Forgotten when the key or server changes.
import type * as vscode from 'vscode';
import type { Agent, Environment, ManagedAgentsClient, Session } from '../../api';
import type { ApiKeyStore } from '../../auth/apiKeyStore';
import type { Settings } from '../../settings';

const TTL_MS = 60_000;
const MAX_LISTED = 500;

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

export class ApiLookups implements vscode.Disposable {
  private agentList: Cached<Agent[]> | undefined;
  private environmentList: Cached<Environment[]> | undefined;
  private readonly sessionsById = new Map<string, Cached<Session | undefined>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly client: ManagedAgentsClient,
    keyStore: ApiKeyStore,
    settings: Settings,
  ) {
    this.subscriptions = [keyStore.onDidChange(() => this.forget()), settings.onDidChange(() => this.forget())];
  }

  /** Unarchived agents, newest first. `fresh` skips the cache (pickers show current data). */
  agents(options: { fresh?: boolean } = {}): Promise<Agent[]> {
    this.agentList = this.cached(this.agentList, options.fresh, async () =>
      (await this.client.agents.list({ limit: 100 }).toArray(MAX_LISTED)).filter((agent) => !agent.archived_at),
    );
    return this.agentList.value;
  }

  environments(options: { fresh?: boolean } = {}): Promise<Environment[]> {
    this.environmentList = this.cached(this.environmentList, options.fresh, async () =>
      (await this.client.environments.list({ limit: 100 }).toArray(MAX_LISTED)).filter((environment) => !environment.archived_at),
    );
    return this.environmentList.value;
  }

  /** A session by id; undefined when it does not exist (other failures reject). */
  session(id: string): Promise<Session | undefined> {
    const entry = this.cached(this.sessionsById.get(id), false, async () => {
      try {
        return await this.client.sessions.retrieve(id);
      } catch (error) {
        if ((error as { isNotFound?: boolean }).isNotFound) return undefined;
        throw error;
      }
    });
    this.sessionsById.set(id, entry);
    return entry.value;
  }

  forget(): void {
    this.agentList = undefined;
    this.environmentList = undefined;
    this.sessionsById.clear();
  }

  private cached<T>(current: Cached<T> | undefined, fresh: boolean | undefined, load: () => Promise<T>): Cached<T> {
    if (current && !fresh && Date.now() - current.at < TTL_MS) return current;
    const entry: Cached<T> = { at: Date.now(), value: load() };
    // A failure is not cached: the next caller tries again.
    entry.value.catch(() => {
      entry.at = 0;
    });
    return entry;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
