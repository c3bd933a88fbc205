// The last row while the API has further pages: clicking it loads the next one.
import * as vscode from 'vscode';
import { LOAD_MORE_SESSIONS } from '../../commandIds';

export class LoadMoreNode {
  readonly kind = 'loadMore';
  readonly treeItemId = 'loadMore';

  toTreeItem(loadedCount: number): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.treeItemId;
    item.description = `${loadedCount} loaded`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: LOAD_MORE_SESSIONS, title: 'Load More Sessions' };
    item.tooltip = 'Load the next page of sessions';
    item.accessibilityInformation = { label: `Load more sessions, ${loadedCount} loaded; press Enter to load the next page`, role: 'treeitem' };
    return item;
  }
}
