// "Managed Agents: Open History": the Session history panel for a session id, a sessions tree item
// ({ session }), or a session picked from a quick pick.
import * as vscode from 'vscode';
import type { ManagedAgentsClient, Session } from '../../api';
import { sessionIdFrom, type SessionArgument } from '../../sessions/sessionArgument';
import { describeError, showError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { HistoryPanel } from '../historyPanel';
import type { HistoryPanelManager } from '../panelManager';
import { OPEN_HISTORY } from '../../commandIds';

export function registerOpenHistory({ client, settings, panels }: { client: ManagedAgentsClient; settings: Settings; panels: HistoryPanelManager }): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_HISTORY, async (argument?: SessionArgument): Promise<HistoryPanel | undefined> => {
    const sessionId = sessionIdFrom(argument) ?? (await pickSession(client, settings));
    if (!sessionId) return undefined;
    return panels.open(sessionId);
  });
}

async function pickSession(client: ManagedAgentsClient, settings: Settings): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { sessionId?: string };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Open Session History';
  pick.placeholder = 'Pick a session, or paste a session id';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  const controller = new AbortController();
  const loaded: Item[] = [];
  void (async () => {
    try {
      const page = await client.sessions.list({ limit: settings.current.pageSize }, { signal: controller.signal }).firstPage();
      for (const session of page.data) loaded.push(toItem(session));
      pick.items = loaded;
    } catch (error) {
      if (!controller.signal.aborted) {
        pick.items = [];
        pick.placeholder = `Could not list sessions (${describeError(error)}); paste a session id`;
      }
    } finally {
      pick.busy = false;
    }
  })();
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const looksLikeId = /^[\w-]{6,}$/.test(typed) && !loaded.some((item) => item.sessionId === typed);
    pick.items = looksLikeId ? [{ label: typed, description: 'Open this session id', sessionId: typed, alwaysShow: true }, ...loaded] : loaded;
  });
  pick.show();
  try {
    return await new Promise<string | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.sessionId));
      pick.onDidHide(() => resolve(undefined));
    });
  } catch (error) {
    await showError('Could not open the session history', error);
    return undefined;
  } finally {
    controller.abort();
    pick.dispose();
  }
}

function toItem(session: Session): vscode.QuickPickItem & { sessionId: string } {
  const icon = session.status === 'running' ? '$(sync~spin)' : session.status === 'idle' ? '$(circle-outline)' : session.status === 'terminated' ? '$(circle-slash)' : '$(history)';
  return {
    label: `${icon} ${session.title || session.id}`,
    description: `${session.status}${session.archived_at ? ' · archived' : ''}`,
    detail: `${session.agent?.name ?? ''} · ${session.id}`,
    sessionId: session.id,
  };
}
