// Links out of the editor and into it: Open in Console, Copy Link to Session or Event, and the handler
// for the links the extension copies.
import * as vscode from 'vscode';
import type { HistoryPanelManager } from '../history/panelManager';
import type { Services } from '../shared/services';
import { EventLinkHandler } from './eventLinkHandler';
import { ExternalOpener } from './externalOpener';

export interface LinksParts {
  opener: ExternalOpener;
  handler: EventLinkHandler;
}

export function activateLinks(services: Services, panels: HistoryPanelManager): { parts: LinksParts; disposables: vscode.Disposable[] } {
  const handler = new EventLinkHandler(panels, services.log);
  return { parts: { opener: new ExternalOpener(), handler }, disposables: [vscode.window.registerUriHandler(handler)] };
}
