// Every command's id, as package.json contributes it. This module imports nothing, so a tree row, a
// notification or a panel can name a command without importing the code that runs it.

export const APPLY_SESSION_UPDATE = 'managedAgents.applySessionUpdate';
export const ARCHIVE_SESSION = 'managedAgents.archive';
export const ARCHIVE_THREAD = 'managedAgents.archiveThread';
export const ATTACH_TO_SESSION = 'managedAgents.attachToSession';
export const CLEAR_API_KEY = 'managedAgents.clearApiKey';
export const CLEAR_SESSION_FILTER = 'managedAgents.clearSessionFilter';
export const COMPARE_SESSION_FILE = 'managedAgents.compareSessionFileWithWorkspace';
export const COPY_EVENT_LINK = 'managedAgents.copyEventLink';
export const COPY_SESSION_ID = 'managedAgents.copySessionId';
export const COPY_SESSION_LINK = 'managedAgents.copySessionLink';
export const CREATE_SESSION_FROM_YAML = 'managedAgents.createSessionFromYaml';
export const DELETE_SESSION = 'managedAgents.delete';
export const DOWNLOAD_SESSION_FILE = 'managedAgents.downloadSessionFile';
export const DOWNLOAD_SESSION_OUTPUTS = 'managedAgents.downloadSessionOutputs';
export const FILTER_SESSIONS = 'managedAgents.filterSessions';
/** Forgets every address allowed to receive the key (plain http or set by a workspace); the id keeps its first name. */
export const FORGET_ALLOWED_ADDRESSES = 'managedAgents.forgetInsecureHosts';
export const GROUP_SESSIONS_BY = 'managedAgents.groupSessionsBy';
export const HIDE_ARCHIVED_SESSIONS = 'managedAgents.hideArchivedSessions';
export const INTERRUPT_SESSION = 'managedAgents.interrupt';
export const INTERRUPT_THREAD = 'managedAgents.interruptThread';
export const LOAD_MORE_SESSIONS = 'managedAgents.loadMoreSessions';
export const NEW_SESSION = 'managedAgents.newSession';
export const OPEN_HISTORY = 'managedAgents.openHistory';
export const OPEN_IN_CONSOLE = 'managedAgents.openInConsole';
export const OPEN_SESSION_FILE = 'managedAgents.openSessionFile';
export const RAISE_BUDGET = 'managedAgents.raiseBudget';
export const REFRESH_SESSIONS = 'managedAgents.refresh';
export const REFRESH_SESSION_FILES = 'managedAgents.refreshSessionFiles';
export const REMOVE_SESSION_FILE = 'managedAgents.removeSessionFile';
export const SEND_EVENTS_FROM_YAML = 'managedAgents.sendEventsFromYaml';
export const SEND_MESSAGE = 'managedAgents.sendMessage';
export const SEND_SELECTION_TO_SESSION = 'managedAgents.sendSelectionToSession';
export const SET_API_KEY = 'managedAgents.setApiKey';
export const SHOW_ARCHIVED_SESSIONS = 'managedAgents.showArchivedSessions';
export const SHOW_LOG = 'managedAgents.showLog';
export const SHOW_VERSION = 'managedAgents.showVersion';
export const UPDATE_SESSION = 'managedAgents.updateSession';
export const VALIDATE_YAML_BODY = 'managedAgents.validateYamlBody';
