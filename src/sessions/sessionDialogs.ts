// The dialogs and notifications the session commands use, in one object whose methods the
// integration tests replace with answers: modal dialogs cannot be clicked in the test host.
import * as vscode from 'vscode';
import type { Session } from '../api';
import { relativeTime, sessionLabel } from '../webview/format';
import type { SessionEntry } from './sessionState';
import { STATUS_LABELS } from './store/viewOptions';

export interface SessionDialogs {
  /** A modal question with one confirming action; true when it was chosen. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A modal question with several actions; the chosen one, or undefined for Cancel. */
  choose<T extends string>(message: string, detail: string, actions: readonly T[]): Promise<T | undefined>;
  /** Asks for a message to send; `draft` is text kept from an earlier attempt. */
  askMessage(session: Session, draft: string | undefined, problem?: string): Promise<string | undefined>;
  pickSession(entries: readonly SessionEntry[], placeholder: string): Promise<SessionEntry | undefined>;
  /** A non-modal notification; the chosen action, if any. */
  notify(severity: 'info' | 'warning', message: string, actions: readonly string[]): Promise<string | undefined>;
}

export function createSessionDialogs(): SessionDialogs {
  return {
    async confirm(message, detail, action) {
      const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
      return choice === action;
    },
    async choose(message, detail, actions) {
      return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
    },
    async askMessage(session, draft, problem) {
      return vscode.window.showInputBox({
        title: `Send a message to "${sessionLabel(session)}"`,
        prompt: problem ? `Not sent: ${problem} Edit and press Enter to try again, or Escape to keep it as a draft.` : 'The agent reads it as the next user turn.',
        value: draft,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : 'Type a message, or press Escape to cancel.'),
      });
    },
    async pickSession(entries, placeholder) {
      const items = entries.map((entry) => ({
        label: sessionLabel(entry.session),
        description: [STATUS_LABELS[entry.session.status], entry.session.agent?.name, relativeTime(entry.session.updated_at)].filter(Boolean).join(' · '),
        detail: entry.session.id,
        entry,
      }));
      const picked = await vscode.window.showQuickPick(items, { placeHolder: placeholder, matchOnDescription: true, matchOnDetail: true });
      return picked?.entry;
    },
    async notify(severity, message, actions) {
      const show = severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      return show(message, ...actions);
    },
  };
}
