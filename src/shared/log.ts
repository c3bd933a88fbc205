// The "Managed Agents" output channel: one line per HTTP attempt, never a body. Request headers are
// logged only at trace level, and only as the client hands them over: with the key redacted.
import * as vscode from 'vscode';
import type { RequestLogEntry } from '../api';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Managed Agents', { log: true });
}

export function logRequest(log: vscode.LogOutputChannel, entry: RequestLogEntry): void {
  const status = entry.status ?? 'no response';
  const id = entry.requestId ? ` ${entry.requestId}` : '';
  const retry = entry.retryInMs !== undefined ? `; retrying in ${Math.round(entry.retryInMs)} ms` : '';
  const line = `${entry.method} ${entry.path} ${status}${id} ${entry.durationMs} ms${entry.attempt ? ` (attempt ${entry.attempt + 1})` : ''}${retry}`;
  if (entry.error) log.warn(`${line}: ${entry.error}`);
  else log.info(line);
  if (entry.requestHeaders && log.logLevel === vscode.LogLevel.Trace) log.trace(`${entry.method} ${entry.path} request headers: ${JSON.stringify(entry.requestHeaders)}`);
}
