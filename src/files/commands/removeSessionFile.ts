import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { showError } from '../../shared/errors';
import type { SessionDialogs } from '../../sessions/sessionDialogs';
import type { SessionsView } from '../../sessions/sessionsView';
import type { SessionFiles } from '../sessionFiles';
import { sessionFileOf } from '../tree/sessionFileNode';
import { REMOVE_SESSION_FILE } from '../../commandIds';

/** Unmounts an attached file from its session's sandbox, after asking. Returns whether it was removed. */
export function registerRemoveSessionFile({ client, files, view, dialogs }: {
  client: ManagedAgentsClient;
  files: SessionFiles;
  view: SessionsView;
  dialogs: SessionDialogs;
}): vscode.Disposable {
  return vscode.commands.registerCommand(REMOVE_SESSION_FILE, async (target?: unknown): Promise<boolean> => {
    const row = sessionFileOf(target, 'Remove from Session', 'mount');
    if (!row || row.item.role !== 'mount') return false;
    const { resource } = row.item;
    const go = await dialogs.confirm(`Remove ${resource.mount_path} from the session?`, 'The agent can no longer read it. The file on your machine is not touched.', 'Remove');
    if (!go) return false;
    try {
      await view.withProgress(`Removing ${resource.mount_path}…`, (signal) => client.sessions.resources.delete(row.sessionId, resource.id, { signal }));
    } catch (error) {
      void showError(`Could not remove ${resource.mount_path}`, error);
      return false;
    } finally {
      files.didChange(row.sessionId);
    }
    return true;
  });
}
