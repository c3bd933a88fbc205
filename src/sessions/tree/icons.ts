// The sessions tree's icons, shared by the session rows and the status groups.
import * as vscode from 'vscode';
import type { SessionStatus } from '../../api';
import { budgetStopped, isArchived, needsAction, type SessionEntry } from '../sessionState';

/**
 * One icon per state: running spins, rescheduling is
 * a clock, idle an empty circle (a bell when it waits for the user, a card when its budget is
 * spent), terminated a slashed circle, archived a box.
 */
export function sessionIcon(entry: SessionEntry): vscode.ThemeIcon {
  if (isArchived(entry.session)) return new vscode.ThemeIcon('archive', new vscode.ThemeColor('disabledForeground'));
  if (needsAction(entry)) return new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('list.warningForeground'));
  if (budgetStopped(entry)) return new vscode.ThemeIcon('credit-card', new vscode.ThemeColor('list.warningForeground'));
  return statusIcon(entry.session.status);
}

export function statusIcon(status: SessionStatus | 'archived'): vscode.ThemeIcon {
  switch (status) {
    case 'running':
      return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'rescheduling':
      return new vscode.ThemeIcon('history', new vscode.ThemeColor('charts.yellow'));
    case 'idle':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.green'));
    case 'terminated':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.red'));
    case 'archived':
      return new vscode.ThemeIcon('archive', new vscode.ThemeColor('disabledForeground'));
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}
