// A session row: label, agent and last activity, a status icon, a tooltip with the details, and a
// contextValue that menus match by status.
import * as vscode from 'vscode';
import { escapeMarkdown, formatDuration, formatMoney, formatNumber, inlineCode, relativeTime, sessionLabel } from '../../webview/format';
import { describeBudget } from '../budget';
import type { SessionRowArgument } from '../sessionArgument';
import { budgetStopped, isArchived, needsAction, sessionContextValue, type SessionEntry } from '../sessionState';
import { STATUS_LABELS, type GroupBy } from '../store/viewOptions';
import { sessionIcon } from './icons';
import { OPEN_HISTORY } from '../../commandIds';

export interface SessionRowContext {
  groupBy: GroupBy;
  /** The list could not be refreshed: what is shown may be out of date. */
  stale: boolean;
  now: number;
}

/** Its context menu hands the row to a session command as the command's argument: it is a SessionRowArgument. */
export class SessionNode implements SessionRowArgument {
  readonly kind = 'session';

  constructor(
    public entry: SessionEntry,
    /** The tree id of the group row above it; undefined in the flat list. */
    readonly groupId: string | undefined,
  ) {}

  get sessionId(): string {
    return this.entry.session.id;
  }

  /** Unique in the tree: the same session under another group is another row. */
  get treeItemId(): string {
    return this.groupId ? `${this.groupId}/session:${this.sessionId}` : `session:${this.sessionId}`;
  }

  toTreeItem(context: SessionRowContext): vscode.TreeItem {
    const { session } = this.entry;
    // A session opens onto its files, and a multiagent one onto its threads too.
    const item = new vscode.TreeItem(sessionLabel(session), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.treeItemId;
    const description = sessionDescription(this.entry, context);
    item.description = description;
    item.iconPath = sessionIcon(this.entry);
    item.contextValue = sessionContextValue(this.entry);
    item.tooltip = sessionTooltip(this.entry, context);
    item.accessibilityInformation = { label: sessionAccessibilityLabel(this.entry, description, context), role: 'treeitem' };
    // Enter (or a click) on the row opens its history: the keyboard way in, since commands run by a
    // keybinding get no row. The other row actions are in its context menu (Shift+F10).
    item.command = { command: OPEN_HISTORY, title: 'Open History', arguments: [session.id] };
    return item;
  }
}

/** Whether the session's agent coordinates others, so that its work runs in several threads. */
export function isMultiagent(entry: Pick<SessionEntry, 'session'>): boolean {
  return Boolean(entry.session.agent?.multiagent);
}

/** Beside the title: why it stopped, if it waits for the user; its agent; and when it last changed, in words. */
function sessionDescription(entry: SessionEntry, context: Pick<SessionRowContext, 'groupBy' | 'now'>): string {
  const { session } = entry;
  const agent = context.groupBy === 'agent' ? undefined : session.agent?.name;
  const flag = needsAction(entry) ? 'needs input' : budgetStopped(entry) ? 'budget reached' : undefined;
  return [flag, agent, relativeTime(session.updated_at, context.now, 'spoken')].filter(Boolean).join(' · ');
}

/**
 * What a screen reader says for the row: first what the row shows (its title and description, so voice
 * control finds it by the words on screen), then the status in words (the icon alone says nothing).
 */
function sessionAccessibilityLabel(entry: SessionEntry, description: string, context: Pick<SessionRowContext, 'stale'>): string {
  const parts = [sessionLabel(entry.session), description, statusText(entry)];
  if (context.stale) parts.push('may be out of date');
  return parts.filter(Boolean).join(', ');
}

function statusText(entry: SessionEntry): string {
  const status = STATUS_LABELS[entry.session.status] ?? entry.session.status;
  const parts = [status];
  if (needsAction(entry)) parts.push('waiting for your input');
  else if (budgetStopped(entry)) parts.push(`stopped: budget reached (${describeBudget(entry.session)})`);
  else if (entry.session.status === 'idle' && entry.stopReason) parts.push(`stopped: ${entry.stopReason.replace(/_/g, ' ')}`);
  if (isArchived(entry.session)) parts.push('archived');
  return parts.join(', ');
}

/** Everything about the session at a glance; all text from the API is escaped. */
function sessionTooltip(entry: SessionEntry, context: Pick<SessionRowContext, 'stale' | 'now'>): vscode.MarkdownString {
  const { session } = entry;
  const md = new vscode.MarkdownString();
  md.supportHtml = false;
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(sessionLabel(session))}**`);
  lines.push(`${inlineCode(session.id)} · ${escapeMarkdown(statusText(entry))}`);
  if (context.stale) lines.push('_The list could not be refreshed: this may be out of date._');
  const agent = session.agent;
  if (agent) lines.push(`Agent: ${escapeMarkdown(agent.name || agent.id)} (version ${agent.version}) ${inlineCode(agent.id)}`);
  lines.push(`Environment: ${inlineCode(session.environment_id)}`);
  lines.push(`Created: ${escapeMarkdown(session.created_at)} (${relativeTime(session.created_at, context.now)})`);
  lines.push(`Updated: ${escapeMarkdown(session.updated_at)} (${relativeTime(session.updated_at, context.now)})`);
  if (session.archived_at) lines.push(`Archived: ${escapeMarkdown(session.archived_at)}`);
  const usage = session.usage;
  if (usage) {
    const tokens = [
      `${formatNumber(usage.input_tokens)} input`,
      `${formatNumber(usage.output_tokens)} output`,
      `${formatNumber(usage.cache_read_input_tokens)} cache read`,
    ];
    lines.push(`Tokens: ${tokens.join(' · ')}`);
    const cost = formatMoney(usage.list_cost);
    if (cost) lines.push(`Cost (list price): ${escapeMarkdown(cost)}`);
  }
  const budget = describeBudget(session);
  if (budget) lines.push(`Budget: ${escapeMarkdown(budget)}`);
  if (budgetStopped(entry)) lines.push('_Its budget is spent, so it stops at once. Run "Raise Session Budget…" to let it go on._');
  const active = formatDuration(session.stats?.active_seconds);
  const duration = formatDuration(session.stats?.duration_seconds);
  if (active || duration) lines.push(`Active: ${active || '–'} of ${duration || '–'}`);
  const metadata = Object.entries(session.metadata ?? {});
  if (metadata.length > 0) {
    lines.push('Metadata:');
    for (const [key, value] of metadata) lines.push(`- ${escapeMarkdown(key)}: ${escapeMarkdown(String(value))}`);
  }
  md.appendMarkdown(lines.join('  \n'));
  return md;
}
