// Links out of the editor and into it: Open in Console, Copy Link to Session or Event, and the handler
// for the links the extension copies.
import * as vscode from 'vscode';
import type { HistoryPanelManager } from '../history/panelManager';
import type { Services } from '../shared/services';
import { consoleKnowsSessionsOf } from './consoleUrl';
import { EventLinkHandler } from './eventLinkHandler';
import type { ExternalOpener } from '../shared/externalOpener';

const CONTEXT_CONSOLE_KNOWS_SESSIONS = 'managedAgents.consoleKnowsSessions';

export interface LinksParts {
  opener: ExternalOpener;
  handler: EventLinkHandler;
}

export function activateLinks(services: Services, panels: HistoryPanelManager, opener: ExternalOpener): { parts: LinksParts; disposables: vscode.Disposable[] } {
  const handler = new EventLinkHandler(panels, services.log);
  // Open in Console is offered only where the Console can show the sessions.
  const syncConsole = () => {
    const { baseUrl, consoleUrl } = services.settings.current;
    void vscode.commands.executeCommand('setContext', CONTEXT_CONSOLE_KNOWS_SESSIONS, consoleKnowsSessionsOf(baseUrl, consoleUrl));
  };
  syncConsole();
  return { parts: { opener, handler }, disposables: [vscode.window.registerUriHandler(handler), services.settings.onDidChange(syncConsole)] };
}
