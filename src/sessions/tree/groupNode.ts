// A group row (a status or an agent) with the number of loaded sessions in it.
import * as vscode from 'vscode';
import type { SessionStatus } from '../../api';
import type { GroupBy } from '../store/viewOptions';
import { statusIcon } from './icons';
import type { SessionNode } from './sessionNode';

export class GroupNode {
  readonly kind = 'group';
  /** Filled by the provider on every rebuild. */
  children: SessionNode[] = [];

  constructor(
    readonly groupBy: Exclude<GroupBy, 'none'>,
    /** A status, `archived`, or an agent id. */
    readonly key: string,
    public label: string,
  ) {}

  get treeItemId(): string {
    return `group:${this.groupBy}:${this.key}`;
  }

  toTreeItem(hasMore: boolean): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.treeItemId;
    // With more pages to load, the count is a lower bound.
    item.description = `${this.children.length}${hasMore ? '+' : ''}`;
    item.iconPath = this.groupBy === 'agent' ? new vscode.ThemeIcon('hubot') : statusIcon(this.key as SessionStatus | 'archived');
    item.contextValue = `sessionGroup.${this.groupBy}`;
    const count = `${this.children.length} session${this.children.length === 1 ? '' : 's'} loaded`;
    item.tooltip = `${this.label}: ${count}${hasMore ? ' (more not loaded yet)' : ''}`;
    const kind = this.groupBy === 'agent' ? 'agent' : 'status';
    item.accessibilityInformation = { label: `${this.label} ${item.description}, ${kind} group, ${count}${hasMore ? ', more not loaded yet' : ''}`, role: 'treeitem' };
    return item;
  }
}
