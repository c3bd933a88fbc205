// Asks before the API key goes where the user did not send it: to a plain-http host that is not this
// machine, or to an address that the workspace's or a folder's settings put in "managedAgents.baseUrl"
// instead of the user's own (a cloned repository can do that). The answer "send" is remembered per
// origin and per concern (in global state: origins only, never the key); "Cancel" is remembered until
// the settings change, so background refreshes do not ask again and again. Until the user agrees, the
// client sends nothing there: the key provider throws KeyWithheldError.
import * as vscode from 'vscode';
import { KeyWithheldError } from '../api';
import type { WorkspaceOverride } from '../shared/settings';
import { keyDestination } from './keyDestination';

/** Where the origins the user allowed are kept, per concern. */
const ALLOWED_KEYS = { insecure: 'managedAgents.insecureOriginsAllowed', workspace: 'managedAgents.workspaceOriginsAllowed' } as const;
export type KeyConcern = keyof typeof ALLOWED_KEYS;
const SEND_ANYWAY = 'Send anyway';

/** What the user is asked about one origin. */
export interface KeyQuestion {
  origin: string;
  host: string;
  /** Plain http to another machine: the key would cross the network unencrypted. */
  insecure: boolean;
  /** Set when the base URL comes from the workspace's or a folder's settings, not the user's own. */
  workspace?: WorkspaceOverride;
}

/** Shows the question; true when the user chose to send the key. Replaceable in tests. */
export type ConfirmKeyDestination = (origin: string, question: KeyQuestion) => Promise<boolean>;

/** The modal's words for a question. */
function keyQuestionText(question: KeyQuestion): { message: string; detail: string; button: string } {
  const { origin, host, insecure, workspace } = question;
  const unencrypted = 'Anyone on the network path could read the key.';
  if (!workspace) {
    return {
      message: `Send your API key to ${origin} without encryption?`,
      detail:
        `"managedAgents.baseUrl" points to ${origin}: plain http, and not this machine. ${unencrypted} ` +
        'Use an https URL unless you trust this network (for example a proxy on your own LAN). Your answer is remembered for this address.',
      button: SEND_ANYWAY,
    };
  }
  return {
    message: `${workspace.label} send your API key to ${host}. Allow it?`,
    detail:
      `"managedAgents.baseUrl" is ${workspace.value} in ${workspace.file}, instead of your own ${workspace.userValue}. ` +
      `A repository you open can set this, so nothing is sent there until you allow it: allow it only if you trust this folder and ${host}.` +
      (insecure ? ` It is also plain http, not to this machine. ${unencrypted}` : '') +
      ' Your answer is remembered for this address.',
    button: `Send to ${host}`,
  };
}

export class BaseUrlGuard {
  /** The question asked; tests replace it. */
  confirm: ConfirmKeyDestination = async (_origin, question) => {
    const { message, detail, button } = keyQuestionText(question);
    return (await this.showModal(message, detail, button)) === button;
  };
  /** Shows the modal and resolves with the button chosen; tests replace it to read what the user sees and answer. */
  showModal = (message: string, detail: string, button: string): Thenable<string | undefined> => vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  private readonly declined = new Set<string>();
  private readonly asking = new Map<string, Promise<boolean>>();
  /** How many requests were held back (tests and the log read it). */
  withheld = 0;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log?: vscode.LogOutputChannel,
    /** The base URL set by the workspace or a folder, when that is the one in effect. */
    private readonly baseUrlOverride: () => WorkspaceOverride | undefined = () => undefined,
  ) {}

  /** Resolves when the key may be sent to `baseURL`; throws KeyWithheldError (sending nothing) otherwise. */
  async authorize(baseURL: string): Promise<void> {
    const question = this.questionFor(baseURL);
    if (!question) return;
    const { origin } = question;
    if (!this.declined.has(origin)) {
      let asked = this.asking.get(origin);
      if (!asked) {
        asked = this.ask(question).finally(() => this.asking.delete(origin));
        this.asking.set(origin, asked);
      }
      if (await asked) return;
    }
    this.withheld++;
    throw new KeyWithheldError(origin, question.workspace ? 'workspace' : 'insecure');
  }

  /** The settings changed: a declined address may be asked about again. */
  settingsChanged(): void {
    this.declined.clear();
  }

  /** Every origin the user allowed the key to go to, for either concern. */
  allowedOrigins(): string[] {
    return [...new Set([...this.allowed('insecure'), ...this.allowed('workspace')])];
  }

  /** Remembers that the key may go to `origin` despite these concerns (what agreeing to the question does). */
  async allow(origin: string, concerns: readonly KeyConcern[]): Promise<void> {
    this.declined.delete(origin);
    for (const concern of concerns) await this.memento.update(ALLOWED_KEYS[concern], [...new Set([...this.allowed(concern), origin])]);
  }

  /** Forgets what was allowed for these origins: the next request there asks again. */
  async forget(origins: readonly string[]): Promise<void> {
    for (const origin of origins) this.declined.delete(origin);
    for (const concern of Object.keys(ALLOWED_KEYS) as KeyConcern[]) {
      const kept = this.allowed(concern).filter((origin) => !origins.includes(origin));
      await this.memento.update(ALLOWED_KEYS[concern], kept.length ? kept : undefined);
    }
    if (origins.length) this.log?.info(`The API key will be withheld again from ${origins.join(', ')} until confirmed.`);
  }

  /** Forgets every answer. */
  async reset(): Promise<void> {
    this.declined.clear();
    for (const key of Object.values(ALLOWED_KEYS)) await this.memento.update(key, undefined);
  }

  /** What must be asked before the key goes to `baseURL`; undefined when it may go. */
  private questionFor(baseURL: string): KeyQuestion | undefined {
    const destination = keyDestination(baseURL);
    const { origin } = destination;
    const insecure = !destination.safe && !this.allowed('insecure').includes(origin);
    const override = this.baseUrlOverride();
    const fromWorkspace = override !== undefined && originOf(override.value) === origin && originOf(override.userValue) !== origin && !this.allowed('workspace').includes(origin);
    if (!insecure && !fromWorkspace) return undefined;
    return { origin, host: destination.safe ? hostOf(origin) : destination.host, insecure, ...(fromWorkspace ? { workspace: override } : {}) };
  }

  private allowed(concern: KeyConcern): string[] {
    const stored = this.memento.get<unknown>(ALLOWED_KEYS[concern]);
    return Array.isArray(stored) ? stored.filter((value): value is string => typeof value === 'string') : [];
  }

  private async ask(question: KeyQuestion): Promise<boolean> {
    const { origin, workspace } = question;
    let allowed = false;
    try {
      allowed = await this.confirm(origin, question);
    } catch (error) {
      this.log?.warn(`Could not ask whether to send the API key to ${origin}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const where = workspace ? `set in ${workspace.file}` : 'plain http';
    if (allowed) {
      await this.allow(origin, [...(question.insecure ? (['insecure'] as const) : []), ...(workspace ? (['workspace'] as const) : [])]);
      this.log?.info(`The API key may be sent to ${origin} (${where}; confirmed by the user).`);
    } else {
      this.declined.add(origin);
      this.log?.warn(`The API key is not sent to ${origin} (${workspace ? `set in ${workspace.file}, not in your own settings` : 'plain http to another machine'}; not confirmed).`);
    }
    return allowed;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
