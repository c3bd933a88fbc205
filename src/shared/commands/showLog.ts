import * as vscode from 'vscode';
import { SHOW_LOG } from '../../commandIds';

export function registerShowLog(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_LOG, () => log.show(true));
}
