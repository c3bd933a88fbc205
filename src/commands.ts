// The one place every command is registered. Each command lives in its feature's `commands/` folder
// and gets the parts it acts on; its id comes from commandIds.ts, as package.json contributes it.
import type * as vscode from 'vscode';
import { registerClearApiKey } from './auth/commands/clearApiKey';
import { registerForgetInsecureHosts } from './auth/commands/forgetInsecureHosts';
import { registerSetApiKey } from './auth/commands/setApiKey';
import { registerOpenHistory } from './history/commands/openHistory';
import type { HistoryPanelManager } from './history/panelManager';
import { registerArchiveSession } from './sessions/commands/archiveSession';
import { registerClearSessionFilter } from './sessions/commands/clearSessionFilter';
import { registerCopySessionId } from './sessions/commands/copySessionId';
import { registerDeleteSession } from './sessions/commands/deleteSession';
import { registerFilterSessions } from './sessions/commands/filterSessions';
import { registerGroupSessionsBy } from './sessions/commands/groupSessionsBy';
import { registerHideArchivedSessions } from './sessions/commands/hideArchivedSessions';
import { registerInterruptSession } from './sessions/commands/interruptSession';
import { registerLoadMoreSessions } from './sessions/commands/loadMoreSessions';
import { registerRefreshSessions } from './sessions/commands/refreshSessions';
import { registerSendMessage } from './sessions/commands/sendMessage';
import { registerShowArchivedSessions } from './sessions/commands/showArchivedSessions';
import type { SessionsFeature } from './sessions/sessionsFeature';
import { registerShowLog } from './shared/commands/showLog';
import { registerShowVersion } from './shared/commands/showVersion';
import type { Services } from './shared/services';
import { registerApplySessionUpdate } from './yaml/commands/applySessionUpdate';
import { registerCreateSessionFromYaml } from './yaml/commands/createSessionFromYaml';
import { registerNewSession } from './yaml/commands/newSession';
import { registerRaiseBudget } from './yaml/commands/raiseBudget';
import { registerSendEventsFromYaml } from './yaml/commands/sendEventsFromYaml';
import { registerUpdateSession } from './yaml/commands/updateSession';
import { registerValidateYamlBody } from './yaml/commands/validateYamlBody';
import type { YamlEditor } from './yaml/editor/yamlEditor';

export interface CommandTargets {
  services: Services;
  history: HistoryPanelManager;
  sessions: SessionsFeature;
  yaml: YamlEditor;
}

export function registerCommands({ services, history, sessions, yaml }: CommandTargets): vscode.Disposable[] {
  return [
    registerSetApiKey(services),
    registerClearApiKey(services),
    registerForgetInsecureHosts(services),
    registerShowLog(services),
    registerShowVersion(services),
    registerOpenHistory(services, history),
    registerRefreshSessions(sessions),
    registerLoadMoreSessions(sessions),
    registerSendMessage(sessions),
    registerInterruptSession(sessions),
    registerArchiveSession(sessions),
    registerDeleteSession(sessions),
    registerCopySessionId(sessions),
    registerGroupSessionsBy(sessions),
    registerFilterSessions(sessions),
    registerClearSessionFilter(sessions),
    registerShowArchivedSessions(sessions),
    registerHideArchivedSessions(sessions),
    registerNewSession(yaml),
    registerCreateSessionFromYaml(yaml),
    registerSendEventsFromYaml(yaml),
    registerUpdateSession(yaml),
    registerRaiseBudget(yaml),
    registerApplySessionUpdate(yaml),
    registerValidateYamlBody(yaml),
  ];
}
