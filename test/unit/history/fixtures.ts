// One realistic example of every session event type, in a plausible order, for the history tests.
import type { SessionEvent, SessionEventType } from '../../../src/api';
import type { SessionHeader } from '../../../src/webview/protocol';

let clock = Date.parse('2026-11-21T10:00:00.000Z');
const at = () => new Date((clock += 1000)).toISOString();
const usage = { input_tokens: 1800, output_tokens: 240, cache_read_input_tokens: 9000, cache_creation_input_tokens: 600 };

export const EXAMPLES: Record<SessionEventType | 'session.deleted', SessionEvent> = {
  'user.message': { id: 'ev_user', type: 'user.message', content: [{ type: 'text', text: 'Fix the flaky greet test' }], processed_at: at() },
  'session.status_running': { id: 'ev_running', type: 'session.status_running', processed_at: at() },
  'span.model_request_start': { id: 'ev_req1', type: 'span.model_request_start', processed_at: at() },
  'agent.thinking': { id: 'ev_think', type: 'agent.thinking', processed_at: at() },
  'agent.message': { id: 'ev_agent', type: 'agent.message', content: [{ type: 'text', text: 'Looking into **greet**.\n\n```ts\nexport const x = 1;\n```' }], processed_at: at() },
  'agent.tool_use': { id: 'ev_tool', type: 'agent.tool_use', name: 'bash', input: { command: 'npm test' }, evaluated_permission: 'ask', processed_at: at() },
  'span.model_request_end': { id: 'ev_req1_end', type: 'span.model_request_end', model_request_start_id: 'ev_req1', is_error: false, model_usage: usage, processed_at: at() },
  'session.status_idle': { id: 'ev_idle_ra', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['ev_tool'] }, stop_details: null, processed_at: at() },
  'user.tool_confirmation': { id: 'ev_confirm', type: 'user.tool_confirmation', tool_use_id: 'ev_tool', result: 'allow', processed_at: at() },
  'agent.tool_result': { id: 'ev_result', type: 'agent.tool_result', tool_use_id: 'ev_tool', content: [{ type: 'text', text: '20 passing' }], is_error: false, processed_at: at() },
  'agent.mcp_tool_use': { id: 'ev_mcp', type: 'agent.mcp_tool_use', mcp_server_name: 'github', name: 'create_issue', input: { title: 'Flaky test' }, processed_at: at() },
  'agent.mcp_tool_result': { id: 'ev_mcp_result', type: 'agent.mcp_tool_result', mcp_tool_use_id: 'ev_mcp', content: [{ type: 'text', text: 'Created issue #42' }], processed_at: at() },
  'agent.custom_tool_use': { id: 'ev_custom', type: 'agent.custom_tool_use', name: 'lookup_order', input: { order_id: '1234' }, processed_at: at() },
  'user.custom_tool_result': { id: 'ev_custom_result', type: 'user.custom_tool_result', custom_tool_use_id: 'ev_custom', content: [{ type: 'text', text: 'shipped' }], processed_at: at() },
  'user.tool_result': { id: 'ev_client_result', type: 'user.tool_result', tool_use_id: 'ev_tool', content: [{ type: 'text', text: 'ok' }], processed_at: at() },
  'user.interrupt': { id: 'ev_interrupt', type: 'user.interrupt', processed_at: at() },
  'session.error': { id: 'ev_error', type: 'session.error', error: { type: 'model_overloaded_error', message: 'The model is overloaded; retrying.', retry_status: { type: 'retrying' } }, processed_at: at() },
  'session.status_rescheduled': { id: 'ev_resched', type: 'session.status_rescheduled', processed_at: at() },
  'session.status_terminated': { id: 'ev_term', type: 'session.status_terminated', processed_at: at() },
  'session.thread_created': { id: 'ev_thread', type: 'session.thread_created', agent_name: 'Reviewer', session_thread_id: 'sthr_1', workflow_run_id: null, processed_at: at() },
  'session.thread_status_running': { id: 'ev_thread_run', type: 'session.thread_status_running', agent_name: 'Reviewer', session_thread_id: 'sthr_1', processed_at: at() },
  'session.thread_status_idle': { id: 'ev_thread_idle', type: 'session.thread_status_idle', agent_name: 'Reviewer', session_thread_id: 'sthr_1', stop_reason: { type: 'end_turn' }, stop_details: null, processed_at: at() },
  'session.thread_status_rescheduled': { id: 'ev_thread_resched', type: 'session.thread_status_rescheduled', agent_name: 'Reviewer', session_thread_id: 'sthr_1', processed_at: at() },
  'session.thread_status_terminated': { id: 'ev_thread_term', type: 'session.thread_status_terminated', agent_name: 'Reviewer', session_thread_id: 'sthr_1', processed_at: at() },
  'agent.thread_message_sent': { id: 'ev_sent', type: 'agent.thread_message_sent', to_session_thread_id: 'sthr_1', to_agent_name: 'Reviewer', content: [{ type: 'text', text: 'Please review' }], processed_at: at() },
  'agent.thread_message_received': { id: 'ev_received', type: 'agent.thread_message_received', from_session_thread_id: 'sthr_1', from_agent_name: 'Reviewer', content: [{ type: 'text', text: 'Looks good' }], processed_at: at() },
  'agent.thread_context_compacted': { id: 'ev_compacted', type: 'agent.thread_context_compacted', processed_at: at() },
  'user.define_outcome': { id: 'ev_outcome', type: 'user.define_outcome', outcome_id: 'out_1', description: 'All tests pass', rubric: { type: 'text', content: 'CI is green' }, max_iterations: 3, processed_at: at() },
  'span.outcome_evaluation_start': { id: 'ev_eval_start', type: 'span.outcome_evaluation_start', outcome_id: 'out_1', iteration: 0, processed_at: at() },
  'span.outcome_evaluation_ongoing': { id: 'ev_eval_ongoing', type: 'span.outcome_evaluation_ongoing', outcome_id: 'out_1', iteration: 0, processed_at: at() },
  'span.outcome_evaluation_end': { id: 'ev_eval_end', type: 'span.outcome_evaluation_end', outcome_id: 'out_1', outcome_evaluation_start_id: 'ev_eval_start', iteration: 0, result: 'satisfied', explanation: 'CI is green.', usage, processed_at: at() },
  'session.updated': { id: 'ev_updated', type: 'session.updated', title: 'Greet fix', metadata: { ticket: 'ABC-1' }, processed_at: at() },
  'session.usage': { id: 'ev_usage', type: 'session.usage', usage: { input_tokens: 12345, output_tokens: 678, list_cost: { amount: '42', currency: 'USD' }, active_seconds: 75 }, processed_at: at() },
  'system.message': { id: 'ev_system', type: 'system.message', content: [{ type: 'text', text: 'Reminder: be brief.' }], processed_at: at() },
  'workflow_run.created': { id: 'ev_wf', type: 'workflow_run.created', workflow_run_id: 'wfr_1', name: 'Release', description: 'Ship it', phases: [{ id: 'ph_1', name: 'Build', description: null }], processed_at: at() },
  'workflow_run.status_running': { id: 'ev_wf_run', type: 'workflow_run.status_running', workflow_run_id: 'wfr_1', processed_at: at() },
  'workflow_run.phase_started': { id: 'ev_ph_start', type: 'workflow_run.phase_started', workflow_run_id: 'wfr_1', workflow_run_phase_id: 'ph_1', processed_at: at() },
  'workflow_run.phase_ended': { id: 'ev_ph_end', type: 'workflow_run.phase_ended', workflow_run_id: 'wfr_1', workflow_run_phase_id: 'ph_1', phase_started_id: 'ev_ph_start', processed_at: at() },
  'workflow_run.status_idle': { id: 'ev_wf_idle', type: 'workflow_run.status_idle', workflow_run_id: 'wfr_1', processed_at: at() },
  'workflow_run.status_ended': { id: 'ev_wf_end', type: 'workflow_run.status_ended', workflow_run_id: 'wfr_1', result: { type: 'error', error: { type: 'timeout_error', message: 'took too long' } }, processed_at: at() },
  'workflow_run.error': { id: 'ev_wf_error', type: 'workflow_run.error', workflow_run_id: 'wfr_1', error: { type: 'program_error', message: 'boom' }, processed_at: at() },
  'session.deleted': { id: 'ev_deleted', type: 'session.deleted', processed_at: at() },
};

export const ALL_EVENTS: SessionEvent[] = Object.values(EXAMPLES);

/** A running session's header as the host sends it to the panel. */
export const HEADER: SessionHeader = {
  id: 'sesn_1',
  title: 'Fix the flaky greet test',
  status: 'running',
  archived: false,
  agentName: 'Bot',
  agentVersion: 3,
  model: 'claude-sonnet-4-6',
  environment: 'Staging',
  tokens: '1.8k in · 240 out',
  cost: '$0.42',
  activeTime: '3m 12s',
  createdAt: '2026-01-01T00:00:00Z',
  budget: '$0.42 of $5.00 spent',
  budgetReached: false,
};
