// Follows links to a session or an event (see eventLink.ts) that VS Code hands the extension: opens the
// session's history panel and shows the event, loading older history when the event is further back.
import * as vscode from 'vscode';
import type { HistoryPanelManager } from '../history/panelManager';
import { notify } from '../shared/errors';
import { parseEventLink } from './eventLink';

export class EventLinkHandler implements vscode.UriHandler {
  constructor(
    private readonly panels: HistoryPanelManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  handleUri(uri: vscode.Uri): void {
    const target = parseEventLink(uri.path, uri.query);
    if ('problem' in target) {
      this.log.warn(`A link could not be followed: ${target.problem}`);
      void notify('error', `Could not open the link: ${target.problem} Ask for a new link (Copy Link to Event in the session's history).`);
      return;
    }
    this.log.info(`Opening ${target.sessionId}${target.eventId ? ` at ${target.eventId}` : ''} from a link.`);
    this.panels.open(target.sessionId, target.eventId ? { reveal: target.eventId } : {});
  }
}
