// "Managed Agents: Validate YAML Body": checks the buffer now (as the Problems view does while
// typing) and says whether it can be sent, or where its first problem is.
import * as vscode from 'vscode';
import { checkBody } from '../bodies';
import { documentName, position, resolveBodyDocument, type BodyDocumentArgument } from '../editor/bodyCommands';
import type { BodyDiagnostics } from '../editor/bodyDiagnostics';
import type { Problem } from '../parse';
import { VALIDATE_YAML_BODY } from '../../commandIds';

/** Returns the problems found (errors, warnings and notes), or undefined without a document. */
export function registerValidateYamlBody(diagnostics: BodyDiagnostics): vscode.Disposable {
  return vscode.commands.registerCommand(VALIDATE_YAML_BODY, async (argument?: BodyDocumentArgument): Promise<readonly Problem[] | undefined> => {
    const document = await resolveBodyDocument(argument);
    if (!document) return undefined;
    // In full, also for a body too large to check while typing.
    let check = diagnostics.checkNow(document, { full: true });
    if (!check) {
      // Not recognised as a body while typing: check it as what its fields suggest, and show that.
      const forced = checkBody(document.getText());
      diagnostics.publish(document, forced.problems);
      check = { ...forced, classification: { kind: forced.kind, reason: 'content' } };
    }
    const name = documentName(document);
    const errors = check.problems.filter((problem) => problem.severity === 'error');
    if (errors.length === 0) {
      const kind = check.kind ?? 'request';
      void vscode.window.showInformationMessage(`${name} is a valid ${kind} body${check.problems.length ? ` (${check.problems.length} warning${check.problems.length === 1 ? '' : 's'})` : ''}.`);
    } else {
      const first = errors[0];
      void vscode.window
        .showErrorMessage(`${name}: ${errors.length} problem${errors.length === 1 ? '' : 's'}; the first is at ${position(first)}: ${first.message}.`, 'Show Problems')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
    }
    return check.problems;
  });
}
