// A session's files: what was attached to it (its file mounts) and what its agent wrote (files the API
// scopes to the session). Read when the tree or a command asks; `onDidChange` names a session whose
// files changed here (attached, removed), so its Files row is read again.
import * as vscode from 'vscode';
import type { FileMetadata, FileResource, ManagedAgentsClient, SessionResource } from '../api';

export interface SessionFileList {
  /** The files mounted in the session's sandbox. */
  readonly mounts: readonly FileResource[];
  /** The files the agent wrote (the API catalogues them as files scoped to the session). */
  readonly outputs: readonly FileMetadata[];
}

export class SessionFiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a session id when its files changed through the extension. */
  readonly onDidChange = this.changed.event;
  private readonly lifetime = new AbortController();
  /** The last list read for each session and when: for what needs names without a request (the file system provider), and reads close together. */
  private readonly lastLists = new Map<string, { list: SessionFileList; at: number }>();

  constructor(private readonly client: ManagedAgentsClient) {}

  /** The session's files; `maxAgeMs`: a list read that recently will do (the tree reads the same list twice when a row opens). */
  async list(sessionId: string, { signal, maxAgeMs = 0 }: { signal?: AbortSignal; maxAgeMs?: number } = {}): Promise<SessionFileList> {
    const last = this.lastLists.get(sessionId);
    if (last && Date.now() - last.at < maxAgeMs) return last.list;
    const options = { signal: signal ? AbortSignal.any([signal, this.lifetime.signal]) : this.lifetime.signal };
    const [resources, scoped] = await Promise.all([
      this.client.sessions.resources.list(sessionId, { limit: 100 }, options).toArray(),
      this.client.files.list({ scope_id: sessionId, limit: 100 }, options).toArray(),
    ]);
    const mounts = resources.filter(isFileResource);
    // A mounted file is copied into the session's scope: the copy is an input, not something the agent
    // made, and it may outlive its mount. Only the files tools write are downloadable, uploads never are.
    const mounted = new Set(mounts.map((mount) => mount.file_id));
    const list: SessionFileList = { mounts, outputs: scoped.filter((file) => !mounted.has(file.id) && file.downloadable !== false) };
    this.lastLists.set(sessionId, { list, at: Date.now() });
    return list;
  }

  /** The output file `fileId` of a session as last listed, if it was. */
  knownOutput(sessionId: string, fileId: string): FileMetadata | undefined {
    return this.lastLists.get(sessionId)?.list.outputs.find((file) => file.id === fileId);
  }

  /** Says that a session's files changed (the tree reads them again). */
  didChange(sessionId: string): void {
    this.lastLists.delete(sessionId);
    this.changed.fire(sessionId);
  }

  dispose(): void {
    this.lifetime.abort();
    this.changed.dispose();
  }
}

export function isFileResource(resource: SessionResource): resource is FileResource {
  return resource.type === 'file';
}
