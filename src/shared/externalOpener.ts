// Opens addresses outside the editor (the Console, a link in a transcript) in the browser. One place,
// so the extension-host tests can see what would open without starting a browser.
import * as vscode from 'vscode';

export class ExternalOpener {
  /** Replaced by tests; the editor's own opener otherwise. */
  open: (uri: vscode.Uri) => Thenable<boolean> = (uri) => vscode.env.openExternal(uri);
}
