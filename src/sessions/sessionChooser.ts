// The session a command acts on: the one its argument names (see sessionArgument.ts), loaded when
// only its id is known, or else one the user picks from the loaded list.
import * as vscode from 'vscode';
import { MissingApiKeyError, type ManagedAgentsClient, type Session } from '../api';
import { showError } from '../shared/errors';
import { isCancellation } from '../shared/progress';
import { sessionFrom, sessionIdFrom } from './sessionArgument';
import type { SessionDialogs } from './sessionDialogs';
import type { SessionEntry } from './sessionState';
import type { SessionsView } from './sessionsView';
import type { SessionsStore } from './store/sessionsStore';

export interface SessionQuestion {
  /** Quick pick placeholder, e.g. "Interrupt which session?". */
  placeholder: string;
  /** Which loaded sessions the quick pick offers. */
  eligible: (entry: SessionEntry) => boolean;
  /** Said when no loaded session is eligible. */
  noneMessage: string;
  /** A session id to offer first (the one last used for the same thing). */
  first?: string;
}

export class SessionChooser {
  constructor(
    private readonly store: SessionsStore,
    private readonly client: ManagedAgentsClient,
    private readonly view: SessionsView,
    private readonly dialogs: SessionDialogs,
  ) {}

  /** The session `argument` names, else the one picked; undefined (after saying why, where needed) when there is none. */
  async choose(argument: unknown, question: SessionQuestion): Promise<Session | undefined> {
    const given = sessionFrom(argument);
    if (given) return given;
    const id = sessionIdFrom(argument);
    if (id) {
      const known = this.store.get(id);
      if (known) return known.session;
      try {
        return await this.view.withProgress('Loading session…', (signal) => this.client.sessions.retrieve(id, { signal }));
      } catch (error) {
        void showError(`Could not load session ${id}`, error);
        return undefined;
      }
    }
    try {
      await this.view.withProgress('Loading sessions…', () => this.store.ensureLoaded());
    } catch (error) {
      if (isCancellation(error)) return undefined;
      throw error;
    }
    const { load, error } = this.store.state;
    if (load === 'noKey') {
      void showError('Sessions are not available', error ?? new MissingApiKeyError());
      return undefined;
    }
    const entries = this.store.sessions.filter(question.eligible);
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(load === 'error' ? `${question.noneMessage} (The list could not be refreshed.)` : question.noneMessage);
      return undefined;
    }
    const ordered = question.first ? [...entries.filter((e) => e.session.id === question.first), ...entries.filter((e) => e.session.id !== question.first)] : entries;
    return (await this.dialogs.pickSession(ordered, question.placeholder))?.session;
  }
}
