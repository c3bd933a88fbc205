/**
 * Builders for the session events the simulator emits, with the SDK's field sets
 * (resources/beta/sessions/events.ts). `processed_at` is stamped by the store when an event is
 * logged, so builders leave it out.
 */
import { newId } from './ids';
import type { BudgetLimit, SessionAgent, SessionUsage, SimEvent, StopReason } from './types';

type Draft = SimEvent;

const draft = (type: string, fields: Record<string, unknown> = {}): Draft => ({ id: newId('event'), type, ...fields });

export const text = (value: string): { type: 'text'; text: string } => ({ type: 'text', text: value });

export interface ModelUsage {
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  input_tokens: number;
  output_tokens: number;
}

export const statusRunning = (): Draft => draft('session.status_running');
export const statusRescheduled = (): Draft => draft('session.status_rescheduled');
export const statusTerminated = (): Draft => draft('session.status_terminated');

export const statusIdle = (
  stopReason: StopReason,
  stopDetails: { type: 'refusal'; category: string | null; explanation: string | null } | null = null,
): Draft => draft('session.status_idle', { stop_reason: stopReason, stop_details: stopDetails });

export const modelRequestStart = (): Draft => draft('span.model_request_start');

export const modelRequestEnd = (startId: string, usage: ModelUsage, isError: boolean): Draft =>
  draft('span.model_request_end', { model_request_start_id: startId, model_usage: usage, is_error: isError });

export const agentThinking = (): Draft => draft('agent.thinking');

export const agentMessage = (markdown: string): Draft => draft('agent.message', { content: [text(markdown)] });

/** `policy` is the resolved permission policy of the tool; `auto` is judged safe (allow) here. */
export const agentToolUse = (name: string, input: Record<string, unknown>, policy: 'always_allow' | 'always_ask' | 'auto'): Draft =>
  draft('agent.tool_use', {
    name,
    input,
    evaluated_permission: policy === 'always_ask' ? 'ask' : 'allow',
    evaluation: policy === 'auto' ? { type: 'auto', evaluated_permission: { type: 'allow' } } : { type: policy },
  });

export const agentToolResult = (toolUseId: string, output: string, isError: boolean): Draft =>
  draft('agent.tool_result', { tool_use_id: toolUseId, content: [text(output)], is_error: isError });

export const agentMcpToolUse = (server: string, name: string, input: Record<string, unknown>): Draft =>
  draft('agent.mcp_tool_use', {
    mcp_server_name: server,
    name,
    input,
    evaluated_permission: 'allow',
    evaluation: { type: 'always_allow' },
  });

export const agentMcpToolResult = (toolUseId: string, output: string): Draft =>
  draft('agent.mcp_tool_result', { mcp_tool_use_id: toolUseId, content: [text(output)], is_error: false });

export const agentCustomToolUse = (name: string, input: Record<string, unknown>): Draft =>
  draft('agent.custom_tool_use', { name, input });

export type RetryStatus = 'retrying' | 'exhausted' | 'terminal';

export const sessionError = (errorType: string, message: string, retry: RetryStatus): Draft =>
  draft('session.error', { error: { type: errorType, message, retry_status: { type: retry } } });

export const sessionUsage = (usage: SessionUsage, budget: BudgetLimit | null): Draft =>
  draft('session.usage', { usage: structuredClone(usage), budget });

export const sessionUpdated = (changes: {
  title?: string | null;
  metadata?: Record<string, string>;
  agent?: SessionAgent;
  budget?: BudgetLimit | null;
}): Draft => draft('session.updated', structuredClone(changes));

export const sessionDeleted = (): Draft => draft('session.deleted');

export const outcomeEvaluationStart = (outcomeId: string, iteration: number): Draft =>
  draft('span.outcome_evaluation_start', { outcome_id: outcomeId, iteration });

export const outcomeEvaluationEnd = (startId: string, outcomeId: string, iteration: number, usage: ModelUsage): Draft =>
  draft('span.outcome_evaluation_end', {
    outcome_evaluation_start_id: startId,
    outcome_id: outcomeId,
    iteration,
    result: 'satisfied',
    explanation: 'All rubric criteria are met by the delivered changes.',
    usage,
  });

/** Stream-only preview frames (never logged): BetaManagedAgentsStartEvent / BetaManagedAgentsDeltaEvent. */
export const previewStart = (eventId: string, previewType: 'agent.message' | 'agent.thinking'): Record<string, unknown> => ({
  type: 'event_start',
  event: { id: eventId, type: previewType },
});

export const previewDelta = (eventId: string, index: number, fragment: string): Record<string, unknown> => ({
  type: 'event_delta',
  event_id: eventId,
  delta: { type: 'content_delta', index, content: text(fragment) },
});

export const outcomeEvaluationOngoing = (outcomeId: string, iteration: number): Draft =>
  draft('span.outcome_evaluation_ongoing', { outcome_id: outcomeId, iteration });

/** A processed user message as history shows it (seed data, appended turns). */
export const userMessage = (value: string): Draft => draft('user.message', { content: [text(value)] });

// ---- multiagent threads (`#team`) ---------------------------------------------------------

/** Who a `session.thread_*` event is about. */
export interface ThreadRef {
  session_thread_id: string;
  agent_name: string;
}

export const threadCreated = (who: ThreadRef): Draft => draft('session.thread_created', { ...who, workflow_run_id: null });
export const threadStatusRunning = (who: ThreadRef): Draft => draft('session.thread_status_running', { ...who });
export const threadStatusIdle = (who: ThreadRef, stopReason: StopReason): Draft =>
  draft('session.thread_status_idle', { ...who, stop_reason: stopReason, stop_details: null });
export const threadStatusTerminated = (who: ThreadRef): Draft => draft('session.thread_status_terminated', { ...who });

/** In the sender's thread; `toAgentName` is left out when sent to the primary agent. */
export const threadMessageSent = (toThreadId: string, toAgentName: string | null, markdown: string): Draft =>
  draft('agent.thread_message_sent', { to_session_thread_id: toThreadId, content: [text(markdown)], ...(toAgentName === null ? {} : { to_agent_name: toAgentName }) });

/** In the receiver's thread; `fromAgentName` is left out when it comes from the primary agent. */
export const threadMessageReceived = (fromThreadId: string, fromAgentName: string | null, markdown: string): Draft =>
  draft('agent.thread_message_received', { from_session_thread_id: fromThreadId, content: [text(markdown)], ...(fromAgentName === null ? {} : { from_agent_name: fromAgentName }) });
