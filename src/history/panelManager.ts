// Keeps one history panel per session: opens or reveals it, and restores panels after a window reload
// (WebviewPanelSerializer, from the state the webview saved: session id and draft).
import * as vscode from 'vscode';
import type { ExternalOpener } from '../shared/externalOpener';
import type { Services } from '../shared/services';
import { DraftStore } from './drafts';
import { HistoryPanel, defaultDialogs, type HistoryDialogs } from './historyPanel';
import { ImageAllowances } from './imageAllowances';
import { HISTORY_VIEW_TYPE, type HistoryWebviewState } from '../webview/protocol';
import { EventDocuments } from './eventDocuments';

export class HistoryPanelManager implements vscode.WebviewPanelSerializer<HistoryWebviewState>, vscode.Disposable {
  private readonly panels = new Map<string, HistoryPanel>();
  private readonly opened = new vscode.EventEmitter<HistoryPanel>();
  /** Fires for every new panel (opened or restored). */
  readonly onDidOpen = this.opened.event;
  readonly drafts: DraftStore;
  /** The remote images the user chose to load, per session, while the window is open. */
  readonly images = new ImageAllowances();
  /** Events' JSON in read-only editors, for every panel. */
  readonly eventDocuments = new EventDocuments();
  /** The save dialog and confirmations; tests replace them. */
  dialogs: HistoryDialogs = defaultDialogs;

  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly services: Services,
    private readonly opener: ExternalOpener,
  ) {
    this.drafts = new DraftStore(services.context.workspaceState);
    let connection = `${services.settings.current.baseUrl} ${services.settings.current.workspaceId}`;
    this.subscriptions.push(
      // A key was stored: panels that stopped (e.g. for want of a key) follow again.
      services.keyStore.onDidChange((hasKey) => {
        if (hasKey) for (const panel of this.panels.values()) if (!panel.following) panel.refresh();
      }),
      // Another server or workspace: everything shown may be wrong.
      services.settings.onDidChange((settings) => {
        const next = `${settings.baseUrl} ${settings.workspaceId}`;
        if (next === connection) return;
        connection = next;
        for (const panel of this.panels.values()) panel.refresh();
      }),
    );
  }

  /** Opens the session's panel, or reveals the one already open; `reveal`: an event to show (a link to it). */
  open(sessionId: string, options: { preserveFocus?: boolean; viewColumn?: vscode.ViewColumn; reveal?: string } = {}): HistoryPanel {
    const existing = this.panels.get(sessionId);
    if (existing) {
      existing.panel.reveal(options.viewColumn, options.preserveFocus);
      if (options.reveal) existing.revealEvent(options.reveal);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      HISTORY_VIEW_TYPE,
      `History: ${sessionId}`,
      { viewColumn: options.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      { enableScripts: true, enableFindWidget: false, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(this.services.context.extensionUri, 'media')] },
    );
    const opened = this.adopt(sessionId, panel);
    if (options.reveal) opened.revealEvent(options.reveal);
    return opened;
  }

  get(sessionId: string): HistoryPanel | undefined {
    return this.panels.get(sessionId);
  }

  get all(): HistoryPanel[] {
    return [...this.panels.values()];
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: HistoryWebviewState | undefined): Promise<void> {
    const sessionId = typeof state?.sessionId === 'string' ? state.sessionId : '';
    if (!sessionId || this.panels.has(sessionId)) {
      panel.dispose();
      return;
    }
    if (typeof state?.draft === 'string' && state.draft) await this.drafts.set(sessionId, state.draft);
    this.adopt(sessionId, panel);
  }

  private adopt(sessionId: string, webviewPanel: vscode.WebviewPanel): HistoryPanel {
    const panel = new HistoryPanel(this.services, sessionId, webviewPanel, this.drafts, {
      showSaveDialog: (options) => this.dialogs.showSaveDialog(options),
      confirm: (message, action) => this.dialogs.confirm(message, action),
      pick: (choices, placeholder) => this.dialogs.pick(choices, placeholder),
      pickFiles: (options) => this.dialogs.pickFiles(options),
    }, this.images, this.eventDocuments, this.opener);
    this.panels.set(sessionId, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(sessionId) === panel) this.panels.delete(sessionId);
    });
    this.opened.fire(panel);
    return panel;
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    this.opened.dispose();
    this.eventDocuments.dispose();
  }
}
