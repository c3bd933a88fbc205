import * as vscode from 'vscode';
import type { Services } from '../services';
import { SHOW_LOG } from '../../commandIds';


export function registerShowLog(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_LOG, () => services.log.show(true));
}
