// The API key lives in SecretStorage and nowhere else: not in settings, state, logs or the webview.
import * as vscode from 'vscode';

const SECRET_KEY = 'managedAgents.apiKey';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<boolean>();
  /** Fires with whether a key is now set. */
  readonly onDidChange = this.changed.event;
  private readonly listener: vscode.Disposable;
  private cached: Promise<string | undefined> | undefined;
  /** A development key being stored; reads wait for it so the first command sees the key. */
  private seeding: Promise<void> | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Another window may set or clear the key.
    this.listener = secrets.onDidChange(async (e) => {
      if (e.key !== SECRET_KEY) return;
      this.cached = undefined;
      this.changed.fire(Boolean(await this.get()));
    });
  }

  async get(): Promise<string | undefined> {
    if (this.seeding) await this.seeding.catch(() => undefined);
    return this.read();
  }

  private read(): Promise<string | undefined> {
    this.cached ??= Promise.resolve(this.secrets.get(SECRET_KEY)).then((key) => key || undefined);
    return this.cached;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key);
    this.cached = Promise.resolve(key);
    this.changed.fire(true);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.cached = Promise.resolve(undefined);
    this.changed.fire(false);
  }

  /**
   * For development and tests only (never in an installed extension): a key handed to the extension
   * host in MANAGED_AGENTS_API_KEY is stored when none is, so a simulator session starts signed in.
   */
  seedForDevelopment(mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const key = env.MANAGED_AGENTS_API_KEY;
    if (mode === vscode.ExtensionMode.Production || !key) return Promise.resolve();
    this.seeding = (async () => {
      if (!(await this.read())) await this.set(key);
    })().finally(() => (this.seeding = undefined));
    return this.seeding;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
