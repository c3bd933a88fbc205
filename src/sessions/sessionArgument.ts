// Session commands run from a tree row (a SessionNode), from other code (a session id or object),
// or from the Command Palette (no argument: ask with a quick pick).
import * as vscode from 'vscode';
import { MissingApiKeyError, type Session } from '../api';
import { showError } from '../shared/errors';
import { isCancellation } from '../shared/progress';
import { SessionNode } from './tree/sessionNode';
import type { SessionsFeature } from './sessionsFeature';
import type { SessionEntry } from './sessionState';

export interface SessionQuestion {
  /** Quick pick placeholder, e.g. "Interrupt which session?". */
  placeholder: string;
  /** Which loaded sessions the quick pick offers. */
  eligible: (entry: SessionEntry) => boolean;
  /** Said when no loaded session is eligible. */
  noneMessage: string;
}

export async function resolveSessionArgument(sessions: SessionsFeature, argument: unknown, question: SessionQuestion): Promise<Session | undefined> {
  if (argument instanceof SessionNode) return argument.entry.session;
  if (isSession(argument)) return argument;
  const id = typeof argument === 'string' ? argument : sessionIdOf(argument);
  if (id) {
    const known = sessions.store.get(id);
    if (known) return known.session;
    try {
      return await sessions.withProgress('Loading session…', (signal) => sessions.services.client.sessions.retrieve(id, { signal }));
    } catch (error) {
      void showError(`Could not load session ${id}`, error);
      return undefined;
    }
  }
  try {
    await sessions.withProgress('Loading sessions…', () => sessions.store.ensureLoaded());
  } catch (error) {
    if (isCancellation(error)) return undefined;
    throw error;
  }
  const { load, error } = sessions.store.state;
  if (load === 'noKey') {
    void showError('Sessions are not available', error ?? new MissingApiKeyError());
    return undefined;
  }
  const entries = sessions.store.sessions.filter(question.eligible);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(load === 'error' ? `${question.noneMessage} (The list could not be refreshed.)` : question.noneMessage);
    return undefined;
  }
  return (await sessions.ui.pickSession(entries, question.placeholder))?.session;
}

function isSession(value: unknown): value is Session {
  return typeof value === 'object' && value !== null && (value as Session).type === 'session' && typeof (value as Session).id === 'string';
}

/** `{ sessionId }` or `{ id }` objects, as other views and webviews pass them. */
function sessionIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = (value as { sessionId?: unknown; id?: unknown }).sessionId ?? (value as { id?: unknown }).id;
  return typeof candidate === 'string' && candidate ? candidate : undefined;
}
