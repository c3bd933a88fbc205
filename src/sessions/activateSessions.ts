// Wires the Sessions sidebar, the status bar entry and the notifications (called once
// from activate(); no network here).
import * as vscode from 'vscode';
import { SessionNotifications } from './notifications';
import type { Services } from '../shared/services';
import { SessionsStatusBar } from './statusBar';
import { SessionsFeature } from './sessionsFeature';

/** What the extension's API exposes of the sessions part (integration tests drive and observe it). */
export interface SessionsApi {
  readonly feature: SessionsFeature;
  readonly statusBar: SessionsStatusBar;
}

export function activateSessions(services: Services): SessionsApi & vscode.Disposable {
  const feature = new SessionsFeature(services);
  const statusBar = new SessionsStatusBar(feature.store);
  const notifications = new SessionNotifications(feature);
  const disposables: vscode.Disposable[] = [
    notifications,
    statusBar,
    feature,
  ];
  return {
    feature,
    statusBar,
    dispose: () => {
      for (const disposable of disposables) disposable.dispose();
    },
  };
}
