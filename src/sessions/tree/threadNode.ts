// A thread of a multiagent session, under the session's row: the agent that works in it, its status
// (an icon and words) and its usage. The primary thread is the coordinator's.
import * as vscode from 'vscode';
import type { SessionThread } from '../../api';
import { escapeMarkdown, formatCount, formatMoney, inlineCode, relativeTime } from '../../webview/format';
import { isPrimaryThread, threadName } from '../sessionState';
import { STATUS_LABELS } from '../store/viewOptions';
import { statusIcon } from './icons';

/** What a thread command is given: a thread row names its session and itself. */
export interface ThreadRowArgument {
  readonly kind: 'thread';
  readonly thread: SessionThread;
}

/** The thread a command was run on, or undefined after saying where to run it (menus pass the row; the palette nothing). */
export function threadOf(target: unknown, command: string): SessionThread | undefined {
  if (typeof target === 'object' && target !== null && (target as Partial<ThreadRowArgument>).kind === 'thread') return (target as ThreadRowArgument).thread;
  void vscode.window.showInformationMessage(`${command} works on a thread: expand a multiagent session in the Sessions view and use the thread's menu.`);
  return undefined;
}

export class ThreadNode implements ThreadRowArgument {
  readonly kind = 'thread';

  constructor(
    public thread: SessionThread,
    /** The tree id of the session row it is under. */
    readonly parentId: string,
  ) {}

  get treeItemId(): string {
    return `${this.parentId}/thread:${this.thread.id}`;
  }

  toTreeItem(now: number): vscode.TreeItem {
    const { thread } = this;
    const item = new vscode.TreeItem(threadName(thread), vscode.TreeItemCollapsibleState.None);
    item.id = this.treeItemId;
    const description = threadDescription(thread);
    item.description = description;
    item.iconPath = thread.archived_at ? statusIcon('archived') : statusIcon(thread.status);
    item.contextValue = threadContextValue(thread);
    item.tooltip = threadTooltip(thread, now);
    // Starts with what the row shows, then what the icon says.
    item.accessibilityInformation = { label: `${threadName(thread)}, ${description}, ${threadStatusText(thread)}`, role: 'treeitem' };
    return item;
  }
}

/** "coordinator · 1.2k in · 340 out" */
function threadDescription(thread: SessionThread): string {
  const usage = thread.usage;
  const tokens = usage ? [`${formatCount(usage.input_tokens)} in`, `${formatCount(usage.output_tokens)} out`] : [];
  return [isPrimaryThread(thread) ? 'coordinator' : 'subagent', ...tokens].join(' · ');
}

function threadStatusText(thread: SessionThread): string {
  const status = STATUS_LABELS[thread.status] ?? thread.status;
  return thread.archived_at ? `${status}, archived` : status;
}

/** `thread.<status>`, then `.primary` or `.archived`: the menus match on it. */
export function threadContextValue(thread: SessionThread): string {
  return `thread.${thread.status}${isPrimaryThread(thread) ? '.primary' : ''}${thread.archived_at ? '.archived' : ''}`;
}

function threadTooltip(thread: SessionThread, now: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.supportHtml = false;
  const lines = [
    `**${escapeMarkdown(threadName(thread))}** (${isPrimaryThread(thread) ? 'coordinator, the primary thread' : 'subagent'})`,
    `${inlineCode(thread.id)} · ${escapeMarkdown(threadStatusText(thread))}`,
    `Started: ${escapeMarkdown(thread.created_at)} (${relativeTime(thread.created_at, now)})`,
    `Updated: ${escapeMarkdown(thread.updated_at)} (${relativeTime(thread.updated_at, now)})`,
  ];
  const usage = thread.usage;
  if (usage) {
    lines.push(`Tokens: ${formatCount(usage.input_tokens)} input · ${formatCount(usage.output_tokens)} output · ${formatCount(usage.cache_read_input_tokens)} cache read`);
    const cost = formatMoney(usage.list_cost);
    if (cost) lines.push(`Cost (list price): ${escapeMarkdown(cost)}`);
  }
  md.appendMarkdown(lines.join('  \n'));
  return md;
}
