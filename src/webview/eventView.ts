// Session event -> what the history panel shows for it: kind, icon, title, text or Markdown,
// collapsible payloads, badges and links between a tool call and its result / confirmation.
// Pure: no DOM, no vscode. The host describes each event (src/history/transcript.ts) and sends the
// views to the webview, which renders them with textContent (Markdown via markdown.ts); the export
// writes them as Markdown; unit tests check every event type in plain Node.
import type { SessionEvent } from '../api/resources/sessions/events/types';
import { formatCount, formatDuration, formatMoney, humanize, millisBetween, oneLine, toJson, base64Size, scalarText } from './format';

export type EventKind =
  | 'user'
  | 'agent'
  | 'thinking'
  | 'tool'
  | 'status'
  | 'error'
  | 'span'
  | 'outcome'
  | 'thread'
  | 'workflow'
  | 'session'
  | 'system'
  | 'unknown';

/** Filter groups shown in the panel's filter bar, in order. */
export const EVENT_KINDS: readonly { kind: EventKind; label: string }[] = [
  { kind: 'user', label: 'User' },
  { kind: 'agent', label: 'Agent' },
  { kind: 'thinking', label: 'Thinking' },
  { kind: 'tool', label: 'Tools' },
  { kind: 'status', label: 'Status' },
  { kind: 'error', label: 'Errors' },
  { kind: 'span', label: 'Spans' },
  { kind: 'outcome', label: 'Outcomes' },
  { kind: 'thread', label: 'Threads' },
  { kind: 'workflow', label: 'Workflows' },
  { kind: 'session', label: 'Session' },
  { kind: 'system', label: 'System' },
  { kind: 'unknown', label: 'Other' },
];

export type Tone = 'default' | 'info' | 'success' | 'warning' | 'error' | 'muted';

/** message: a speech bubble; card: a collapsible block with a header line; row: one compact line. */
export type Layout = 'message' | 'card' | 'row';

export interface PayloadView {
  label: string;
  text: string;
  /** Whether `text` is JSON (rendered monospace; a hint for syntax colouring). */
  json: boolean;
}

export interface LinkView {
  label: string;
  /** The event to jump to. */
  eventId: string;
  /** The link shows the other side of this thread message (`eventId`), in the other thread. */
  otherSide?: true;
}

export interface BadgeView {
  text: string;
  tone: Tone;
}

export interface EventView {
  id: string;
  type: string;
  kind: EventKind;
  layout: Layout;
  /** processed_at (ISO), or null while the event is queued. */
  time: string | null;
  icon: EventIcon;
  title: string;
  /** Secondary text on the title line (tool input summary, stop reason, token counts...). */
  detail: string;
  tone: Tone;
  /** Agent text, rendered as (safe) Markdown. */
  markdown?: string;
  /** Plain text body (shown with textContent, whitespace kept). */
  text?: string;
  /** Collapsible blocks: tool input, tool result, raw JSON. */
  payloads: PayloadView[];
  /** Whether the body starts collapsed (thinking, tool calls, spans). */
  collapsed: boolean;
  badges: BadgeView[];
  links: LinkView[];
  /** The session thread the event belongs to, when it names one (multiagent sessions). */
  thread?: string;
}

/** The fields of a view that are left out of its row while at their default (see withDefaults). */
type DefaultedField = 'icon' | 'detail' | 'tone' | 'payloads' | 'collapsed' | 'badges' | 'links';

/**
 * An event's view as it travels from the host to the webview: the fields at their default value (no
 * detail, no payloads, badges or links, the kind's icon...) are left out, which makes a long history
 * much cheaper to send and to receive.
 */
export type RowView = Omit<EventView, DefaultedField> & Partial<Pick<EventView, DefaultedField>>;

/** What a view needs to know about the rest of the transcript. */
export interface TranscriptContext {
  event(id: string): SessionEvent | undefined;
  /** Events answering a tool call: results, confirmations, custom tool results, in order. */
  answers(toolUseId: string): readonly SessionEvent[];
  /** True when the event is a tool call the session is blocked on (requires_action) with no answer yet. */
  isPending(eventId: string): boolean;
  /** Text seen in event_delta previews of a thinking block, if any. */
  previewText?(eventId: string): string | undefined;
  /** The workflow_run.created event of a run, for phase names. */
  workflowRun?(workflowRunId: string): SessionEvent | undefined;
  /** The agent working in a thread, when the event does not name it. */
  threadName?(threadId: string): string | undefined;
}

export const EMPTY_CONTEXT: TranscriptContext = {
  event: () => undefined,
  answers: () => [],
  isPending: () => false,
};

/** Payload text longer than this is cut in the view (Copy still gets all of it). */
export const MAX_PAYLOAD_CHARS = 50_000;
const MAX_SEARCH_CHARS = 20_000;

/**
 * The codicons the panel shows for events, each with the text glyph that stands in for it where no icon
 * font renders (the Markdown export). Names must exist in @vscode/codicons' codicon.css (a unit test checks).
 */
export const EVENT_ICON_GLYPHS = {
  account: '›',
  sparkle: '✦',
  thinking: '…',
  tools: '⚙',
  check: '✔',
  close: '✖',
  output: '↳',
  'circle-filled': '●',
  'debug-stop': '●',
  play: '▶',
  history: '↻',
  'circle-slash': '■',
  'circle-large-outline': '○',
  error: '⚠',
  pulse: '◦',
  target: '◎',
  'comment-discussion': '⇄',
  'list-ordered': '◇',
  info: 'ℹ',
  dashboard: 'Σ',
  gear: '§',
  json: '{}',
  question: '?',
} as const;

/** A codicon name (without the `codicon-` prefix). */
export type EventIcon = keyof typeof EVENT_ICON_GLYPHS;

/**
 * A session status's icon, for its status rows and the panel header. Rescheduling, idle and terminated
 * are the Sessions view's icons (src/sessions/tree/sessionNode.ts), so they read alike.
 */
export const SESSION_STATUS_ICONS = {
  running: 'play',
  rescheduling: 'history',
  idle: 'circle-large-outline',
  terminated: 'circle-slash',
  unknown: 'question',
} as const satisfies Record<string, EventIcon>;

/** Each kind's icon; some events pick their own (session states, an allowed or denied call, a result). */
const ICONS: Record<EventKind, EventIcon> = {
  user: 'account',
  agent: 'sparkle',
  thinking: 'thinking',
  tool: 'tools',
  status: 'circle-filled',
  error: 'error',
  span: 'pulse',
  outcome: 'target',
  thread: 'comment-discussion',
  workflow: 'list-ordered',
  session: 'info',
  system: 'gear',
  unknown: 'json',
};

/** The view of one event. Never throws: an event it cannot read becomes a JSON row. */
export function describeEvent(event: SessionEvent, context: TranscriptContext = EMPTY_CONTEXT): EventView {
  return withDefaults(describeRow(event, context));
}

/** The view of one event as a row for the webview (see RowView). Never throws. */
export function describeRow(event: SessionEvent, context: TranscriptContext = EMPTY_CONTEXT): RowView {
  try {
    const view = describeKnown(event, context);
    if (view) return finish(view, event);
  } catch {
    // fall through to the JSON row
  }
  return finish(unknownView(event), event);
}

/** A row's icon: its own, or its kind's. */
export function iconOf(row: RowView): EventIcon {
  return row.icon ?? ICONS[row.kind];
}

/** The whole view of a row: the fields left out get their defaults (in place). */
export function withDefaults(row: RowView): EventView {
  row.icon ??= ICONS[row.kind];
  row.detail ??= '';
  row.tone ??= 'default';
  row.payloads ??= [];
  row.collapsed ??= false;
  row.badges ??= [];
  row.links ??= [];
  return row as EventView;
}

type Draft = Omit<EventView, 'id' | 'type' | 'time' | 'icon' | 'payloads' | 'badges' | 'links' | 'detail' | 'tone' | 'collapsed'> &
  Partial<Pick<EventView, 'icon' | 'payloads' | 'badges' | 'links' | 'detail' | 'tone' | 'collapsed'>>;

function finish(draft: Draft, event: SessionEvent): RowView {
  const record = event as unknown as Record<string, unknown>;
  const time = typeof record.processed_at === 'string' ? record.processed_at : null;
  const view: RowView = {
    id: typeof record.id === 'string' ? record.id : '',
    type: typeof record.type === 'string' ? record.type : 'unknown',
    kind: draft.kind,
    layout: draft.layout,
    time,
    title: String(draft.title),
  };
  if (draft.icon && draft.icon !== ICONS[draft.kind]) view.icon = draft.icon;
  if (draft.detail) view.detail = draft.detail;
  if (draft.tone && draft.tone !== 'default') view.tone = draft.tone;
  if (draft.payloads?.length) view.payloads = draft.payloads.map((p) => ({ label: String(p.label), text: String(p.text), json: p.json }));
  if (draft.collapsed) view.collapsed = true;
  const badges = !time && isUserSent(view.type) ? [{ text: 'queued', tone: 'muted' as const }, ...(draft.badges ?? [])] : draft.badges;
  if (badges?.length) view.badges = badges;
  if (draft.links?.length) view.links = draft.links;
  if (draft.markdown !== undefined) view.markdown = String(draft.markdown);
  if (draft.text !== undefined) view.text = String(draft.text);
  // Which request of which thread an event belongs to (the webview's grouping by model request).
  if (typeof record.session_thread_id === 'string' && record.session_thread_id) view.thread = record.session_thread_id;
  return view;
}

/** What "Copy" puts on the clipboard for an event: its text and payloads, else its title line. */
export function copyTextOf(view: RowView): string {
  const text = [view.markdown ?? view.text ?? '', ...(view.payloads ?? []).map((p) => p.text)].filter(Boolean).join('\n\n');
  return text || [view.title, view.detail].filter(Boolean).join(' ');
}

/** The lower-case text the search box matches an event against. */
export function searchTextOf(view: RowView): string {
  const search = [view.title, view.detail ?? '', view.markdown ?? '', view.text ?? '', ...(view.payloads ?? []).map((p) => p.text), ...(view.badges ?? []).map((b) => b.text)].join('\n');
  return search.slice(0, MAX_SEARCH_CHARS).toLowerCase();
}

function isUserSent(type: string): boolean {
  return type.startsWith('user.') || type === 'system.message';
}

function describeKnown(event: SessionEvent, ctx: TranscriptContext): Draft | undefined {
  switch (event.type) {
    case 'user.message':
      return { kind: 'user', layout: 'message', title: 'You', text: contentText(event.content) };
    case 'user.interrupt':
      return { kind: 'status', layout: 'row', icon: 'debug-stop', title: 'Interrupted', detail: event.session_thread_id ? `thread ${event.session_thread_id}` : 'by the user', tone: 'warning' };
    case 'user.tool_confirmation': {
      const tool = ctx.event(event.tool_use_id);
      const allowed = event.result === 'allow';
      return {
        kind: 'tool',
        layout: 'row',
        icon: allowed ? 'check' : 'close',
        title: `${allowed ? 'Allowed' : 'Denied'} ${toolName(tool)}`,
        detail: !allowed && event.deny_message ? oneLine(event.deny_message) : '',
        text: !allowed && event.deny_message && event.deny_message.length > 120 ? event.deny_message : undefined,
        tone: allowed ? 'success' : 'warning',
        links: [{ label: 'Tool call', eventId: event.tool_use_id }],
      };
    }
    case 'user.custom_tool_result':
    case 'user.tool_result': {
      const target = event.type === 'user.custom_tool_result' ? event.custom_tool_use_id : event.tool_use_id;
      const title = `${event.type === 'user.custom_tool_result' ? 'Your result for' : 'Client result for'} ${toolName(ctx.event(target))}`;
      return toolResultView(title, target, contentText(event.content), event.is_error);
    }
    case 'user.define_outcome': {
      const rubric = event.rubric?.type === 'text' ? event.rubric.content : event.rubric?.type === 'file' ? `file ${event.rubric.file_id}` : toJson(event.rubric);
      return {
        kind: 'outcome',
        layout: 'card',
        title: 'Outcome defined',
        detail: event.max_iterations ? `up to ${event.max_iterations} iterations` : '',
        text: event.description,
        payloads: [{ label: 'Rubric', text: rubric, json: false }],
      };
    }
    case 'system.message':
      return { kind: 'system', layout: 'message', title: 'System', text: contentText(event.content) };

    case 'agent.message':
      return { kind: 'agent', layout: 'message', title: 'Agent', markdown: contentText(event.content) };
    case 'agent.thinking': {
      const text = ctx.previewText?.(event.id);
      return { kind: 'thinking', layout: 'row', title: 'Thinking', text: text || undefined, collapsed: true, tone: 'muted' };
    }
    case 'agent.tool_use':
    case 'agent.mcp_tool_use':
    case 'agent.custom_tool_use':
      return toolUseView(event, ctx);
    case 'agent.tool_result':
    case 'agent.mcp_tool_result': {
      const target = event.type === 'agent.tool_result' ? event.tool_use_id : event.mcp_tool_use_id;
      return toolResultView(`Result of ${toolName(ctx.event(target))}`, target, contentText(event.content), event.is_error);
    }
    case 'agent.thread_message_received': {
      const name = event.from_agent_name || ctx.threadName?.(event.from_session_thread_id);
      return {
        kind: 'thread',
        layout: 'message',
        title: `From ${name || event.from_session_thread_id}`,
        detail: `thread ${event.from_session_thread_id}`,
        text: contentText(event.content),
        links: [{ label: name ? `${name}’s side` : 'The sender’s side', eventId: event.id, otherSide: true }],
      };
    }
    case 'agent.thread_message_sent': {
      const name = event.to_agent_name || ctx.threadName?.(event.to_session_thread_id);
      return {
        kind: 'thread',
        layout: 'message',
        title: `To ${name || event.to_session_thread_id}`,
        detail: `thread ${event.to_session_thread_id}`,
        text: contentText(event.content),
        links: [{ label: name ? `${name}’s side` : 'The recipient’s side', eventId: event.id, otherSide: true }],
      };
    }
    case 'agent.thread_context_compacted':
      return { kind: 'thread', layout: 'row', title: 'Context compacted', tone: 'muted' };

    case 'session.error': {
      const error = event.error ?? ({} as Partial<typeof event.error>);
      const retry = error.retry_status?.type;
      const extra = [
        'mcp_server_name' in error && error.mcp_server_name ? `MCP server ${error.mcp_server_name}` : '',
        'repository_url' in error && error.repository_url ? `repository ${error.repository_url}` : '',
        'vault_id' in error && error.vault_id ? `vault ${error.vault_id}` : '',
        'credential_id' in error && error.credential_id ? `credential ${error.credential_id}` : '',
      ].filter(Boolean);
      return {
        kind: 'error',
        layout: 'row',
        title: humanize(String(error.type ?? 'error')),
        detail: [retry === 'retrying' ? 'retrying…' : retry === 'exhausted' ? 'retries exhausted' : retry === 'terminal' ? 'terminal' : '', ...extra].filter(Boolean).join(' · '),
        text: error.message ?? '',
        tone: retry === 'retrying' ? 'warning' : 'error',
        badges: retry ? [{ text: retry, tone: retry === 'retrying' ? 'warning' : 'error' }] : [],
      };
    }
    case 'session.status_running':
      return { kind: 'status', layout: 'row', icon: SESSION_STATUS_ICONS.running, title: 'Running', tone: 'info' };
    case 'session.status_rescheduled':
      return { kind: 'status', layout: 'row', icon: SESSION_STATUS_ICONS.rescheduling, title: 'Rescheduling', tone: 'warning' };
    case 'session.status_terminated':
      return { kind: 'status', layout: 'row', icon: SESSION_STATUS_ICONS.terminated, title: 'Terminated', tone: 'error' };
    case 'session.status_idle':
    case 'session.thread_status_idle': {
      const stop = describeStop(event.stop_reason, ctx);
      const details = event.stop_details;
      const refusal = details && details.type === 'refusal' ? [details.category ? humanize(details.category) : '', details.explanation ?? ''].filter(Boolean).join(': ') : '';
      const who = event.type === 'session.thread_status_idle' ? `${event.agent_name}: ` : '';
      return {
        kind: event.type === 'session.thread_status_idle' ? 'thread' : 'status',
        layout: 'row',
        icon: SESSION_STATUS_ICONS.idle,
        title: `${who}Idle`,
        detail: stop.detail,
        text: refusal || undefined,
        tone: stop.tone,
        links: stop.links,
      };
    }
    case 'session.thread_created':
      return {
        kind: 'thread',
        layout: 'row',
        title: `Thread started: ${event.agent_name}`,
        detail: [event.session_thread_id, event.workflow_run_id ? `workflow run ${event.workflow_run_id}` : ''].filter(Boolean).join(' · '),
      };
    case 'session.thread_status_running':
      return { kind: 'thread', layout: 'row', title: `${event.agent_name}: running`, detail: event.session_thread_id, tone: 'info' };
    case 'session.thread_status_rescheduled':
      return { kind: 'thread', layout: 'row', title: `${event.agent_name}: rescheduling`, detail: event.session_thread_id, tone: 'warning' };
    case 'session.thread_status_terminated':
      return { kind: 'thread', layout: 'row', title: `${event.agent_name}: terminated`, detail: event.session_thread_id, tone: 'error' };
    case 'session.updated': {
      const changes: string[] = [];
      if (event.title !== undefined) changes.push(`title “${event.title ?? ''}”`);
      if (event.agent) changes.push(`agent ${event.agent.name ?? event.agent.id} v${event.agent.version}`);
      if (event.budget !== undefined) changes.push(event.budget ? `budget ${formatMoney(event.budget.max_list_cost)}` : 'budget removed');
      if (event.metadata) changes.push(`metadata ${Object.keys(event.metadata).join(', ') || '(cleared)'}`);
      const { id: _id, type: _type, processed_at: _at, ...rest } = event;
      return {
        kind: 'session',
        layout: 'row',
        title: 'Session updated',
        detail: oneLine(changes.join(' · ') || 'no visible change', 200),
        payloads: [{ label: 'Changes', text: toJson(rest), json: true }],
        collapsed: true,
      };
    }
    case 'session.usage': {
      const usage = event.usage ?? {};
      return {
        kind: 'session',
        layout: 'row',
        icon: 'dashboard',
        title: 'Usage',
        detail: [tokenSummary(usage.input_tokens, usage.output_tokens, usage.cache_read_input_tokens), formatMoney(usage.list_cost), usage.active_seconds !== undefined ? `${formatDuration(usage.active_seconds)} active` : '', event.budget ? `budget ${formatMoney(event.budget.max_list_cost)}` : '']
          .filter(Boolean)
          .join(' · '),
        tone: 'muted',
        payloads: [{ label: 'Usage', text: toJson(usage), json: true }],
        collapsed: true,
      };
    }
    case 'session.deleted':
      return { kind: 'session', layout: 'row', title: 'Session deleted', tone: 'error' };

    case 'span.model_request_start':
      return { kind: 'span', layout: 'row', title: 'Model request started', tone: 'muted' };
    case 'span.model_request_end': {
      const start = ctx.event(event.model_request_start_id);
      const ms = millisBetween(start && 'processed_at' in start ? start.processed_at : undefined, event.processed_at);
      const u = event.model_usage ?? ({} as typeof event.model_usage);
      return {
        kind: 'span',
        layout: 'row',
        title: event.is_error ? 'Model request failed' : 'Model request',
        detail: [ms !== undefined ? formatDuration(ms / 1000) : '', tokenSummary(u.input_tokens, u.output_tokens, u.cache_read_input_tokens, u.cache_creation_input_tokens), u.speed === 'fast' ? 'fast' : '']
          .filter(Boolean)
          .join(' · '),
        tone: event.is_error ? 'error' : 'muted',
        links: start ? [{ label: 'Start', eventId: event.model_request_start_id }] : [],
      };
    }
    case 'span.outcome_evaluation_start':
      return { kind: 'outcome', layout: 'row', title: 'Evaluating outcome', detail: `iteration ${event.iteration} · ${event.outcome_id}`, tone: 'muted' };
    case 'span.outcome_evaluation_ongoing':
      return { kind: 'outcome', layout: 'row', title: 'Outcome evaluation in progress', detail: `iteration ${event.iteration} · ${event.outcome_id}`, tone: 'muted' };
    case 'span.outcome_evaluation_end': {
      const start = ctx.event(event.outcome_evaluation_start_id);
      const ms = millisBetween(start && 'processed_at' in start ? start.processed_at : undefined, event.processed_at);
      const result = String(event.result ?? '');
      const good = /^(satisfied|pass|passed|success|succeeded|complete|completed)$/i.test(result);
      const bad = /^(fail|failed|failure|error|unsatisfied|not_satisfied)$/i.test(result);
      return {
        kind: 'outcome',
        layout: 'card',
        title: `Outcome evaluation: ${humanize(result) || 'done'}`,
        detail: [`iteration ${event.iteration}`, ms !== undefined ? formatDuration(ms / 1000) : '', event.usage ? tokenSummary(event.usage.input_tokens, event.usage.output_tokens) : ''].filter(Boolean).join(' · '),
        text: event.explanation ?? '',
        tone: good ? 'success' : bad ? 'error' : 'info',
        links: start ? [{ label: 'Start', eventId: event.outcome_evaluation_start_id }] : [],
      };
    }

    case 'workflow_run.created':
      return {
        kind: 'workflow',
        layout: 'card',
        title: `Workflow run: ${event.name}`,
        detail: `${event.phases?.length ?? 0} phases · ${event.workflow_run_id}`,
        text: event.description ?? undefined,
        payloads: event.phases?.length ? [{ label: 'Phases', text: event.phases.map((p, i) => `${i + 1}. ${p.name}${p.description ? ` — ${p.description}` : ''}`).join('\n'), json: false }] : [],
        collapsed: true,
      };
    case 'workflow_run.status_running':
      return { kind: 'workflow', layout: 'row', title: 'Workflow run running', detail: event.workflow_run_id, tone: 'info' };
    case 'workflow_run.status_idle':
      return { kind: 'workflow', layout: 'row', title: 'Workflow run idle', detail: event.workflow_run_id, tone: 'muted' };
    case 'workflow_run.status_ended': {
      const result = event.result;
      const failed = result?.type === 'error';
      return {
        kind: 'workflow',
        layout: 'row',
        title: `Workflow run ${result?.type === 'completed' ? 'completed' : result?.type === 'stopped' ? 'stopped' : failed ? 'failed' : 'ended'}`,
        detail: event.workflow_run_id,
        text: failed ? `${humanize(result.error?.type ?? 'error')}: ${result.error?.message ?? ''}` : undefined,
        tone: failed ? 'error' : result?.type === 'completed' ? 'success' : 'muted',
      };
    }
    case 'workflow_run.phase_started':
      return { kind: 'workflow', layout: 'row', title: `Phase started: ${phaseName(ctx, event.workflow_run_id, event.workflow_run_phase_id)}`, detail: event.workflow_run_id, tone: 'muted' };
    case 'workflow_run.phase_ended':
      return {
        kind: 'workflow',
        layout: 'row',
        title: `Phase ended: ${phaseName(ctx, event.workflow_run_id, event.workflow_run_phase_id)}`,
        detail: event.workflow_run_id,
        tone: 'muted',
        links: ctx.event(event.phase_started_id) ? [{ label: 'Start', eventId: event.phase_started_id }] : [],
      };
    case 'workflow_run.error':
      return {
        kind: 'error',
        layout: 'row',
        title: `Workflow run: ${humanize(String(event.error?.type ?? 'error'))}`,
        detail: event.workflow_run_id ?? '',
        text: event.error?.message ?? '',
        tone: 'error',
      };
    default:
      return undefined;
  }
}

function unknownView(event: unknown): Draft {
  const record = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const type = typeof record.type === 'string' && record.type ? record.type : 'unknown event';
  const compact = toJson(event, 0);
  return {
    kind: 'unknown',
    layout: 'row',
    title: type,
    detail: oneLine(compact, 160),
    payloads: [{ label: 'JSON', text: toJson(event), json: true }],
    collapsed: true,
    tone: 'muted',
  };
}

type ToolUse = Extract<SessionEvent, { type: 'agent.tool_use' | 'agent.mcp_tool_use' | 'agent.custom_tool_use' }>;

/** A tool result of any origin (agent, MCP, custom, client), linked to its call. */
function toolResultView(title: string, toolUseId: string, text: string, isError: boolean | null | undefined): Draft {
  return {
    kind: 'tool',
    layout: 'row',
    icon: 'output',
    title,
    detail: oneLine(text || '(empty)'),
    tone: isError ? 'error' : 'default',
    badges: isError ? [{ text: 'error', tone: 'error' }] : [],
    payloads: [{ label: 'Result', text: text || '(empty)', json: false }],
    collapsed: true,
    links: [{ label: 'Tool call', eventId: toolUseId }],
  };
}

function toolUseView(event: ToolUse, ctx: TranscriptContext): Draft {
  const answers = ctx.answers(event.id);
  const payloads: PayloadView[] = [{ label: 'Input', text: toJson(event.input ?? {}), json: true }];
  const badges: BadgeView[] = [];
  const links: LinkView[] = [];
  let tone: Tone = 'default';
  let hasResult = false;
  for (const answer of answers) {
    switch (answer.type) {
      case 'user.tool_confirmation':
        badges.push(answer.result === 'allow' ? { text: 'allowed', tone: 'success' } : { text: 'denied', tone: 'warning' });
        links.push({ label: answer.result === 'allow' ? 'Allowed' : 'Denied', eventId: answer.id });
        if (answer.result === 'deny') tone = 'warning';
        break;
      case 'agent.tool_result':
      case 'agent.mcp_tool_result':
      case 'user.custom_tool_result':
      case 'user.tool_result': {
        payloads.push({ label: answers.length > 1 && payloads.length > 1 ? `Result ${payloads.length}` : 'Result', text: contentText(answer.content) || '(empty)', json: false });
        links.push({ label: 'Result', eventId: answer.id });
        if (answer.is_error) {
          badges.push({ text: 'error', tone: 'error' });
          tone = 'error';
        } else if (!hasResult) badges.push({ text: 'done', tone: 'success' });
        if (!hasResult) {
          // As `ant beta:sessions connect` shows a call: how it ended, then how long it took from the call to its result.
          const took = millisBetween(event.processed_at, answer.processed_at);
          if (took !== undefined) badges.push({ text: formatDuration(took / 1000), tone: 'muted' });
        }
        hasResult = true;
        break;
      }
    }
  }
  if (ctx.isPending(event.id)) {
    badges.unshift({ text: event.type === 'agent.custom_tool_use' ? 'waiting for your result' : 'waiting for approval', tone: 'warning' });
    tone = 'warning';
  } else if (!hasResult && !badges.some((b) => b.text === 'denied')) {
    if (event.type !== 'agent.custom_tool_use' && event.evaluated_permission === 'ask') badges.push({ text: 'needs approval', tone: 'muted' });
    badges.push({ text: 'no result yet', tone: 'muted' });
  }
  const title =
    event.type === 'agent.mcp_tool_use' ? `${event.mcp_server_name} · ${event.name}` : event.type === 'agent.custom_tool_use' ? `${event.name} (custom tool)` : String(event.name);
  const evaluation = event.type !== 'agent.custom_tool_use' && event.evaluation ? evaluationText(event.evaluation) : '';
  return {
    kind: 'tool',
    layout: 'card',
    title,
    detail: [summarizeInput(event.input), evaluation].filter(Boolean).join(' · '),
    payloads,
    badges,
    links,
    tone,
    collapsed: true,
  };
}

function evaluationText(evaluation: NonNullable<Extract<SessionEvent, { type: 'agent.tool_use' }>['evaluation']>): string {
  if (evaluation.type === 'auto') {
    const p = evaluation.evaluated_permission;
    return `auto: ${p?.type ?? '?'}${p && 'reason_code' in p && p.reason_code ? ` (${p.reason_code})` : ''}`;
  }
  return evaluation.type === 'always_ask' ? 'policy: always ask' : evaluation.type === 'always_allow' ? 'policy: always allow' : '';
}

const INPUT_SUMMARY_KEYS = ['command', 'file_path', 'path', 'pattern', 'url', 'query', 'title', 'description', 'name'];

/** The one input field that says what a tool call does (a command, a path, a query). */
export function summarizeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return oneLine(scalarText(input));
  const record = input as Record<string, unknown>;
  for (const key of INPUT_SUMMARY_KEYS) {
    if (typeof record[key] === 'string' && record[key]) return oneLine(record[key]);
  }
  const first = Object.values(record).find((v) => typeof v === 'string' && v);
  return first ? oneLine(first as string) : oneLine(toJson(record, 0));
}

function describeStop(stop: unknown, ctx: TranscriptContext): { detail: string; tone: Tone; links: LinkView[] } {
  const reason = (typeof stop === 'object' && stop !== null ? stop : {}) as { type?: unknown; event_ids?: unknown };
  switch (reason.type) {
    case 'end_turn':
      return { detail: 'end of turn', tone: 'muted', links: [] };
    case 'requires_action': {
      const ids = Array.isArray(reason.event_ids) ? reason.event_ids.filter((id): id is string => typeof id === 'string') : [];
      const names = ids.map((id) => toolName(ctx.event(id)));
      const open = ids.filter((id) => ctx.isPending(id)).length;
      return {
        detail: `waiting for you: ${ids.length === 1 ? names[0] : `${ids.length} tool calls`}${open === 0 && ids.length ? ' (answered)' : ''}`,
        tone: open ? 'warning' : 'muted',
        links: ids.map((id, i) => ({ label: names[i], eventId: id })),
      };
    }
    case 'retries_exhausted':
      return { detail: 'retries exhausted', tone: 'error', links: [] };
    case 'budget_reached':
      return { detail: 'budget reached', tone: 'warning', links: [] };
    case 'refusal':
      return { detail: 'refused', tone: 'warning', links: [] };
    default:
      return { detail: typeof reason.type === 'string' ? humanize(reason.type) : '', tone: 'muted', links: [] };
  }
}

function toolName(tool: SessionEvent | undefined): string {
  if (!tool) return 'tool call';
  const name = (tool as { name?: unknown }).name;
  return typeof name === 'string' && name ? name : humanize(tool.type);
}

function phaseName(ctx: TranscriptContext, runId: string, phaseId: string): string {
  const run = ctx.workflowRun?.(runId);
  const phases = run && run.type === 'workflow_run.created' ? run.phases : undefined;
  return phases?.find((p) => p.id === phaseId)?.name ?? phaseId;
}

function tokenSummary(input?: number, output?: number, cacheRead?: number, cacheWrite?: number): string {
  const parts = [`${formatCount(input)} in`, `${formatCount(output)} out`];
  if (cacheRead) parts.push(`${formatCount(cacheRead)} cache read`);
  if (cacheWrite) parts.push(`${formatCount(cacheWrite)} cache write`);
  return parts.join(' · ');
}

/** Content blocks as readable text: text as is, images, documents and search results described. */
export function contentText(content: unknown): string {
  if (!Array.isArray(content)) return typeof content === 'string' ? content : '';
  return content.map(blockText).filter((t) => t !== '').join('\n\n');
}

function blockText(block: unknown): string {
  if (typeof block !== 'object' || block === null) return typeof block === 'string' ? block : '';
  const b = block as Record<string, unknown>;
  const source = (typeof b.source === 'object' && b.source !== null ? b.source : {}) as Record<string, unknown>;
  switch (b.type) {
    case 'text':
      return typeof b.text === 'string' ? b.text : '';
    case 'redacted':
      return '[redacted]';
    case 'image':
      return `[image: ${sourceText(source)}]`;
    case 'document': {
      const title = typeof b.title === 'string' && b.title ? `“${b.title}” ` : '';
      const body = source.type === 'text' && typeof source.data === 'string' ? `\n${source.data}` : '';
      return `[document ${title}${sourceText(source)}]${body}`;
    }
    case 'search_result': {
      const inner = Array.isArray(b.content) ? b.content.map(blockText).join('\n') : '';
      return `[search result: ${scalarText(b.title)} — ${scalarText(b.source)}]${inner ? `\n${inner}` : ''}`;
    }
    default:
      return toJson(block, 0);
  }
}

function sourceText(source: Record<string, unknown>): string {
  switch (source.type) {
    case 'base64':
      return `${scalarText(source.media_type, 'data')}, ${base64Size(source.data)}`;
    case 'url':
      return scalarText(source.url);
    case 'file':
      return `file ${scalarText(source.file_id)}`;
    case 'text':
      return scalarText(source.media_type, 'text/plain');
    default:
      return toJson(source, 0);
  }
}
