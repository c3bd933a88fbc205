// Wires session files: the read-only `managed-agents:` file system the agent's files open from, and the
// dialogs the file commands ask through. No network here.
import type * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { createFilesDialogs, type FilesDialogs } from './filesDialogs';
import type { SessionFiles } from './sessionFiles';
import { SessionFileSystem } from './sessionFileSystem';

export interface FilesParts {
  readonly fileSystem: SessionFileSystem;
  /** The questions the file commands ask (tests replace its methods to answer them). */
  readonly dialogs: FilesDialogs;
}

export function activateFiles(services: Services, files: SessionFiles): FilesParts & vscode.Disposable {
  const fileSystem = new SessionFileSystem(services.client, files);
  return { fileSystem, dialogs: createFilesDialogs(), dispose: () => fileSystem.dispose() };
}
