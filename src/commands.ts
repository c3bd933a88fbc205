// The one place every command is registered. Each command lives in its feature's `commands/` folder,
// takes the parts it acts on, and gets typed arguments from where it is run (a tree row, a CodeLens,
// a menu, other code); its id comes from commandIds.ts, as package.json contributes it.
import type * as vscode from 'vscode';
import { registerClearApiKey } from './auth/commands/clearApiKey';
import { registerForgetAllowedAddresses } from './auth/commands/forgetAllowedAddresses';
import { registerSetApiKey } from './auth/commands/setApiKey';
import { registerOpenHistory } from './history/commands/openHistory';
import type { HistoryPanelManager } from './history/panelManager';
import type { FilesParts } from './files/activateFiles';
import type { LinksParts } from './links/activateLinks';
import { registerCopyLinks } from './links/commands/copyLink';
import { registerOpenInConsole } from './links/commands/openInConsole';
import { registerAttachToSession } from './files/commands/attachToSession';
import { registerCompareWithWorkspaceFile } from './files/commands/compareWithWorkspaceFile';
import { registerDownloadSessionFile } from './files/commands/downloadSessionFile';
import { registerDownloadSessionOutputs } from './files/commands/downloadSessionOutputs';
import { registerOpenSessionFile } from './files/commands/openSessionFile';
import { registerRefreshSessionFiles } from './files/commands/refreshSessionFiles';
import { registerRemoveSessionFile } from './files/commands/removeSessionFile';
import { registerSendSelectionToSession } from './files/commands/sendSelectionToSession';
import type { SessionsParts } from './sessions/activateSessions';
import { registerArchiveSession } from './sessions/commands/archiveSession';
import { registerClearSessionFilter } from './sessions/commands/clearSessionFilter';
import { registerCopySessionId } from './sessions/commands/copySessionId';
import { registerDeleteSession } from './sessions/commands/deleteSession';
import { registerFilterSessions } from './sessions/commands/filterSessions';
import { registerGroupSessionsBy } from './sessions/commands/groupSessionsBy';
import { registerHideArchivedSessions } from './sessions/commands/hideArchivedSessions';
import { registerInterruptSession } from './sessions/commands/interruptSession';
import { registerInterruptThread } from './sessions/commands/interruptThread';
import { registerArchiveThread } from './sessions/commands/archiveThread';
import { registerLoadMoreSessions } from './sessions/commands/loadMoreSessions';
import { registerRefreshSessions } from './sessions/commands/refreshSessions';
import { registerSendMessage } from './sessions/commands/sendMessage';
import { registerShowArchivedSessions } from './sessions/commands/showArchivedSessions';
import { registerShowLog } from './shared/commands/showLog';
import { registerShowVersion } from './shared/commands/showVersion';
import { extensionVersion, type Services } from './shared/services';
import { registerApplySessionUpdate } from './yaml/commands/applySessionUpdate';
import { registerCreateSessionFromYaml } from './yaml/commands/createSessionFromYaml';
import { registerNewSession } from './yaml/commands/newSession';
import { registerRaiseBudget } from './yaml/commands/raiseBudget';
import { registerSendEventsFromYaml } from './yaml/commands/sendEventsFromYaml';
import { registerUpdateSession } from './yaml/commands/updateSession';
import { registerValidateYamlBody } from './yaml/commands/validateYamlBody';
import type { YamlParts } from './yaml/editor/activateYamlEditor';

export function registerCommands(services: Services, sessions: SessionsParts, yaml: YamlParts, panels: HistoryPanelManager, fileParts: FilesParts, links: LinksParts): vscode.Disposable[] {
  const { client, keyStore, settings, log, guard } = services;
  const { store, view, chooser, dialogs, files } = sessions;
  const { diagnostics, lookups, baselines, pickers } = yaml;
  return [
    registerSetApiKey({ client, keyStore, settings, guard }),
    registerClearApiKey(keyStore),
    registerForgetAllowedAddresses(guard),
    registerShowLog(log),
    registerShowVersion(extensionVersion(services.context)),
    registerOpenHistory({ client, settings, panels }),
    registerRefreshSessions(store, view),
    registerLoadMoreSessions(store, view),
    registerSendMessage({ client, store, view, chooser, dialogs, log }),
    registerInterruptSession({ client, store, view, chooser }),
    registerInterruptThread({ client, store, view }),
    registerArchiveThread({ client, view }),
    registerArchiveSession({ client, store, view, chooser, dialogs }),
    registerDeleteSession({ client, store, view, chooser, dialogs }),
    registerCopySessionId(chooser),
    registerOpenInConsole({ chooser, settings, opener: links.opener }),
    ...registerCopyLinks({ chooser, extensionId: services.context.extension.id }),
    registerGroupSessionsBy(store),
    registerFilterSessions({ client, store, view }),
    registerClearSessionFilter(store, view),
    registerShowArchivedSessions(store, view),
    registerHideArchivedSessions(store, view),
    registerNewSession(lookups, pickers),
    registerCreateSessionFromYaml({ client, log, diagnostics, store, view }),
    registerSendEventsFromYaml({ client, log, diagnostics, store, view, chooser }),
    registerUpdateSession({ client, chooser, baselines }),
    registerRaiseBudget({ client, chooser, baselines }),
    registerApplySessionUpdate({ client, log, diagnostics, baselines, store, view, chooser }),
    registerValidateYamlBody(diagnostics),
    registerAttachToSession({ client, chooser, files, sessionDialogs: dialogs, filesDialogs: fileParts.dialogs, log }),
    registerOpenSessionFile(),
    registerDownloadSessionFile({ client, dialogs: fileParts.dialogs }),
    registerDownloadSessionOutputs({ client, files, filesDialogs: fileParts.dialogs, sessionDialogs: dialogs }),
    registerCompareWithWorkspaceFile(fileParts.dialogs),
    registerRemoveSessionFile({ client, files, view, dialogs }),
    registerRefreshSessionFiles(files),
    registerSendSelectionToSession({ chooser, workspaceState: services.context.workspaceState }),
  ];
}
