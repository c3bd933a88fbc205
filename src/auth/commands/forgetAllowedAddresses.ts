// "Managed Agents: Forget Addresses Allowed to Receive the API Key…": takes back a "Send anyway" given
// for a plain-http base URL, or an address allowed when a workspace's settings pointed the key there,
// so the key is withheld there until the user agrees again.
import * as vscode from 'vscode';
import type { BaseUrlGuard } from '../baseUrlGuard';
import { FORGET_ALLOWED_ADDRESSES } from '../../commandIds';

/**
 * With no argument, asks which addresses to forget (all are picked to start with). Scripts and tests
 * may pass the origins. Returns the origins forgotten.
 */
export function registerForgetAllowedAddresses(guard: BaseUrlGuard): vscode.Disposable {
  return vscode.commands.registerCommand(FORGET_ALLOWED_ADDRESSES, async (origins?: readonly string[]): Promise<string[]> => {
    const allowed = guard.allowedOrigins();
    if (allowed.length === 0) {
      void vscode.window.showInformationMessage('No address was allowed to receive your API key after a question (plain http, or set by a workspace): there is nothing to forget.');
      return [];
    }
    const chosen = Array.isArray(origins)
      ? allowed.filter((origin) => origins.includes(origin))
      : (
          await vscode.window.showQuickPick(
            allowed.map((origin) => ({ label: origin, picked: true })),
            { canPickMany: true, title: 'Forget addresses allowed to receive the API key', placeHolder: 'The key is withheld from the picked addresses until you allow them again' },
          )
        )?.map((item) => item.label) ?? [];
    if (chosen.length === 0) return [];
    await guard.forget(chosen);
    void vscode.window.showInformationMessage(
      chosen.length === 1 ? `Forgotten: ${chosen[0]}. You will be asked before the API key is sent there again.` : `Forgotten ${chosen.length} addresses. You will be asked before the API key is sent to any of them again.`,
    );
    return chosen;
  });
}
