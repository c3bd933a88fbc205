// The log files of this window (the output channels' and the extension host's), for tests that check
// what was logged.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name)).filter((file) => fs.statSync(file).isFile());
}

/** The logs folder of this window's session (…/logs/<timestamp>), found from the extension's log folder. */
export function sessionLogsFolder(logUri: vscode.Uri): string {
  let dir = logUri.fsPath;
  while (path.dirname(dir) !== dir && path.basename(path.dirname(dir)) !== 'logs') dir = path.dirname(dir);
  return path.basename(path.dirname(dir)) === 'logs' ? dir : path.dirname(logUri.fsPath);
}

/** How many lines of this window's logs match `pattern`. */
export function loggedLines(logUri: vscode.Uri, pattern: RegExp): number {
  return filesUnder(sessionLogsFolder(logUri)).reduce((sum, file) => sum + fs.readFileSync(file, 'utf8').split('\n').filter((line) => pattern.test(line)).length, 0);
}
