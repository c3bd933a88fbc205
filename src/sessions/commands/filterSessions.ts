import * as vscode from 'vscode';
import type { ManagedAgentsClient, SessionStatus } from '../../api';
import { showError } from '../../shared/errors';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { SESSION_STATUSES, STATUS_LABELS, type AgentFilter, type SessionsViewOptions } from '../store/viewOptions';
import { FILTER_SESSIONS } from '../../commandIds';

/** What a caller (or a test) can pass instead of answering quick picks; `agentId: null` clears the agent. */
export interface SessionFilterArgument {
  statuses?: SessionStatus[];
  agentId?: string | null;
  agentName?: string;
}

/** Filters the list by status and/or agent; the API does the filtering, so paging stays right. */
export function registerFilterSessions({ client, store, view }: { client: ManagedAgentsClient; store: SessionsStore; view: SessionsView }): vscode.Disposable {
  return vscode.commands.registerCommand(FILTER_SESSIONS, async (argument?: SessionFilterArgument): Promise<boolean> => {
    const patch = argument && typeof argument === 'object' ? fromArgument(argument) : await askForFilter(client, store, view);
    if (!patch) return false;
    // Cancel stops the waiting; the filter is set and the list loads on its own.
    await view.withProgress('Filtering sessions…', () => store.updateOptions(patch)).catch(ignoreCancellation);
    return true;
  });
}

function fromArgument(argument: SessionFilterArgument): Partial<SessionsViewOptions> {
  const patch: Partial<SessionsViewOptions> = {};
  if (argument.statuses) patch.statuses = argument.statuses;
  if (argument.agentId === null) patch.agent = undefined;
  else if (argument.agentId) patch.agent = { id: argument.agentId, name: argument.agentName ?? argument.agentId };
  return patch;
}

async function askForFilter(client: ManagedAgentsClient, store: SessionsStore, view: SessionsView): Promise<Partial<SessionsViewOptions> | undefined> {
  const options = store.options;
  const statusText = options.statuses.length ? options.statuses.map((status) => STATUS_LABELS[status]).join(', ') : 'any';
  const items: (vscode.QuickPickItem & { action: 'status' | 'agent' | 'clear' })[] = [
    { label: '$(pulse) By Status…', description: statusText, action: 'status' },
    { label: '$(hubot) By Agent…', description: options.agent?.name ?? 'any', action: 'agent' },
  ];
  if (options.statuses.length || options.agent) items.push({ label: '$(clear-all) Clear Filter', action: 'clear' });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Filter sessions' });
  if (!picked) return undefined;
  if (picked.action === 'clear') return { statuses: [], agent: undefined };
  if (picked.action === 'status') {
    const statuses = await vscode.window.showQuickPick(
      SESSION_STATUSES.map((status) => ({ label: STATUS_LABELS[status], status, picked: options.statuses.includes(status) })),
      { canPickMany: true, placeHolder: 'Show sessions with these statuses (none checked: all)' },
    );
    return statuses ? { statuses: statuses.map((item) => item.status) } : undefined;
  }
  const agent = await pickAgent(client, view, options.agent);
  return agent === undefined ? undefined : { agent: agent ?? undefined };
}

/** The chosen agent, null for "all agents", undefined when cancelled or the list failed. */
async function pickAgent(client: ManagedAgentsClient, view: SessionsView, current: AgentFilter | undefined): Promise<AgentFilter | null | undefined> {
  let agents;
  try {
    agents = await view.withProgress('Loading agents…', (signal) => client.agents.list({ limit: 100 }, { signal }).toArray(500));
  } catch (error) {
    void showError('Could not load the agents', error);
    return undefined;
  }
  const items: (vscode.QuickPickItem & { agent: AgentFilter | null })[] = [
    { label: 'All Agents', agent: null, description: current ? undefined : '(current)' },
    ...agents
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((agent) => ({
        label: agent.name,
        description: `${agent.id === current?.id ? '(current) ' : ''}version ${agent.version}${agent.archived_at ? ' · archived' : ''}`,
        detail: agent.id,
        agent: { id: agent.id, name: agent.name },
      })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Show sessions of which agent?', matchOnDetail: true });
  return picked ? picked.agent : undefined;
}
