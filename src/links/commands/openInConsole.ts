import * as vscode from 'vscode';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { notify } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { OPEN_IN_CONSOLE } from '../../commandIds';
import { consoleKnowsSessionsOf, consoleSessionUrl } from '../consoleUrl';
import type { ExternalOpener } from '../../shared/externalOpener';
import { linkTargetFrom } from '../eventTarget';

/**
 * Opens a session in the Claude Console, at one event when run from an event's row (the panel's row
 * menu passes both ids). Returns the address opened.
 */
export function registerOpenInConsole(parts: { chooser: SessionChooser; settings: Settings; opener: ExternalOpener }): vscode.Disposable {
  const { chooser, settings, opener } = parts;
  return vscode.commands.registerCommand(OPEN_IN_CONSOLE, async (target?: unknown): Promise<string | undefined> => {
    const given = linkTargetFrom(target);
    const sessionId =
      given?.sessionId ??
      (await chooser.choose(undefined, { placeholder: 'Open which session in the Claude Console?', eligible: () => true, noneMessage: 'There are no listed sessions.' }))?.id;
    if (!sessionId) return undefined;
    const { consoleUrl, workspaceId, baseUrl } = settings.current;
    if (!consoleKnowsSessionsOf(baseUrl, consoleUrl)) {
      void notify(
        'info',
        `The Claude Console does not know the sessions of ${baseUrl}, a server on this machine (such as the simulator). If a Console of your own shows them, set "managedAgents.consoleUrl" to its address.`,
        'Open Settings',
      ).then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'managedAgents.consoleUrl'));
      return undefined;
    }
    let address: string;
    try {
      address = consoleSessionUrl(consoleUrl, workspaceId, sessionId, given?.eventId);
    } catch (error) {
      // Not awaited: the command is done whether or not the user opens the settings.
      void notify(
        'error',
        `Could not open the Claude Console: the "managedAgents.consoleUrl" setting is unusable (${error instanceof Error ? error.message : String(error)}). Set it to the Console's address, such as https://platform.claude.com.`,
        'Open Settings',
      ).then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'managedAgents.consoleUrl'));
      return undefined;
    }
    await opener.open(vscode.Uri.parse(address, true));
    return address;
  });
}
