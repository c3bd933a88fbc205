// Wire types of a session's events: what its history holds, what the live stream adds, what clients
// send. Types only, and the list of event type names (see ../../shared.ts).
import type { BudgetLimit, CacheCreationUsage, MonetaryAmount, PageParams, ServerToolUsage, SortOrder } from '../../shared';
import type { SessionAgent } from '../../agents/types';

// ---------------------------------------------------------------------------
// Content blocks
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsTextBlock`. */
export interface TextBlock {
  text: string;
  type: 'text';
}

/** Mirrors `BetaManagedAgentsRedactedBlock`. */
export interface RedactedBlock {
  type: 'redacted';
}

/** Mirrors `BetaManagedAgentsBase64ImageSource`. */
export interface Base64ImageSource {
  data: string;
  media_type: string;
  type: 'base64';
}

/** Mirrors `BetaManagedAgentsURLImageSource`. */
export interface URLImageSource {
  type: 'url';
  url: string;
}

/** Mirrors `BetaManagedAgentsFileImageSource`. */
export interface FileImageSource {
  file_id: string;
  type: 'file';
}

/** Mirrors `BetaManagedAgentsImageBlock`. */
export interface ImageBlock {
  source: Base64ImageSource | URLImageSource | FileImageSource;
  type: 'image';
}

/** Mirrors `BetaManagedAgentsBase64DocumentSource`. */
export interface Base64DocumentSource {
  data: string;
  media_type: string;
  type: 'base64';
}

/** Mirrors `BetaManagedAgentsPlainTextDocumentSource`. */
export interface PlainTextDocumentSource {
  data: string;
  media_type: 'text/plain';
  type: 'text';
}

/** Mirrors `BetaManagedAgentsURLDocumentSource`. */
export interface URLDocumentSource {
  type: 'url';
  url: string;
}

/** Mirrors `BetaManagedAgentsFileDocumentSource`. */
export interface FileDocumentSource {
  file_id: string;
  type: 'file';
}

/** Mirrors `BetaManagedAgentsDocumentBlock`. */
export interface DocumentBlock {
  source: Base64DocumentSource | PlainTextDocumentSource | URLDocumentSource | FileDocumentSource;
  type: 'document';
  context?: string | null;
  title?: string | null;
}

/** Mirrors `BetaManagedAgentsSearchResultCitations`. */
export interface SearchResultCitations {
  enabled: boolean;
}

/** Mirrors `BetaManagedAgentsSearchResultContent`. */
export interface SearchResultContent {
  text: string;
  type: 'text';
}

/** Mirrors `BetaManagedAgentsSearchResultBlock`. */
export interface SearchResultBlock {
  citations: SearchResultCitations;
  content: SearchResultContent[];
  source: string;
  title: string;
  type: 'search_result';
}

/** Mirrors `BetaManagedAgentsSystemContentBlock`. */
export interface SystemContentBlock {
  text: string;
  type: 'text';
}

/** Mirrors the inline content union of `BetaManagedAgentsUserMessageEvent['content']` (also agent thread messages). */
export type MessageContentBlock = TextBlock | ImageBlock | DocumentBlock | RedactedBlock;

/** Mirrors the inline content union of tool results (`BetaManagedAgentsAgentToolResultEvent['content']` etc.). */
export type ToolResultContentBlock = TextBlock | ImageBlock | DocumentBlock | SearchResultBlock;

// ---------------------------------------------------------------------------
// Events: shared pieces
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsRetryStatusRetrying`. */
export interface RetryStatusRetrying {
  type: 'retrying';
}

/** Mirrors `BetaManagedAgentsRetryStatusExhausted`. */
export interface RetryStatusExhausted {
  type: 'exhausted';
}

/** Mirrors `BetaManagedAgentsRetryStatusTerminal`. */
export interface RetryStatusTerminal {
  type: 'terminal';
}

/** Mirrors the inline union of `retry_status` on session error objects. */
export type RetryStatus = RetryStatusRetrying | RetryStatusExhausted | RetryStatusTerminal;

/** Mirrors `BetaManagedAgentsUnknownErrorObject`. */
export interface UnknownErrorObject {
  message: string;
  retry_status: RetryStatus;
  type: 'unknown_error';
}

/** Mirrors `BetaManagedAgentsModelOverloadedErrorObject`. */
export interface ModelOverloadedErrorObject {
  message: string;
  retry_status: RetryStatus;
  type: 'model_overloaded_error';
}

/** Mirrors `BetaManagedAgentsModelRateLimitedErrorObject`. */
export interface ModelRateLimitedErrorObject {
  message: string;
  retry_status: RetryStatus;
  type: 'model_rate_limited_error';
}

/** Mirrors `BetaManagedAgentsModelRequestFailedErrorObject`. */
export interface ModelRequestFailedErrorObject {
  message: string;
  retry_status: RetryStatus;
  type: 'model_request_failed_error';
}

/** Mirrors `BetaManagedAgentsMCPConnectionFailedErrorObject`. */
export interface MCPConnectionFailedErrorObject {
  mcp_server_name: string;
  message: string;
  retry_status: RetryStatus;
  type: 'mcp_connection_failed_error';
}

/** Mirrors `BetaManagedAgentsMCPAuthenticationFailedErrorObject`. */
export interface MCPAuthenticationFailedErrorObject {
  mcp_server_name: string;
  message: string;
  retry_status: RetryStatus;
  type: 'mcp_authentication_failed_error';
}

/** Mirrors `BetaManagedAgentsBillingErrorObject`. */
export interface BillingErrorObject {
  message: string;
  retry_status: RetryStatus;
  type: 'billing_error';
}

/** Mirrors `BetaManagedAgentsCredentialHostUnreachableErrorObject`. */
export interface CredentialHostUnreachableErrorObject {
  credential_id: string;
  message: string;
  retry_status: RetryStatus;
  type: 'credential_host_unreachable_error';
  vault_id: string;
}

/** Mirrors `BetaManagedAgentsToolUseLimitReachedErrorObject`. */
export interface ToolUseLimitReachedErrorObject {
  message: string;
  retry_status: RetryStatus;
  type: 'tool_use_limit_reached_error';
}

/** Mirrors `BetaManagedAgentsCompactionLimitReachedErrorObject`. */
export interface CompactionLimitReachedErrorObject {
  message: string;
  retry_status: RetryStatus;
  type: 'compaction_limit_reached_error';
}

/** Mirrors `BetaManagedAgentsRepositoryAuthenticationErrorObject`. */
export interface RepositoryAuthenticationErrorObject {
  message: string;
  repository_url: string | null;
  retry_status: RetryStatus;
  type: 'repository_authentication_error';
}

/** Mirrors `BetaManagedAgentsRepositoryForbiddenErrorObject`. */
export interface RepositoryForbiddenErrorObject {
  message: string;
  repository_url: string | null;
  retry_status: RetryStatus;
  type: 'repository_forbidden_error';
}

/** Mirrors `BetaManagedAgentsRepositoryNotFoundErrorObject`. */
export interface RepositoryNotFoundErrorObject {
  message: string;
  repository_url: string | null;
  retry_status: RetryStatus;
  type: 'repository_not_found_error';
}

/** Mirrors `BetaManagedAgentsRepositoryCheckoutErrorObject`. */
export interface RepositoryCheckoutErrorObject {
  message: string;
  repository_url: string | null;
  retry_status: RetryStatus;
  type: 'repository_checkout_error';
}

/** Mirrors `BetaManagedAgentsRepositoryCloneErrorObject`. */
export interface RepositoryCloneErrorObject {
  message: string;
  repository_url: string | null;
  retry_status: RetryStatus;
  type: 'repository_clone_error';
}

/** Mirrors the inline union `BetaManagedAgentsSessionErrorEvent['error']`. */
export type SessionErrorObject =
  | UnknownErrorObject
  | ModelOverloadedErrorObject
  | ModelRateLimitedErrorObject
  | ModelRequestFailedErrorObject
  | MCPConnectionFailedErrorObject
  | MCPAuthenticationFailedErrorObject
  | BillingErrorObject
  | CredentialHostUnreachableErrorObject
  | ToolUseLimitReachedErrorObject
  | CompactionLimitReachedErrorObject
  | RepositoryAuthenticationErrorObject
  | RepositoryForbiddenErrorObject
  | RepositoryNotFoundErrorObject
  | RepositoryCheckoutErrorObject
  | RepositoryCloneErrorObject;

/** Mirrors `BetaManagedAgentsSessionEndTurn`. */
export interface SessionEndTurn {
  type: 'end_turn';
}

/** Mirrors `BetaManagedAgentsSessionRequiresAction` (`event_ids` are the events awaiting a reply). */
export interface SessionRequiresAction {
  event_ids: string[];
  type: 'requires_action';
}

/** Mirrors `BetaManagedAgentsSessionRetriesExhausted`. */
export interface SessionRetriesExhausted {
  type: 'retries_exhausted';
}

/** Mirrors `BetaManagedAgentsSessionBudgetReached`. */
export interface SessionBudgetReached {
  type: 'budget_reached';
}

/** Mirrors `BetaManagedAgentsSessionRefusal`. */
export interface SessionRefusal {
  type: 'refusal';
}

/** Mirrors the inline union `BetaManagedAgentsSessionStatusIdleEvent['stop_reason']`. */
export type SessionStopReason =
  | SessionEndTurn
  | SessionRequiresAction
  | SessionRetriesExhausted
  | SessionBudgetReached
  | SessionRefusal;

/** Mirrors `BetaManagedAgentsSessionRefusalStopDetails`. */
export interface SessionRefusalStopDetails {
  category: 'cyber' | 'bio' | 'frontier_llm' | 'reasoning_extraction' | 'general_harms' | null;
  explanation: string | null;
  type: 'refusal';
}

/** Mirrors `BetaManagedAgentsAgentEvaluatedPermission`. */
export type AgentEvaluatedPermission = 'allow' | 'ask' | 'deny';

/** Mirrors `BetaManagedAgentsAgentAutoEvaluatedPermissionAllow`. */
export interface AgentAutoEvaluatedPermissionAllow {
  type: 'allow';
}

/** Mirrors `BetaManagedAgentsAgentAutoEvaluatedPermissionAsk`. */
export interface AgentAutoEvaluatedPermissionAsk {
  reason_code: string;
  type: 'ask';
}

/** Mirrors `BetaManagedAgentsAgentAutoEvaluatedPermissionDeny`. */
export interface AgentAutoEvaluatedPermissionDeny {
  reason_code: string;
  type: 'deny';
}

/** Mirrors `BetaManagedAgentsAgentAutoEvaluatedPermission`. */
export type AgentAutoEvaluatedPermission =
  | AgentAutoEvaluatedPermissionAllow
  | AgentAutoEvaluatedPermissionAsk
  | AgentAutoEvaluatedPermissionDeny;

/** Mirrors `BetaManagedAgentsAgentToolEvaluationAlwaysAllow`. */
export interface AgentToolEvaluationAlwaysAllow {
  type: 'always_allow';
}

/** Mirrors `BetaManagedAgentsAgentToolEvaluationAlwaysAsk`. */
export interface AgentToolEvaluationAlwaysAsk {
  type: 'always_ask';
}

/** Mirrors `BetaManagedAgentsAgentToolEvaluationAuto`. */
export interface AgentToolEvaluationAuto {
  evaluated_permission: AgentAutoEvaluatedPermission;
  type: 'auto';
}

/** Mirrors `BetaManagedAgentsAgentToolEvaluation`. */
export type AgentToolEvaluation = AgentToolEvaluationAlwaysAllow | AgentToolEvaluationAlwaysAsk | AgentToolEvaluationAuto;

/** Mirrors `BetaManagedAgentsSpanModelUsage`. */
export interface SpanModelUsage {
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  input_tokens: number;
  output_tokens: number;
  speed?: 'standard' | 'fast' | null;
}

/** Mirrors `BetaManagedAgentsSessionUsageSnapshot`. */
export interface SessionUsageSnapshot {
  active_seconds?: number;
  cache_creation?: CacheCreationUsage;
  cache_read_input_tokens?: number;
  input_tokens?: number;
  list_cost?: MonetaryAmount;
  output_tokens?: number;
  server_tool_use?: ServerToolUsage;
}

/** Mirrors `BetaManagedAgentsFileRubric`. */
export interface FileRubric {
  file_id: string;
  type: 'file';
}

/** Mirrors `BetaManagedAgentsTextRubric`. */
export interface TextRubric {
  content: string;
  type: 'text';
}

/** Mirrors `BetaManagedAgentsFileRubricParams`. */
export interface FileRubricParams {
  file_id: string;
  type: 'file';
}

/** Mirrors `BetaManagedAgentsTextRubricParams`. */
export interface TextRubricParams {
  content: string;
  type: 'text';
}

/** Mirrors `BetaManagedAgentsWorkflowRunPhase`. */
export interface WorkflowRunPhase {
  id: string;
  description: string | null;
  name: string;
}

/** Mirrors `BetaManagedAgentsTimeoutWorkflowRunErrorObject`. */
export interface TimeoutWorkflowRunErrorObject {
  message: string;
  type: 'timeout_error';
}

/** Mirrors `BetaManagedAgentsProgramWorkflowRunErrorObject`. */
export interface ProgramWorkflowRunErrorObject {
  message: string;
  type: 'program_error';
}

/** Mirrors `BetaManagedAgentsUnknownWorkflowRunErrorObject`. */
export interface UnknownWorkflowRunErrorObject {
  message: string;
  type: 'unknown_error';
}

/** Mirrors `BetaManagedAgentsThreadLimitWorkflowRunErrorObject`. */
export interface ThreadLimitWorkflowRunErrorObject {
  message: string;
  type: 'thread_limit_error';
}

/** Mirrors `BetaManagedAgentsMaxWorkflowRunsWorkflowRunErrorObject`. */
export interface MaxWorkflowRunsWorkflowRunErrorObject {
  message: string;
  type: 'max_workflow_runs_error';
}

/** Mirrors `BetaManagedAgentsWorkflowRunErrorObject`. */
export type WorkflowRunErrorObject =
  | TimeoutWorkflowRunErrorObject
  | ProgramWorkflowRunErrorObject
  | UnknownWorkflowRunErrorObject
  | ThreadLimitWorkflowRunErrorObject
  | MaxWorkflowRunsWorkflowRunErrorObject;

/** Mirrors `BetaManagedAgentsWorkflowRunResultCompleted`. */
export interface WorkflowRunResultCompleted {
  type: 'completed';
}

/** Mirrors `BetaManagedAgentsWorkflowRunResultErrorObject`. */
export interface WorkflowRunResultErrorObject {
  error: WorkflowRunErrorObject;
  type: 'error';
}

/** Mirrors `BetaManagedAgentsWorkflowRunResultStopped`. */
export interface WorkflowRunResultStopped {
  type: 'stopped';
}

/** Mirrors `BetaManagedAgentsWorkflowRunResult`. */
export type WorkflowRunResult = WorkflowRunResultCompleted | WorkflowRunResultErrorObject | WorkflowRunResultStopped;

// ---------------------------------------------------------------------------
// Events: user.*
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsUserMessageEvent`. */
export interface UserMessageEvent {
  id: string;
  content: MessageContentBlock[];
  type: 'user.message';
  processed_at?: string | null;
}

/** Mirrors `BetaManagedAgentsUserInterruptEvent`. */
export interface UserInterruptEvent {
  id: string;
  type: 'user.interrupt';
  processed_at?: string | null;
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsUserToolConfirmationEvent`. */
export interface UserToolConfirmationEvent {
  id: string;
  result: 'allow' | 'deny';
  tool_use_id: string;
  type: 'user.tool_confirmation';
  deny_message?: string | null;
  processed_at?: string | null;
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsUserCustomToolResultEvent`. */
export interface UserCustomToolResultEvent {
  id: string;
  custom_tool_use_id: string;
  type: 'user.custom_tool_result';
  content?: ToolResultContentBlock[];
  is_error?: boolean | null;
  processed_at?: string | null;
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsUserToolResultEvent`. */
export interface UserToolResultEvent {
  id: string;
  tool_use_id: string;
  type: 'user.tool_result';
  content?: ToolResultContentBlock[];
  is_error?: boolean | null;
  processed_at?: string | null;
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsUserDefineOutcomeEvent`. */
export interface UserDefineOutcomeEvent {
  id: string;
  description: string;
  max_iterations: number | null;
  outcome_id: string;
  processed_at: string;
  rubric: FileRubric | TextRubric;
  type: 'user.define_outcome';
}

/** Mirrors `BetaManagedAgentsSystemMessageEvent`. */
export interface SystemMessageEvent {
  id: string;
  content: SystemContentBlock[];
  type: 'system.message';
  processed_at?: string | null;
}

// ---------------------------------------------------------------------------
// Events: agent.*
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsAgentMessageEvent`. */
export interface AgentMessageEvent {
  id: string;
  content: Array<TextBlock | RedactedBlock>;
  processed_at: string;
  type: 'agent.message';
}

/** Mirrors `BetaManagedAgentsAgentThinkingEvent`. */
export interface AgentThinkingEvent {
  id: string;
  processed_at: string;
  type: 'agent.thinking';
}

/** Mirrors `BetaManagedAgentsAgentToolUseEvent`. */
export interface AgentToolUseEvent {
  id: string;
  input: { [key: string]: unknown };
  name: string;
  processed_at: string;
  type: 'agent.tool_use';
  evaluated_permission?: AgentEvaluatedPermission;
  evaluation?: AgentToolEvaluation;
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsAgentToolResultEvent`. */
export interface AgentToolResultEvent {
  id: string;
  processed_at: string;
  tool_use_id: string;
  type: 'agent.tool_result';
  content?: ToolResultContentBlock[];
  is_error?: boolean | null;
}

/** Mirrors `BetaManagedAgentsAgentMCPToolUseEvent`. */
export interface AgentMCPToolUseEvent {
  id: string;
  input: { [key: string]: unknown };
  mcp_server_name: string;
  name: string;
  processed_at: string;
  type: 'agent.mcp_tool_use';
  evaluated_permission?: AgentEvaluatedPermission;
  evaluation?: AgentToolEvaluation;
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsAgentMCPToolResultEvent`. */
export interface AgentMCPToolResultEvent {
  id: string;
  mcp_tool_use_id: string;
  processed_at: string;
  type: 'agent.mcp_tool_result';
  content?: ToolResultContentBlock[];
  is_error?: boolean | null;
}

/** Mirrors `BetaManagedAgentsAgentCustomToolUseEvent`. */
export interface AgentCustomToolUseEvent {
  id: string;
  input: { [key: string]: unknown };
  name: string;
  processed_at: string;
  type: 'agent.custom_tool_use';
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsAgentThreadMessageReceivedEvent`. */
export interface AgentThreadMessageReceivedEvent {
  id: string;
  content: MessageContentBlock[];
  from_session_thread_id: string;
  processed_at: string;
  type: 'agent.thread_message_received';
  from_agent_name?: string | null;
}

/** Mirrors `BetaManagedAgentsAgentThreadMessageSentEvent`. */
export interface AgentThreadMessageSentEvent {
  id: string;
  content: MessageContentBlock[];
  processed_at: string;
  to_session_thread_id: string;
  type: 'agent.thread_message_sent';
  to_agent_name?: string | null;
}

/** Mirrors `BetaManagedAgentsAgentThreadContextCompactedEvent`. */
export interface AgentThreadContextCompactedEvent {
  id: string;
  processed_at: string;
  type: 'agent.thread_context_compacted';
}

// ---------------------------------------------------------------------------
// Events: session.*
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsSessionErrorEvent`. */
export interface SessionErrorEvent {
  id: string;
  error: SessionErrorObject;
  processed_at: string;
  type: 'session.error';
}

/** Mirrors `BetaManagedAgentsSessionStatusRescheduledEvent`. */
export interface SessionStatusRescheduledEvent {
  id: string;
  processed_at: string;
  type: 'session.status_rescheduled';
}

/** Mirrors `BetaManagedAgentsSessionStatusRunningEvent`. */
export interface SessionStatusRunningEvent {
  id: string;
  processed_at: string;
  type: 'session.status_running';
}

/** Mirrors `BetaManagedAgentsSessionStatusIdleEvent`. */
export interface SessionStatusIdleEvent {
  id: string;
  processed_at: string;
  stop_details: SessionRefusalStopDetails | null;
  stop_reason: SessionStopReason;
  type: 'session.status_idle';
}

/** Mirrors `BetaManagedAgentsSessionStatusTerminatedEvent`. */
export interface SessionStatusTerminatedEvent {
  id: string;
  processed_at: string;
  type: 'session.status_terminated';
}

/** Mirrors `BetaManagedAgentsSessionDeletedEvent`. */
export interface SessionDeletedEvent {
  id: string;
  processed_at: string;
  type: 'session.deleted';
}

/** Mirrors `BetaManagedAgentsSessionUpdatedEvent`. */
export interface SessionUpdatedEvent {
  id: string;
  processed_at: string;
  type: 'session.updated';
  agent?: SessionAgent | null;
  budget?: BudgetLimit | null;
  metadata?: { [key: string]: string };
  title?: string | null;
}

/** Mirrors `BetaManagedAgentsSessionUsageEvent`. */
export interface SessionUsageEvent {
  id: string;
  processed_at: string;
  type: 'session.usage';
  usage: SessionUsageSnapshot;
  budget?: BudgetLimit | null;
}

/** Mirrors `BetaManagedAgentsSessionThreadCreatedEvent`. */
export interface SessionThreadCreatedEvent {
  id: string;
  agent_name: string;
  processed_at: string;
  session_thread_id: string;
  type: 'session.thread_created';
  workflow_run_id: string | null;
}

/** Mirrors `BetaManagedAgentsSessionThreadStatusRunningEvent`. */
export interface SessionThreadStatusRunningEvent {
  id: string;
  agent_name: string;
  processed_at: string;
  session_thread_id: string;
  type: 'session.thread_status_running';
}

/** Mirrors `BetaManagedAgentsSessionThreadStatusIdleEvent`. */
export interface SessionThreadStatusIdleEvent {
  id: string;
  agent_name: string;
  processed_at: string;
  session_thread_id: string;
  stop_details: SessionRefusalStopDetails | null;
  stop_reason: SessionStopReason;
  type: 'session.thread_status_idle';
}

/** Mirrors `BetaManagedAgentsSessionThreadStatusRescheduledEvent`. */
export interface SessionThreadStatusRescheduledEvent {
  id: string;
  agent_name: string;
  processed_at: string;
  session_thread_id: string;
  type: 'session.thread_status_rescheduled';
}

/** Mirrors `BetaManagedAgentsSessionThreadStatusTerminatedEvent`. */
export interface SessionThreadStatusTerminatedEvent {
  id: string;
  agent_name: string;
  processed_at: string;
  session_thread_id: string;
  type: 'session.thread_status_terminated';
}

// ---------------------------------------------------------------------------
// Events: span.*
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsSpanModelRequestStartEvent`. */
export interface SpanModelRequestStartEvent {
  id: string;
  processed_at: string;
  type: 'span.model_request_start';
}

/** Mirrors `BetaManagedAgentsSpanModelRequestEndEvent`. */
export interface SpanModelRequestEndEvent {
  id: string;
  is_error: boolean | null;
  model_request_start_id: string;
  model_usage: SpanModelUsage;
  processed_at: string;
  type: 'span.model_request_end';
}

/** Mirrors `BetaManagedAgentsSpanOutcomeEvaluationStartEvent`. */
export interface SpanOutcomeEvaluationStartEvent {
  id: string;
  iteration: number;
  outcome_id: string;
  processed_at: string;
  type: 'span.outcome_evaluation_start';
}

/** Mirrors `BetaManagedAgentsSpanOutcomeEvaluationOngoingEvent`. */
export interface SpanOutcomeEvaluationOngoingEvent {
  id: string;
  iteration: number;
  outcome_id: string;
  processed_at: string;
  type: 'span.outcome_evaluation_ongoing';
}

/** Mirrors `BetaManagedAgentsSpanOutcomeEvaluationEndEvent`. */
export interface SpanOutcomeEvaluationEndEvent {
  id: string;
  explanation: string;
  iteration: number;
  outcome_evaluation_start_id: string;
  outcome_id: string;
  processed_at: string;
  result: string;
  type: 'span.outcome_evaluation_end';
  usage: SpanModelUsage;
}

// ---------------------------------------------------------------------------
// Events: workflow_run.*
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsWorkflowRunCreatedEvent`. */
export interface WorkflowRunCreatedEvent {
  id: string;
  description: string | null;
  name: string;
  phases: WorkflowRunPhase[];
  processed_at: string;
  type: 'workflow_run.created';
  workflow_run_id: string;
}

/** Mirrors `BetaManagedAgentsWorkflowRunStatusRunningEvent`. */
export interface WorkflowRunStatusRunningEvent {
  id: string;
  processed_at: string;
  type: 'workflow_run.status_running';
  workflow_run_id: string;
}

/** Mirrors `BetaManagedAgentsWorkflowRunStatusIdleEvent`. */
export interface WorkflowRunStatusIdleEvent {
  id: string;
  processed_at: string;
  type: 'workflow_run.status_idle';
  workflow_run_id: string;
}

/** Mirrors `BetaManagedAgentsWorkflowRunStatusEndedEvent`. */
export interface WorkflowRunStatusEndedEvent {
  id: string;
  processed_at: string;
  result: WorkflowRunResult;
  type: 'workflow_run.status_ended';
  workflow_run_id: string;
}

/** Mirrors `BetaManagedAgentsWorkflowRunPhaseStartedEvent`. */
export interface WorkflowRunPhaseStartedEvent {
  id: string;
  processed_at: string;
  type: 'workflow_run.phase_started';
  workflow_run_id: string;
  workflow_run_phase_id: string;
}

/** Mirrors `BetaManagedAgentsWorkflowRunPhaseEndedEvent`. */
export interface WorkflowRunPhaseEndedEvent {
  id: string;
  phase_started_id: string;
  processed_at: string;
  type: 'workflow_run.phase_ended';
  workflow_run_id: string;
  workflow_run_phase_id: string;
}

/** Mirrors `BetaManagedAgentsWorkflowRunErrorEvent`. */
export interface WorkflowRunErrorEvent {
  id: string;
  error: WorkflowRunErrorObject;
  processed_at: string;
  type: 'workflow_run.error';
  workflow_run_id: string | null;
}

// ---------------------------------------------------------------------------
// Events: stream-only (event_start / event_delta)
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsDeltaType` (event types that can be streamed as deltas). */
export type DeltaType = 'agent.message' | 'agent.thinking';

/** Mirrors `BetaManagedAgentsAgentMessagePreview`. */
export interface AgentMessagePreview {
  id: string;
  type: 'agent.message';
}

/** Mirrors `BetaManagedAgentsAgentThinkingPreview`. */
export interface AgentThinkingPreview {
  id: string;
  type: 'agent.thinking';
}

/** Mirrors `BetaManagedAgentsStartEventPreview`. */
export type StartEventPreview = AgentMessagePreview | AgentThinkingPreview;

/** Mirrors `BetaManagedAgentsStartEvent` (an event has begun; deltas follow). */
export interface StartEvent {
  event: StartEventPreview;
  type: 'event_start';
}

/** Mirrors `BetaManagedAgentsDeltaContent`. */
export interface DeltaContent {
  content: TextBlock;
  type: 'content_delta';
  index?: number;
}

/** Mirrors `BetaManagedAgentsDeltaEvent`. */
export interface DeltaEvent {
  delta: DeltaContent;
  event_id: string;
  type: 'event_delta';
}

// ---------------------------------------------------------------------------
// Event unions
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsSessionEvent` (what `GET /v1/sessions/{id}/events` returns). */
export type SessionEvent =
  | UserMessageEvent
  | UserInterruptEvent
  | UserToolConfirmationEvent
  | UserCustomToolResultEvent
  | AgentCustomToolUseEvent
  | AgentMessageEvent
  | AgentThinkingEvent
  | AgentMCPToolUseEvent
  | AgentMCPToolResultEvent
  | AgentToolUseEvent
  | AgentToolResultEvent
  | AgentThreadMessageReceivedEvent
  | AgentThreadMessageSentEvent
  | AgentThreadContextCompactedEvent
  | SessionErrorEvent
  | SessionStatusRescheduledEvent
  | SessionStatusRunningEvent
  | SessionStatusIdleEvent
  | SessionStatusTerminatedEvent
  | SessionThreadCreatedEvent
  | SpanOutcomeEvaluationStartEvent
  | SpanOutcomeEvaluationEndEvent
  | SpanModelRequestStartEvent
  | SpanModelRequestEndEvent
  | SpanOutcomeEvaluationOngoingEvent
  | UserDefineOutcomeEvent
  | SessionDeletedEvent
  | SessionThreadStatusRunningEvent
  | SessionThreadStatusIdleEvent
  | SessionThreadStatusTerminatedEvent
  | UserToolResultEvent
  | SessionThreadStatusRescheduledEvent
  | SessionUpdatedEvent
  | SystemMessageEvent
  | SessionUsageEvent
  | WorkflowRunCreatedEvent
  | WorkflowRunStatusEndedEvent
  | WorkflowRunPhaseStartedEvent
  | WorkflowRunPhaseEndedEvent
  | WorkflowRunStatusRunningEvent
  | WorkflowRunStatusIdleEvent
  | WorkflowRunErrorEvent;

/** Mirrors `BetaManagedAgentsStreamSessionEvents` (what the SSE stream yields: events plus start/delta frames). */
export type StreamSessionEvent = SessionEvent | StartEvent | DeltaEvent;

/**
 * Mirrors `BetaManagedAgentsSessionEventType` (the values accepted by the `types` filter).
 * Note: like the SDK, this does not include `session.deleted`, although that event is in `SessionEvent`.
 */
export type SessionEventType =
  | 'user.message'
  | 'user.interrupt'
  | 'user.tool_confirmation'
  | 'user.custom_tool_result'
  | 'agent.custom_tool_use'
  | 'agent.message'
  | 'agent.thinking'
  | 'agent.mcp_tool_use'
  | 'agent.mcp_tool_result'
  | 'agent.tool_use'
  | 'agent.tool_result'
  | 'agent.thread_message_received'
  | 'agent.thread_message_sent'
  | 'agent.thread_context_compacted'
  | 'session.error'
  | 'session.status_rescheduled'
  | 'session.status_running'
  | 'session.status_idle'
  | 'session.status_terminated'
  | 'session.thread_created'
  | 'span.outcome_evaluation_start'
  | 'span.outcome_evaluation_end'
  | 'span.model_request_start'
  | 'span.model_request_end'
  | 'span.outcome_evaluation_ongoing'
  | 'user.define_outcome'
  | 'session.thread_status_running'
  | 'session.thread_status_idle'
  | 'session.thread_status_terminated'
  | 'user.tool_result'
  | 'session.thread_status_rescheduled'
  | 'session.updated'
  | 'system.message'
  | 'session.usage'
  | 'workflow_run.created'
  | 'workflow_run.status_running'
  | 'workflow_run.status_idle'
  | 'workflow_run.status_ended'
  | 'workflow_run.error'
  | 'workflow_run.phase_started'
  | 'workflow_run.phase_ended';

/**
 * Every `SessionEventType`, in the SDK's order (e.g. for YAML completion).
 * Completeness against `SessionEventType` is checked in test/types/sdk-assignability.ts.
 */
export const SESSION_EVENT_TYPES = [
  'user.message',
  'user.interrupt',
  'user.tool_confirmation',
  'user.custom_tool_result',
  'agent.custom_tool_use',
  'agent.message',
  'agent.thinking',
  'agent.mcp_tool_use',
  'agent.mcp_tool_result',
  'agent.tool_use',
  'agent.tool_result',
  'agent.thread_message_received',
  'agent.thread_message_sent',
  'agent.thread_context_compacted',
  'session.error',
  'session.status_rescheduled',
  'session.status_running',
  'session.status_idle',
  'session.status_terminated',
  'session.thread_created',
  'span.outcome_evaluation_start',
  'span.outcome_evaluation_end',
  'span.model_request_start',
  'span.model_request_end',
  'span.outcome_evaluation_ongoing',
  'user.define_outcome',
  'session.thread_status_running',
  'session.thread_status_idle',
  'session.thread_status_terminated',
  'user.tool_result',
  'session.thread_status_rescheduled',
  'session.updated',
  'system.message',
  'session.usage',
  'workflow_run.created',
  'workflow_run.status_running',
  'workflow_run.status_idle',
  'workflow_run.status_ended',
  'workflow_run.error',
  'workflow_run.phase_started',
  'workflow_run.phase_ended',
] as const satisfies readonly SessionEventType[];

// ---------------------------------------------------------------------------
// Event params (what clients send)
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsUserMessageEventParams`. */
export interface UserMessageEventParams {
  content: MessageContentBlock[];
  type: 'user.message';
}

/** Mirrors `BetaManagedAgentsUserInterruptEventParams`. */
export interface UserInterruptEventParams {
  type: 'user.interrupt';
  session_thread_id?: string | null;
}

/** Mirrors `BetaManagedAgentsUserToolConfirmationEventParams`. */
export interface UserToolConfirmationEventParams {
  result: 'allow' | 'deny';
  tool_use_id: string;
  type: 'user.tool_confirmation';
  deny_message?: string | null;
}

/** Mirrors `BetaManagedAgentsUserCustomToolResultEventParams`. */
export interface UserCustomToolResultEventParams {
  custom_tool_use_id: string;
  type: 'user.custom_tool_result';
  content?: ToolResultContentBlock[];
  is_error?: boolean | null;
}

/** Mirrors `BetaManagedAgentsUserDefineOutcomeEventParams`. */
export interface UserDefineOutcomeEventParams {
  description: string;
  rubric: FileRubricParams | TextRubricParams;
  type: 'user.define_outcome';
  max_iterations?: number | null;
}

/** Mirrors `BetaManagedAgentsUserToolResultEventParams`. */
export interface UserToolResultEventParams {
  tool_use_id: string;
  type: 'user.tool_result';
  content?: ToolResultContentBlock[];
  is_error?: boolean | null;
}

/** Mirrors `BetaManagedAgentsSystemMessageEventParams`. */
export interface SystemMessageEventParams {
  content: SystemContentBlock[];
  type: 'system.message';
}

/** Mirrors `BetaManagedAgentsEventParams`. */
export type EventParams =
  | UserMessageEventParams
  | UserInterruptEventParams
  | UserToolConfirmationEventParams
  | UserCustomToolResultEventParams
  | UserDefineOutcomeEventParams
  | UserToolResultEventParams
  | SystemMessageEventParams;

/** Mirrors `EventSendParams` (body only; no `betas` / `workspace_id`). */
export interface EventSendParams {
  events: EventParams[];
}

/** Mirrors the inline union `BetaManagedAgentsSendSessionEvents['data'][number]` (the echoed, accepted events). */
export type SentSessionEvent =
  | UserMessageEvent
  | UserInterruptEvent
  | UserToolConfirmationEvent
  | UserCustomToolResultEvent
  | UserDefineOutcomeEvent
  | UserToolResultEvent
  | SystemMessageEvent;

/** Mirrors `BetaManagedAgentsSendSessionEvents` (response of `POST /v1/sessions/{id}/events`). */
export interface SendSessionEvents {
  data?: SentSessionEvent[];
}

/** Mirrors `EventListParams` (query only; no `betas` / `workspace_id`). */
export interface EventListParams extends PageParams {
  'created_at[gt]'?: string;
  'created_at[gte]'?: string;
  'created_at[lt]'?: string;
  'created_at[lte]'?: string;
  order?: SortOrder;
  types?: SessionEventType[];
}

/** Mirrors `EventStreamParams` (query only; no `betas` / `workspace_id`). */
export interface EventStreamParams {
  event_deltas?: DeltaType[];
}
