// Asks before the API key goes to a plain-http host that is not this machine. The answer "Send
// anyway" is remembered per origin (in global state: the origin only, never the key); "Cancel" is
// remembered until the base URL setting changes, so background refreshes do not ask again and again.
// Until the user agrees, the client sends nothing there: the key provider throws KeyWithheldError.
import * as vscode from 'vscode';
import { KeyWithheldError } from '../api';
import { keyDestination } from './keyDestination';

const ALLOWED_KEY = 'managedAgents.insecureOriginsAllowed';
export const SEND_ANYWAY = 'Send anyway';

/** Shows the question; true when the user chose to send the key. Replaceable in tests. */
export type ConfirmInsecureOrigin = (origin: string) => Promise<boolean>;

export const confirmWithModal: ConfirmInsecureOrigin = async (origin) => {
  const choice = await vscode.window.showWarningMessage(
    `Send your API key to ${origin} without encryption?`,
    {
      modal: true,
      detail:
        `"managedAgents.baseUrl" points to ${origin}: plain http, and not this machine. Anyone on the network path could read the key. ` +
        'Use an https URL unless you trust this network (for example a proxy on your own LAN). Your answer is remembered for this address.',
    },
    SEND_ANYWAY,
  );
  return choice === SEND_ANYWAY;
};

export class BaseUrlGuard {
  /** The question asked; tests replace it. */
  confirm: ConfirmInsecureOrigin = confirmWithModal;
  private readonly declined = new Set<string>();
  private readonly asking = new Map<string, Promise<boolean>>();
  /** How many requests were held back (tests and the log read it). */
  withheld = 0;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  /** Resolves when the key may be sent to `baseURL`; throws KeyWithheldError (sending nothing) otherwise. */
  async authorize(baseURL: string): Promise<void> {
    const destination = keyDestination(baseURL);
    if (destination.safe) return;
    const { origin } = destination;
    if (this.allowedOrigins().includes(origin)) return;
    if (!this.declined.has(origin)) {
      let question = this.asking.get(origin);
      if (!question) {
        question = this.ask(origin).finally(() => this.asking.delete(origin));
        this.asking.set(origin, question);
      }
      if (await question) return;
    }
    this.withheld++;
    throw new KeyWithheldError(origin);
  }

  /** The settings changed: a declined address may be asked about again. */
  settingsChanged(): void {
    this.declined.clear();
  }

  allowedOrigins(): string[] {
    const stored = this.memento.get<unknown>(ALLOWED_KEY);
    return Array.isArray(stored) ? stored.filter((value): value is string => typeof value === 'string') : [];
  }

  /** Forgets the "Send anyway" for these origins: the next request there asks again. */
  async forget(origins: readonly string[]): Promise<void> {
    for (const origin of origins) this.declined.delete(origin);
    const kept = this.allowedOrigins().filter((origin) => !origins.includes(origin));
    await this.memento.update(ALLOWED_KEY, kept.length ? kept : undefined);
    if (origins.length) this.log?.info(`The API key will be withheld again from ${origins.join(', ')} until confirmed.`);
  }

  /** Forgets every answer. */
  async reset(): Promise<void> {
    this.declined.clear();
    await this.memento.update(ALLOWED_KEY, undefined);
  }

  private async ask(origin: string): Promise<boolean> {
    let allowed = false;
    try {
      allowed = await this.confirm(origin);
    } catch (error) {
      this.log?.warn(`Could not ask whether to send the API key to ${origin}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (allowed) {
      await this.memento.update(ALLOWED_KEY, [...new Set([...this.allowedOrigins(), origin])]);
      this.log?.info(`The API key may be sent to ${origin} (plain http; confirmed by the user).`);
    } else {
      this.declined.add(origin);
      this.log?.warn(`The API key is not sent to ${origin} (plain http to another machine; not confirmed).`);
    }
    return allowed;
  }
}
