import * as vscode from 'vscode';
import type { Services } from '../services';

export const SHOW_LOG = 'managedAgents.showLog';

export function registerShowLog(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_LOG, () => services.log.show(true));
}
