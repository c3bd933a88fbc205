// Wires the Sessions sidebar, its commands, the status bar entry and the notifications (called once
// from activate(); no network here).
import * as vscode from 'vscode';
import { registerArchiveSession } from '../commands/archiveSession';
import { registerClearSessionFilter } from '../commands/clearSessionFilter';
import { registerCopySessionId } from '../commands/copySessionId';
import { registerDeleteSession } from '../commands/deleteSession';
import { registerFilterSessions } from '../commands/filterSessions';
import { registerGroupSessionsBy } from '../commands/groupSessionsBy';
import { registerHideArchivedSessions } from '../commands/hideArchivedSessions';
import { registerInterruptSession } from '../commands/interruptSession';
import { registerLoadMoreSessions } from '../commands/loadMoreSessions';
import { registerRefreshSessions } from '../commands/refreshSessions';
import { registerSendMessage } from '../commands/sendMessage';
import { registerShowArchivedSessions } from '../commands/showArchivedSessions';
import { SessionNotifications } from '../notifications';
import type { Services } from '../services';
import { SessionsStatusBar } from '../statusBar';
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
    registerRefreshSessions(feature),
    registerLoadMoreSessions(feature),
    registerSendMessage(feature),
    registerInterruptSession(feature),
    registerArchiveSession(feature),
    registerDeleteSession(feature),
    registerCopySessionId(feature),
    registerGroupSessionsBy(feature),
    registerFilterSessions(feature),
    registerClearSessionFilter(feature),
    registerShowArchivedSessions(feature),
    registerHideArchivedSessions(feature),
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
