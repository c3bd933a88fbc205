// Tells the user when a session they saw running stops to wait for them (requires_action), stops at
// its budget (budget_reached) or terminates, with a button to open it (and to raise the budget).
import * as vscode from 'vscode';
import { describeBudget } from './budget';
import { sessionLabel } from '../webview/format';
import type { SessionDialogs } from './sessionDialogs';
import type { SessionsChange, SessionsStore } from './store/sessionsStore';
import { isActive, type SessionEntry } from './sessionState';
import { OPEN_HISTORY, RAISE_BUDGET } from '../commandIds';

const SETTING = 'managedAgents.notifyWhenSessionsStop';
const OPEN = 'Open';
const RAISE_BUDGET_ACTION = 'Raise Budget…';

export class SessionNotifications implements vscode.Disposable {
  /** Sessions seen running or rescheduling and not yet reported as stopped. */
  private readonly seenActive = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    store: SessionsStore,
    private readonly dialogs: SessionDialogs,
  ) {
    this.subscription = store.onDidChangeSessions((change) => this.onChange(change));
  }

  private onChange(change: SessionsChange): void {
    for (const entry of change.removed) this.seenActive.delete(entry.session.id);
    for (const entry of [...change.added, ...change.changed.map((pair) => pair.current)]) this.consider(entry);
  }

  private consider(entry: SessionEntry): void {
    const { session } = entry;
    if (session.archived_at) {
      this.seenActive.delete(session.id);
      return;
    }
    if (isActive(session.status)) {
      this.seenActive.add(session.id);
      return;
    }
    if (!this.seenActive.has(session.id)) return;
    if (session.status === 'terminated') {
      this.seenActive.delete(session.id);
      void this.notify('warning', `Session "${sessionLabel(session)}" terminated.`, session.id);
      return;
    }
    // Idle: the reason arrives in a later change, once the store has read it.
    if (entry.stopReason === undefined) return;
    this.seenActive.delete(session.id);
    if (entry.stopReason === 'requires_action') {
      void this.notify('info', `Session "${sessionLabel(session)}" needs your input: a tool call waits for confirmation or a result.`, session.id);
    } else if (entry.stopReason === 'budget_reached') {
      const spent = describeBudget(session);
      const message = `Session "${sessionLabel(session)}" stopped: it reached its budget${spent ? ` (${spent})` : ''}. Raise the budget to let it go on.`;
      void this.notify('warning', message, session.id, [RAISE_BUDGET_ACTION]);
    }
  }

  private async notify(severity: 'info' | 'warning', message: string, sessionId: string, actions: string[] = []): Promise<void> {
    if (vscode.workspace.getConfiguration().get<boolean>(SETTING) === false) return;
    const choice = await this.dialogs.notify(severity, message, [...actions, OPEN]);
    if (choice === RAISE_BUDGET_ACTION) await vscode.commands.executeCommand(RAISE_BUDGET, sessionId);
    else if (choice === OPEN) await vscode.commands.executeCommand(OPEN_HISTORY, sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
