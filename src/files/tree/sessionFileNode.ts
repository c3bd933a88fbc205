// A file under a session's Files row: one attached to the session (a mount in its sandbox), or one
// its agent wrote (opened read-only on click).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileMetadata, FileResource } from '../../api';
import { escapeMarkdown, formatBytes, inlineCode, relativeTime } from '../../webview/format';
import { sandboxPath } from '../mountPath';
import { sessionFileUri } from '../sessionFileUris';
import { OPEN_SESSION_FILE } from '../../commandIds';

export type SessionFileItem = { readonly role: 'mount'; readonly resource: FileResource } | { readonly role: 'output'; readonly file: FileMetadata };

/** What a file command is given: the row names its session and its file. */
export interface SessionFileArgument {
  readonly kind: 'sessionFile';
  readonly sessionId: string;
  readonly item: SessionFileItem;
}

export class SessionFileNode implements SessionFileArgument {
  readonly kind = 'sessionFile';

  constructor(
    readonly sessionId: string,
    public item: SessionFileItem,
    /** The tree id of the Files row it is under. */
    readonly parentId: string,
  ) {}

  get treeItemId(): string {
    return `${this.parentId}/${this.item.role === 'mount' ? `mount:${this.item.resource.id}` : `output:${this.item.file.id}`}`;
  }

  toTreeItem(now: number): vscode.TreeItem {
    const { item } = this;
    if (item.role === 'mount') {
      const mountPath = sandboxPath(item.resource.mount_path);
      const name = path.posix.basename(mountPath) || mountPath;
      const tree = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
      tree.id = this.treeItemId;
      tree.description = `attached at ${path.posix.dirname(mountPath)}`;
      tree.iconPath = new vscode.ThemeIcon('cloud-upload');
      tree.contextValue = 'sessionFile.mount';
      tree.tooltip = new vscode.MarkdownString(
        [`**${escapeMarkdown(mountPath)}**`, `Attached ${escapeMarkdown(relativeTime(item.resource.created_at, now, 'spoken'))}`, `File ${inlineCode(item.resource.file_id)}`].join('  \n'),
      );
      tree.accessibilityInformation = { label: `${name}, ${tree.description}, attached file`, role: 'treeitem' };
      return tree;
    }
    const { file } = item;
    const tree = new vscode.TreeItem(file.filename, vscode.TreeItemCollapsibleState.None);
    tree.id = this.treeItemId;
    tree.description = `${formatBytes(file.size_bytes)} · ${relativeTime(file.created_at, now, 'spoken')}`;
    tree.resourceUri = sessionFileUri({ sessionId: this.sessionId, fileId: file.id, filename: file.filename });
    tree.contextValue = 'sessionFile.output'; // every output listed is downloadable (SessionFiles.list leaves out the rest)
    tree.tooltip = new vscode.MarkdownString(
      [`**${escapeMarkdown(file.filename)}**`, `${escapeMarkdown(formatBytes(file.size_bytes))} · ${escapeMarkdown(file.mime_type)}`, `Written ${escapeMarkdown(file.created_at)}`, `File ${inlineCode(file.id)}`].join('  \n'),
    );
    tree.command = { command: OPEN_SESSION_FILE, title: 'Open', arguments: [this] };
    tree.accessibilityInformation = { label: `${file.filename}, ${tree.description}, written by the agent`, role: 'treeitem' };
    return tree;
  }
}

/** The file row a command was run on; undefined (after saying where to run it) when there is none. */
export function sessionFileOf(target: unknown, command: string, role?: SessionFileItem['role']): SessionFileArgument | undefined {
  const row = target as Partial<SessionFileArgument> | undefined;
  if (typeof row === 'object' && row !== null && row.kind === 'sessionFile' && row.item && (!role || row.item.role === role)) return row as SessionFileArgument;
  const where = role === 'mount' ? 'an attached file' : role === 'output' ? 'a file the agent wrote' : 'a file';
  void vscode.window.showInformationMessage(`${command} works on ${where}: expand a session's Files row in the Sessions view and use the file's menu.`);
  return undefined;
}
