import * as vscode from 'vscode';
import type { SessionFiles } from '../sessionFiles';
import { REFRESH_SESSION_FILES } from '../../commandIds';

/** Reads a session's files again (the Files row's Refresh, and "try again" after a failure). */
export function registerRefreshSessionFiles(files: SessionFiles): vscode.Disposable {
  return vscode.commands.registerCommand(REFRESH_SESSION_FILES, (target?: { sessionId?: unknown }) => {
    if (typeof target?.sessionId === 'string') files.didChange(target.sessionId);
  });
}
