import * as vscode from 'vscode';
import type { SessionsStore } from '../store/sessionsStore';
import type { GroupBy } from '../store/viewOptions';
import { GROUP_SESSIONS_BY } from '../../commandIds';

const CHOICES: readonly { groupBy: GroupBy; label: string; detail: string }[] = [
  { groupBy: 'none', label: 'No Grouping', detail: 'One list, newest first' },
  { groupBy: 'status', label: 'Status', detail: 'Running, rescheduling, idle, terminated, archived' },
  { groupBy: 'agent', label: 'Agent', detail: 'One group per agent' },
];

/** Groups the sessions list by status or agent (argument 'none' | 'status' | 'agent', or a quick pick). */
export function registerGroupSessionsBy(store: SessionsStore): vscode.Disposable {
  return vscode.commands.registerCommand(GROUP_SESSIONS_BY, async (groupByArgument?: GroupBy): Promise<boolean> => {
    let groupBy = CHOICES.find((choice) => choice.groupBy === groupByArgument)?.groupBy;
    if (!groupBy) {
      const current = store.options.groupBy;
      const picked = await vscode.window.showQuickPick(
        CHOICES.map((choice) => ({ ...choice, label: `${choice.groupBy === current ? '$(check)' : '$(blank)'} ${choice.label}` })),
        { placeHolder: 'Group sessions by' },
      );
      groupBy = picked?.groupBy;
    }
    if (!groupBy) return false;
    await store.updateOptions({ groupBy });
    return true;
  });
}
