// The one message protocol between the Session history panel (extension host) and its webview.
// Imported by both sides: the host compiles it with tsc, the webview bundle gets it from esbuild.
// Keep it free of `vscode`, Node and DOM: types plus a few constants only.
import type { RowView } from './eventView';
import type { ImageAllowance } from './links';
import type { OutcomeFields } from './outcome';

export const HISTORY_VIEW_TYPE = 'managedAgents.history';

/** Rows per `patch` message at most: a long history arrives in chunks of this size. */
export const EVENT_CHUNK_SIZE = 500;

/** What the header shows, computed on the host from the session (and its environment). */
export interface SessionHeader {
  id: string;
  title: string;
  status: 'rescheduling' | 'running' | 'idle' | 'terminated' | 'unknown';
  archived: boolean;
  agentName: string;
  agentVersion: number | null;
  model: string;
  environment: string;
  /** "12.3k in · 4.1k out · 90k cache read" */
  tokens: string;
  /** "$0.42" or "" */
  cost: string;
  /** "3m 12s" or "" */
  activeTime: string;
  createdAt: string;
  /** "$0.42 of $5.00 spent", or "" without a budget. */
  budget: string;
  /** The spend has reached the budget: every turn stops at once until the budget is raised. */
  budgetReached: boolean;
}

export type ConnectionIndicator = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** An agent message or thinking block while it is still being written (event_start / event_delta). */
export interface PreviewView {
  id: string;
  eventType: 'agent.message' | 'agent.thinking';
  text: string;
}

/** How a tool call the session waits on is answered (see PendingAction in src/history/transcript.ts). */
export type PendingActionKind = 'confirm' | 'custom' | 'client';

/** A tool call the session waits on, as the "Waiting for you" section shows it. */
export interface WaitingView {
  /** The tool call's event. */
  eventId: string;
  kind: PendingActionKind;
  name: string;
  /** What the call does, on one line (its command, path or query). */
  summary: string;
  /** Its whole input, as JSON. */
  input: string;
}

/** A row the webview holds that changed in place (an event replaced, or something its view names). */
export interface RowUpdate {
  index: number;
  row: RowView;
}

/** The part of the history not loaded yet: older events, loaded a page at a time or all at once. */
export interface OlderHistory {
  /** Older events remain on the server. */
  hasOlder: boolean;
  /** 'page': the next older page is on its way; 'all': every older page is, with `loaded` events so far. */
  loading: 'none' | 'page' | 'all';
  /** Events loaded so far (all pages). */
  loaded: number;
  /** Why the last older page could not be loaded (scrolling up, or Retry, asks again). */
  error?: string;
}

/** Persisted with `webview.setState` and handed to the panel serializer after a window reload. */
export interface HistoryWebviewState {
  sessionId: string;
  draft?: string;
  /** Event kinds turned off in the filter bar. */
  hiddenKinds?: string[];
  search?: string;
  /** The transcript shows each model request as one group (the filter bar's toggle). */
  groupByRequest?: boolean;
  /** The inspector is open, and which of its tabs is selected. */
  inspectorOpen?: boolean;
  inspectorTab?: InspectorTab;
  /** The event the inspector's Events tab shows (the transcript row that last had the focus). */
  inspectorEventId?: string;
  /** The reply's system note (Steer), and whether its box is shown. */
  steer?: string;
  steerOpen?: boolean;
  /** The outcome form as the user left it, whether it is open, and the rubric file chosen in it. */
  outcome?: OutcomeFields;
  outcomeOpen?: boolean;
  outcomeRubricFile?: { token: string; name: string };
}

// ---- threads -----------------------------------------------------------------------------------

/** What a thread is doing over a stretch of time: working (running or rescheduling), waiting on the user, idle, or ended. */
export type LaneState = 'working' | 'waiting' | 'idle' | 'ended';

/** A stretch of one lane. Times are epoch milliseconds (from the events' processed_at). */
export interface LaneSpanView {
  start: number;
  /** null while it goes on. */
  end: number | null;
  state: LaneState;
}

/** One thread of a multiagent session, as its lane shows it. */
export interface LaneView {
  /** The thread's id; null for the session's primary thread (the coordinator, whose transcript is the session's). */
  threadId: string | null;
  name: string;
  role: 'coordinator' | 'subagent';
  /** What it does now. */
  state: LaneState;
  spans: LaneSpanView[];
  /** The lane in words, for screen readers ("working now; worked 2 times, 14s in all"). */
  summary: string;
}

/** The lanes of a multiagent session over its time: the primary first, then each subagent thread as it was created. */
export interface LanesView {
  start: number;
  /** The last status change when nothing works or waits any more; null while something does (the lanes reach "now"). */
  end: number | null;
  lanes: LaneView[];
}

/** The thread whose transcript the panel shows instead of the session's. */
export interface ViewedThread {
  id: string;
  name: string;
}

// ---- the inspector -----------------------------------------------------------------------------

export type InspectorTab = 'session' | 'tools' | 'threads' | 'events';

/** The most JSON the host sends for the Events tab (characters); Open in Editor shows the whole event. */
export const MAX_EVENT_JSON_CHARS = 100_000;

/** One event's raw JSON for the Events tab, pretty-printed; cut at MAX_EVENT_JSON_CHARS. */
export interface EventJsonView {
  eventId: string;
  eventType: string;
  json: string;
  /** The whole JSON's length: more than `json`'s when it was cut. */
  totalChars: number;
}

/** Something the host loads only once the inspector is opened (the session's threads, its resources). */
export type InspectorLoad<T> =
  | { state: 'notLoaded' }
  | { state: 'loading' }
  | { state: 'loaded'; items: T[] }
  /** `error`: why, for the tab to show beside its Retry. */
  | { state: 'failed'; error: string };

/** One tool the agent may call, and whether it asks first. */
export interface InspectorToolView {
  name: string;
  enabled: boolean;
  /** "always allow", "always ask", "auto", or "" when the API gives none (custom tools: the client answers). */
  permission: string;
  description?: string;
}

/** A toolset of the agent: its built-in tools, one MCP server's tools, or a custom tool. */
export interface InspectorToolsetView {
  /** "Built-in tools", "MCP server github", "Custom tool". */
  title: string;
  /** What a tool of the set not listed gets; absent for a custom tool. */
  defaults?: { enabled: boolean; permission: string };
  tools: InspectorToolView[];
}

/** The agent snapshot the session (or a thread) runs. */
export interface InspectorAgentView {
  id: string;
  name: string;
  version: number | null;
  description: string;
  /** The model's id, then its effort and speed when given ("claude-opus-4-6 · effort high"). */
  model: string;
  /** "" without a system prompt. */
  system: string;
  toolsets: InspectorToolsetView[];
  mcpServers: { name: string; url: string }[];
  skills: { id: string; type: string; version: string }[];
  /** "coordinator", "multiagent_20261001", or "" for a single agent. */
  multiagent: string;
}

export interface InspectorResourceView {
  id: string;
  /** 'file', 'github_repository', 'memory_store' (or whatever new type the API sends). */
  type: string;
  /** The file id, the repository's URL, the memory store's name or id. */
  name: string;
  /** Where the agent finds it ("" when not mounted). */
  mountPath: string;
  /** "branch main", "commit 1a2b3c", "read only"... or "". */
  detail: string;
}

export interface InspectorEvaluationView {
  iteration: number;
  /** "satisfied", "needs_revision"...; "in progress" while the evaluation runs. */
  result: string;
  explanation: string;
  /** The event that holds it (to jump to), when it is loaded. */
  eventId?: string;
}

export interface InspectorOutcomeView {
  outcomeId: string;
  description: string;
  /** The rubric's text, or "file <id>". */
  rubric: string;
  maxIterations: number | null;
  /** The event that defined it, when it is loaded. */
  eventId?: string;
  evaluations: InspectorEvaluationView[];
}

export interface InspectorSessionView {
  id: string;
  agent: InspectorAgentView;
  environment: { name: string; id: string };
  vaultIds: string[];
  /** In the session's order. */
  metadata: [string, string][];
  /** "$0.42 of $5.00 spent", or "" without a budget. */
  budget: string;
  budgetReached: boolean;
  /** "$0.42", or "" when the API gave no cost. */
  spent: string;
}

export interface InspectorThreadView {
  id: string;
  /** The coordinator's thread (the primary) or a subagent's. */
  primary: boolean;
  parentId: string;
  status: string;
  archived: boolean;
  agentName: string;
  /** 'agent', 'advisor', 'inline'. */
  agentType: string;
  agentVersion: number | null;
  model: string;
  /** "12.3k in · 4.1k out · 90k cache read", or "" without usage. */
  tokens: string;
  /** "$0.42", or "". */
  cost: string;
  /** "3m 12s", or "". */
  activeTime: string;
  createdAt: string;
}

/** Everything the inspector shows, computed on the host (src/history/inspector.ts). */
export interface InspectorView {
  /** Null until the session is loaded. */
  session: InspectorSessionView | null;
  resources: InspectorLoad<InspectorResourceView>;
  outcomes: InspectorOutcomeView[];
  threads: InspectorLoad<InspectorThreadView>;
}

// ---- host -> webview ---------------------------------------------------------------------------

/** One tool's figures: its calls, how many failed, the median and longest time from a call to its result. */
export interface ToolStatView {
  name: string;
  calls: number;
  failures: number;
  /** "1.2s", "3m 5s"; empty while no call has a result. */
  median: string;
  longest: string;
}

export type HostMessage =
  /** Start over: forget every event (first load, refresh, webview re-created). */
  | {
      type: 'init';
      sessionId: string;
      draft: string;
      header: SessionHeader | null;
      /** The remote images the user chose to load (the CSP allows these and no others). */
      images?: ImageAllowance;
      /** An event to scroll to once the history is in (where the user was when the panel reloaded). */
      reveal?: string;
      /** The rows that follow are this thread's own transcript, not the session's. */
      thread?: ViewedThread;
    }
  | { type: 'header'; header: SessionHeader }
  /**
   * What changed in the transcript since the last patch, ready to draw: one row per event, in the
   * session's order. Applied in the order of the fields.
   */
  | {
      type: 'patch';
      /** Rows older than every row so far (an older page), in order: they go before the others. */
      prepend?: RowView[];
      /** Rows that changed in place, by their index once `prepend` is applied. */
      update?: RowUpdate[];
      /** New rows at the end. */
      append?: RowView[];
      /** Every preview in progress (usually none or one), when they changed; replaces the previous set. */
      previews?: PreviewView[];
      /** The tool calls the session waits on, when they changed; replaces the previous set. */
      waiting?: WaitingView[];
      /** The newest events and the live stream are joined (said once after each `init`). */
      historyComplete?: true;
    }
  /** Whether older events remain, and whether they are being loaded. */
  | { type: 'history'; history: OlderHistory }
  /** Per tool, over the events loaded: calls, failures and durations (the inspector's Tools tab). */
  | { type: 'tools'; tools: ToolStatView[] }
  | { type: 'connection'; state: ConnectionIndicator; detail?: string; retryInMs?: number }
  /** Answer to a webview request (send, confirm, toolResult, interrupt, archive, delete). */
  | { type: 'result'; requestId: string; ok: boolean; error?: string }
  /** The host wants something shown in the panel's message line (e.g. "Exported to ..."). */
  | { type: 'notice'; text: string; level: 'info' | 'error' }
  /** Files were attached from the reply box: where the agent finds them, for the reply to name. */
  | { type: 'attached'; paths: string[] }
  /** Show this event (a link to it was followed), loading older history when it is further back. */
  | { type: 'reveal'; eventId: string }
  /** What the inspector shows, whenever it changed (and after every `init`). */
  | { type: 'inspector'; inspector: InspectorView }
  /**
   * The transcript shown changes (a thread's lane was chosen, or the session's again): forget the rows;
   * the new transcript's rows follow. The reply box, header, inspector and lanes stay.
   */
  | { type: 'transcript'; thread?: ViewedThread; reveal?: string }
  /** Whether the Claude Console can show this session (not one of a server on this machine): its button shows. */
  | { type: 'console'; available: boolean }
  /** The threads' lanes of a multiagent session, whenever a thread was created or changed status (and after every `init`). */
  | { type: 'lanes'; lanes: LanesView }
  /** Answer to `inspectEvent`: the event's JSON, or null when the panel no longer holds the event. */
  | { type: 'eventJson'; eventId: string; event: EventJsonView | null }
  /** The workspace file chosen as the outcome's rubric: its token (for `defineOutcome`) and its path to show. */
  | { type: 'rubricFile'; token: string; name: string };

// ---- webview -> host ---------------------------------------------------------------------------

export type WebviewMessage =
  /** The script has loaded (first time or after the webview was re-created): send everything. */
  | { type: 'ready'; state?: HistoryWebviewState }
  /** A reply; `steer`: a system note sent with it as a `system.message` right after the `user.message`. */
  | { type: 'send'; requestId: string; text: string; steer?: string }
  /**
   * Define an outcome (`user.define_outcome`); `maxIterations` "" for the API's default. The rubric is
   * the text, or with `rubricFile` (a token from `rubricFile`) that workspace file, uploaded by the host.
   */
  | ({ type: 'defineOutcome'; requestId: string; rubricFile?: string } & OutcomeFields)
  /** Ask which workspace file holds the outcome's rubric (the host answers with `rubricFile` when one is chosen). */
  | { type: 'pickRubricFile' }
  | { type: 'confirm'; requestId: string; toolUseId: string; result: 'allow' | 'deny'; denyMessage?: string }
  /** A tool's result typed by the user: custom -> user.custom_tool_result, client -> user.tool_result. */
  | { type: 'toolResult'; requestId: string; tool: 'custom' | 'client'; toolUseId: string; text: string; isError: boolean }
  | { type: 'interrupt'; requestId: string }
  | { type: 'archive'; requestId: string }
  /** Delete the session (the host runs the Delete command: its confirmation and interrupt offer). */
  | { type: 'delete'; requestId: string }
  /** Open the session's update body with a raised budget. */
  | { type: 'raiseBudget' }
  | { type: 'refresh' }
  | { type: 'export' }
  /** Load the next older page (scrolled near the top), or all of them (a search or filter needs the whole history). */
  | { type: 'loadOlder'; all: boolean }
  /** Stop loading older pages that were asked for. */
  | { type: 'cancelOlder' }
  | { type: 'draft'; text: string }
  | { type: 'copy'; text: string }
  /** Attach workspace files to the session (the host asks which, and where they go). */
  | { type: 'attachFiles' }
  /** Open the session in the Claude Console. */
  | { type: 'openInConsole' }
  /** Open this event's raw JSON in a read-only editor. */
  | { type: 'openEventJson'; eventId: string }
  | { type: 'openLink'; url: string }
  /** Load this remote image from now on; `reveal`: the event it is in, to come back to after the panel reloads. */
  | { type: 'loadImage'; url: string; reveal?: string }
  /** Load every image from this https origin from now on. */
  | { type: 'loadImagesFrom'; origin: string; reveal?: string }
  /** The inspector is open: load the session's threads and resources (once; again when the last try failed). */
  | { type: 'inspect' }
  /** The inspector's Events tab shows this event: send its JSON (`eventJson`). */
  | { type: 'inspectEvent'; eventId: string }
  /** Copy this event's whole JSON (the Events tab's Copy; the tab may hold only its start). */
  | { type: 'copyEventJson'; eventId: string }
  | { type: 'log'; level: 'info' | 'error'; message: string }
  /** Show this thread's own transcript, live (null: the session's again). */
  | { type: 'openThread'; threadId: string | null }
  /** Show the other side of a thread message: the row that sent it, or the one that received it, in its thread. */
  | { type: 'openCounterpart'; eventId: string };

export type WebviewMessageType = WebviewMessage['type'];

const WEBVIEW_MESSAGE_TYPES: ReadonlySet<string> = new Set<WebviewMessageType>([
  'ready', 'send', 'defineOutcome', 'pickRubricFile', 'confirm', 'toolResult', 'interrupt', 'archive', 'delete', 'raiseBudget', 'refresh', 'export', 'loadOlder', 'cancelOlder', 'draft', 'copy', 'attachFiles', 'openInConsole', 'openEventJson', 'openLink', 'loadImage', 'loadImagesFrom', 'inspect', 'inspectEvent', 'copyEventJson', 'log', 'openThread', 'openCounterpart',
]);

/** The most text a `copy` may carry (characters): enough for any event shown, bounded all the same. */
export const MAX_COPY_CHARS = 16 * 1024 * 1024;
/** The most text a `draft` may carry (characters). */
export const MAX_DRAFT_CHARS = 1024 * 1024;
/** The most text a `log` may carry (characters); the webview shortens longer ones. */
export const MAX_LOG_CHARS = 4_000;

/** The host treats what the webview posts as untrusted input: a message of a known type with string fields. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message.type !== 'string' || !WEBVIEW_MESSAGE_TYPES.has(message.type)) return false;
  const strings = (...keys: string[]) => keys.every((key) => typeof message[key] === 'string');
  switch (message.type) {
    case 'send':
      return strings('requestId', 'text') && (message.steer === undefined || typeof message.steer === 'string');
    case 'defineOutcome':
      return strings('requestId', 'description', 'rubric', 'maxIterations') && (message.rubricFile === undefined || typeof message.rubricFile === 'string');
    case 'confirm':
      return strings('requestId', 'toolUseId') && (message.result === 'allow' || message.result === 'deny') && (message.denyMessage === undefined || typeof message.denyMessage === 'string');
    case 'toolResult':
      return strings('requestId', 'toolUseId', 'text') && (message.tool === 'custom' || message.tool === 'client') && typeof message.isError === 'boolean';
    case 'interrupt':
    case 'archive':
    case 'delete':
      return strings('requestId');
    case 'draft':
    case 'copy':
      return strings('text');
    case 'openLink':
      return strings('url');
    case 'openEventJson':
    case 'openCounterpart':
    case 'inspectEvent':
    case 'copyEventJson':
      return strings('eventId');
    case 'openThread':
      return message.threadId === null || typeof message.threadId === 'string';
    case 'loadImage':
      return strings('url') && (message.reveal === undefined || typeof message.reveal === 'string');
    case 'loadImagesFrom':
      return strings('origin') && (message.reveal === undefined || typeof message.reveal === 'string');
    case 'log':
      return strings('message');
    case 'loadOlder':
      return typeof message.all === 'boolean';
    default:
      return true;
  }
}
