// A banner row above the sessions, used when they are the last known ones because refreshing failed.
import * as vscode from 'vscode';

export class MessageNode {
  readonly kind = 'message';
  /** Unique in the tree: a message under a session row says so in its id. */
  treeItemId = 'message';

  constructor(
    public label: string,
    public detail: string,
    /** Run on click, e.g. Refresh for "try again". */
    public command: vscode.Command | undefined,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.treeItemId;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = this.detail;
    item.contextValue = 'sessionsMessage';
    item.command = this.command;
    // The warning icon says nothing to a screen reader; the detail carries the error.
    const detail = this.detail.replace(/\n+/g, ' ').replace(/Click to try again\.?/, '').trim();
    item.accessibilityInformation = { label: `${this.label}. Warning: ${detail}${this.command ? ' Press Enter to try again.' : ''}`, role: 'treeitem' };
    return item;
  }
}
