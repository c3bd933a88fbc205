// Wires the sessions feature: the store, the Sessions view, its context keys, the status bar entry,
// the notifications, and what session commands share (the dialogs, the chooser). Called once from
// activate(); no network here.
import * as vscode from 'vscode';
import { SessionFiles } from '../files/sessionFiles';
import type { Services } from '../shared/services';
import { SessionsContextKeys } from './contextKeys';
import { SessionNotifications } from './notifications';
import { SessionChooser } from './sessionChooser';
import { createSessionDialogs, type SessionDialogs } from './sessionDialogs';
import { SessionsView } from './sessionsView';
import { SessionsStatusBar } from './statusBar';
import { SessionsStore } from './store/sessionsStore';

/** The parts of the sessions feature; src/commands.ts hands each command the ones it acts on. */
export interface SessionsParts {
  readonly store: SessionsStore;
  readonly view: SessionsView;
  readonly contextKeys: SessionsContextKeys;
  readonly statusBar: SessionsStatusBar;
  /** The dialogs the session commands and notifications show (tests replace its methods to answer them). */
  readonly dialogs: SessionDialogs;
  readonly chooser: SessionChooser;
  /** Each session's attached files and the files its agent wrote (its rows' Files children). */
  readonly files: SessionFiles;
}

export function activateSessions(services: Services): SessionsParts & vscode.Disposable {
  const { client, settings, keyStore, log, context } = services;
  const store = new SessionsStore({ client, settings, keyStore, workspaceState: context.workspaceState, log });
  store.setWindowFocused(vscode.window.state.focused);
  const windowState = vscode.window.onDidChangeWindowState((state) => store.setWindowFocused(state.focused));
  const files = new SessionFiles(client);
  const view = new SessionsView(store, files);
  const contextKeys = new SessionsContextKeys(store);
  const statusBar = new SessionsStatusBar(store);
  const dialogs = createSessionDialogs();
  const notifications = new SessionNotifications(store, dialogs);
  const chooser = new SessionChooser(store, client, view, dialogs);
  const disposables: vscode.Disposable[] = [notifications, statusBar, contextKeys, view, files, windowState, store];
  return {
    store,
    view,
    contextKeys,
    statusBar,
    dialogs,
    chooser,
    files,
    dispose: () => {
      for (const disposable of disposables) disposable.dispose();
    },
  };
}
