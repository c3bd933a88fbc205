// Where an agent's file opens in the editor: `managed-agents:/<session id>/<file id>/<file name>`. The
// name comes last so the editor picks the language and the icon from it.
import * as vscode from 'vscode';

export const SESSION_FILE_SCHEME = 'managed-agents';

export interface SessionFileAddress {
  readonly sessionId: string;
  readonly fileId: string;
  readonly filename: string;
}

export function sessionFileUri(address: SessionFileAddress): vscode.Uri {
  const parts = [address.sessionId, address.fileId, address.filename].map(encodeURIComponent);
  return vscode.Uri.from({ scheme: SESSION_FILE_SCHEME, path: `/${parts.join('/')}` });
}

/** The file a `managed-agents:` URI names; undefined for any other URI. */
export function sessionFileAddress(uri: vscode.Uri): SessionFileAddress | undefined {
  if (uri.scheme !== SESSION_FILE_SCHEME) return undefined;
  const parts = uri.path.split('/').slice(1);
  if (parts.length !== 3 || parts.some((part) => part === '')) return undefined;
  try {
    const [sessionId, fileId, filename] = parts.map(decodeURIComponent);
    return { sessionId, fileId, filename };
  } catch {
    return undefined;
  }
}
