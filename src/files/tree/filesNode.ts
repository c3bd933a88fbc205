// A session row's "Files" child: what was attached to the session and what its agent wrote.
import * as vscode from 'vscode';
import type { SessionFileList } from '../sessionFiles';

export class FilesNode {
  readonly kind = 'files';
  /** The last list read, for the row's description and menus; undefined when it could not be read. */
  list: SessionFileList | undefined;

  constructor(
    readonly sessionId: string,
    /** The tree id of the session row it is under. */
    readonly parentId: string,
  ) {}

  get treeItemId(): string {
    return `${this.parentId}/files`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Files', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.treeItemId;
    item.iconPath = new vscode.ThemeIcon('files');
    item.contextValue = this.list && this.list.outputs.length > 0 ? 'sessionFiles.withOutputs' : 'sessionFiles';
    const description = this.list ? describeCounts(this.list) : undefined;
    item.description = description;
    item.tooltip = 'The files attached to this session and the files its agent wrote. Attach more with "Attach to Session…" on files in the Explorer.';
    item.accessibilityInformation = { label: ['Files', description].filter(Boolean).join(', '), role: 'treeitem' };
    return item;
  }
}

/** "2 attached · 3 written" */
export function describeCounts(list: SessionFileList): string {
  return [`${list.mounts.length} attached`, `${list.outputs.length} written`].join(' · ');
}
