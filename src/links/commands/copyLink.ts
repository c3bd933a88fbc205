import * as vscode from 'vscode';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { notify } from '../../shared/errors';
import { COPY_EVENT_LINK, COPY_SESSION_LINK } from '../../commandIds';
import { EVENT_LINK_PATH, eventLinkQuery, type EventLinkTarget } from '../eventLink';
import { eventTargetFrom, linkTargetFrom } from '../eventTarget';

/** The link that opens this extension's panel at `target`, in the editor the user runs (vscode://, vscode-insiders://...). */
export function extensionLink(extensionId: string, target: EventLinkTarget): vscode.Uri {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: extensionId, path: EVENT_LINK_PATH, query: eventLinkQuery(target) });
}

async function copy(link: vscode.Uri, what: string): Promise<string> {
  const text = link.toString(true);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(link) Copied a link to ${what}: it opens the history in VS Code with this extension`, 4000);
  return text;
}

/**
 * Copy Link to Session (tree rows, the palette) and Copy Link to Event (a row of the history panel):
 * a teammate with the extension who opens the link lands on the same session or row. Each returns the link.
 */
export function registerCopyLinks(parts: { chooser: SessionChooser; extensionId: string }): vscode.Disposable[] {
  const { chooser, extensionId } = parts;
  return [
    vscode.commands.registerCommand(COPY_SESSION_LINK, async (target?: unknown): Promise<string | undefined> => {
      const sessionId =
        linkTargetFrom(target)?.sessionId ??
        (await chooser.choose(undefined, { placeholder: 'Copy a link to which session?', eligible: () => true, noneMessage: 'There are no listed sessions.' }))?.id;
      return sessionId ? copy(extensionLink(extensionId, { sessionId }), sessionId) : undefined;
    }),
    vscode.commands.registerCommand(COPY_EVENT_LINK, async (target?: unknown): Promise<string | undefined> => {
      const event = eventTargetFrom(target);
      if (!event) {
        void notify('info', 'Copy Link to Event works on an event: right-click a row in a session\'s history.');
        return undefined;
      }
      return copy(extensionLink(extensionId, event), `event ${event.eventId}`);
    }),
  ];
}
