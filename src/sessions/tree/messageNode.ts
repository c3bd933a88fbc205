// A row that says something instead of listing: above the sessions when they are the last known ones
// because refreshing failed, or under a row whose children could not be read (or are none yet).
import * as vscode from 'vscode';

export class MessageNode {
  readonly kind = 'message';
  /** Unique in the tree: a message under a session row says so in its id. */
  treeItemId = 'message';
  /** A warning (something failed) or information (nothing to list). */
  severity: 'warning' | 'info' = 'warning';

  constructor(
    public label: string,
    public detail: string,
    /** Run on click, e.g. Refresh for "try again". */
    public command: vscode.Command | undefined,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.treeItemId;
    item.iconPath = this.severity === 'warning' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('info');
    item.tooltip = this.detail;
    item.contextValue = 'sessionsMessage';
    item.command = this.command;
    // The icon says nothing to a screen reader; the detail carries the error.
    const detail = this.detail.replace(/\n+/g, ' ').replace(/Click to try again\.?/, '').trim();
    const kind = this.severity === 'warning' ? 'Warning: ' : '';
    item.accessibilityInformation = { label: `${this.label}. ${kind}${detail}${this.command ? ' Press Enter to try again.' : ''}`, role: 'treeitem' };
    return item;
  }
}
