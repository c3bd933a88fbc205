// The agent's files, read-only in the editor without saving anything to disk: a file system provider
// for `managed-agents:` URIs that reads a file's content from the Files API when the editor asks.
import * as vscode from 'vscode';
import { APIError, type ManagedAgentsClient } from '../api';
import { describeError } from '../shared/errors';
import type { SessionFiles } from './sessionFiles';
import { SESSION_FILE_SCHEME, sessionFileAddress } from './sessionFileUris';

/** Larger files are downloaded rather than opened: an editor holds the whole text in memory. */
export const MAX_OPEN_BYTES = 50 * 1024 * 1024;

const READ_ONLY = new vscode.MarkdownString('A file the agent wrote, shown as the API holds it. Use **Download to Workspace…** on it in the Sessions view to keep a copy you can edit.');

export class SessionFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly never = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.never.event;
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly client: ManagedAgentsClient,
    private readonly files: SessionFiles,
  ) {
    this.registration = vscode.workspace.registerFileSystemProvider(SESSION_FILE_SCHEME, this, { isCaseSensitive: true, isReadonly: READ_ONLY });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const address = this.addressOf(uri);
    const metadata = this.files.knownOutput(address.sessionId, address.fileId) ?? (await this.call(uri, () => this.client.files.retrieveMetadata(address.fileId)));
    const time = Date.parse(metadata.created_at) || 0;
    return { type: vscode.FileType.File, ctime: time, mtime: time, size: metadata.size_bytes, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const address = this.addressOf(uri);
    return this.call(uri, () => this.client.files.read(address.fileId, { maxBytes: MAX_OPEN_BYTES }));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  watch(): vscode.Disposable {
    // The API's copy of a file never changes: there is nothing to watch.
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.never.dispose();
  }

  private addressOf(uri: vscode.Uri) {
    const address = sessionFileAddress(uri);
    if (!address) throw vscode.FileSystemError.FileNotFound(uri);
    return address;
  }

  /** Errors as the editor shows them: a file the API does not have is "not found", anything else says what went wrong. */
  private async call<T>(uri: vscode.Uri, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof APIError && error.status === 404) throw vscode.FileSystemError.FileNotFound(uri);
      throw vscode.FileSystemError.Unavailable(`Could not read ${sessionFileAddress(uri)?.filename ?? uri.toString()}: ${describeError(error)}`);
    }
  }
}
