/*
 * Compile-only test: our wire types (the types files under src/api/resources/) versus the
 * official SDK's types (@anthropic-ai/sdk, devDependency). Nothing here needs to run;
 * `tsc -p tsconfig.json` fails if the SDK drifts away from our types.
 *
 * Rules checked:
 *   - REQUEST types: ours must be assignable to the SDK's (we never send what the SDK
 *     would reject). Their top-level keys must equal the SDK's minus the header params
 *     `betas` / `workspace_id` (so a new body/query field in the SDK breaks the build).
 *   - RESPONSE types: the SDK's must be assignable to ours (we can hold anything the API
 *     returns), and for the main objects and every event the key sets must be equal
 *     (so a new response field in the SDK breaks the build).
 *   - `SessionEventType` equals the SDK's in both directions, and `SESSION_EVENT_TYPES`
 *     lists every member.
 *
 * Each check is an element of an exported tuple type so that `noUnusedLocals` stays quiet
 * and a failure points at the exact line ("Type 'false' does not satisfy the constraint 'true'").
 */

import type * as Sessions from '@anthropic-ai/sdk/resources/beta/sessions/sessions';
import type * as Events from '@anthropic-ai/sdk/resources/beta/sessions/events';
import type * as SessionResources from '@anthropic-ai/sdk/resources/beta/sessions/resources';
import type * as Threads from '@anthropic-ai/sdk/resources/beta/sessions/threads/threads';
import type * as ThreadEvents from '@anthropic-ai/sdk/resources/beta/sessions/threads/events';
import type * as Agents from '@anthropic-ai/sdk/resources/beta/agents/agents';
import type * as AgentVersions from '@anthropic-ai/sdk/resources/beta/agents/versions';
import type * as Environments from '@anthropic-ai/sdk/resources/beta/environments/environments';
import type * as Beta from '@anthropic-ai/sdk/resources/beta/beta';
import type * as Pagination from '@anthropic-ai/sdk/core/pagination';
import type * as Files from '@anthropic-ai/sdk/resources/beta/files';

import type * as T from '../../src/api';
import type { SESSION_EVENT_TYPES } from '../../src/api';

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

type Assert<X extends true> = X;
type IsAssignable<A, B> = [A] extends [B] ? true : false;
/** Mutual assignability (good enough for unions of literals and key sets). */
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Exact type identity. */
type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
/** Same set of top-level property names. */
type SameKeys<A, B> = MutuallyAssignable<keyof A, keyof B>;
/** Header params the SDK mixes into its request param types; our types leave them out. */
type HeaderParams = 'betas' | 'workspace_id';
type BodyOnly<P> = Omit<P, HeaderParams>;
/** true only if every member of a boolean union is true. */
type All<B extends boolean> = false extends B ? false : true;
/** For two unions discriminated on `type`: the same tags, and per tag the same keys. */
type SameMembersAndKeys<S extends { type: string }, O extends { type: string }> =
  MutuallyAssignable<S['type'], O['type']> extends true
    ? All<{ [K in S['type']]: SameKeys<Extract<S, { type: K }>, Extract<O, { type: K }>> }[S['type']]>
    : false;
/** Request direction: ours is assignable to the SDK's, and has the same body/query keys. */
type RequestOk<Ours, Sdk> = All<IsAssignable<Ours, Sdk> | SameKeys<Ours, BodyOnly<Sdk>>>;
/** Response direction: the SDK's is assignable to ours, and has the same keys. */
type ResponseOk<Sdk, Ours> = All<IsAssignable<Sdk, Ours> | SameKeys<Sdk, Ours>>;
/** What an SDK list method's pages hold. */
type SdkListItem<List extends (...args: never[]) => unknown> = ReturnType<List> extends Pagination.PagePromise<infer _Page, infer Item> ? Item : never;

// ---------------------------------------------------------------------------
// Request types: ours -> SDK
// ---------------------------------------------------------------------------

export type RequestChecks = [
  Assert<RequestOk<T.SessionCreateParams, Sessions.SessionCreateParams>>,
  Assert<RequestOk<T.SessionUpdateParams, Sessions.SessionUpdateParams>>,
  Assert<RequestOk<T.SessionListParams, Sessions.SessionListParams>>,
  Assert<RequestOk<T.SessionAgentUpdate, Sessions.BetaManagedAgentsSessionAgentUpdate>>,
  Assert<RequestOk<T.AgentParams, Sessions.BetaManagedAgentsAgentParams>>,
  Assert<RequestOk<T.AgentWithOverridesParams, Sessions.BetaManagedAgentsAgentWithOverridesParams>>,
  Assert<RequestOk<T.ModelConfigParams, Agents.BetaManagedAgentsModelConfigParams>>,
  Assert<RequestOk<T.AgentToolset20260401Params, Agents.BetaManagedAgentsAgentToolset20260401Params>>,
  Assert<RequestOk<T.MCPToolsetParams, Agents.BetaManagedAgentsMCPToolsetParams>>,
  Assert<RequestOk<T.CustomToolParams, Agents.BetaManagedAgentsCustomToolParams>>,
  Assert<IsAssignable<T.AgentToolConfigParams, Agents.BetaManagedAgentsAgentToolConfigParams>>,
  Assert<RequestOk<T.WebFetchToolConfigParams, Agents.BetaManagedAgentsWebFetchToolConfigParams>>,
  Assert<RequestOk<T.WebSearchToolConfigParams, Agents.BetaManagedAgentsWebSearchToolConfigParams>>,
  Assert<IsAssignable<T.SkillParams, Agents.BetaManagedAgentsSkillParams>>,
  Assert<RequestOk<T.GitHubRepositoryResourceParams, Sessions.BetaManagedAgentsGitHubRepositoryResourceParams>>,
  Assert<RequestOk<T.FileResourceParams, Sessions.BetaManagedAgentsFileResourceParams>>,
  Assert<RequestOk<T.MemoryStoreResourceParam, Sessions.BetaManagedAgentsMemoryStoreResourceParam>>,
  Assert<RequestOk<T.BudgetLimit, Sessions.BetaManagedAgentsBudgetLimit>>,

  // Event params: the union and each member.
  Assert<IsAssignable<T.EventParams, Events.BetaManagedAgentsEventParams>>,
  Assert<MutuallyAssignable<T.EventParams['type'], Events.BetaManagedAgentsEventParams['type']>>,
  Assert<RequestOk<T.UserMessageEventParams, Events.BetaManagedAgentsUserMessageEventParams>>,
  Assert<RequestOk<T.UserInterruptEventParams, Events.BetaManagedAgentsUserInterruptEventParams>>,
  Assert<RequestOk<T.UserToolConfirmationEventParams, Events.BetaManagedAgentsUserToolConfirmationEventParams>>,
  Assert<RequestOk<T.UserCustomToolResultEventParams, Events.BetaManagedAgentsUserCustomToolResultEventParams>>,
  Assert<RequestOk<T.UserDefineOutcomeEventParams, Events.BetaManagedAgentsUserDefineOutcomeEventParams>>,
  Assert<RequestOk<T.UserToolResultEventParams, Events.BetaManagedAgentsUserToolResultEventParams>>,
  Assert<RequestOk<T.SystemMessageEventParams, Events.BetaManagedAgentsSystemMessageEventParams>>,
  Assert<RequestOk<T.EventSendParams, Events.EventSendParams>>,
  Assert<RequestOk<T.EventListParams, Events.EventListParams>>,
  Assert<RequestOk<T.EventStreamParams, Events.EventStreamParams>>,

  Assert<RequestOk<T.AgentListParams, Agents.AgentListParams>>,
  Assert<RequestOk<T.AgentVersionListParams, AgentVersions.VersionListParams>>,
  Assert<RequestOk<T.EnvironmentListParams, Environments.EnvironmentListParams>>,
  Assert<RequestOk<T.ThreadListParams, Threads.ThreadListParams>>,
  // The threads' events take the session id in the path, not the query.
  Assert<RequestOk<T.ThreadEventListParams, Omit<ThreadEvents.EventListParams, 'session_id'>>>,
  Assert<RequestOk<T.ThreadEventStreamParams, Omit<ThreadEvents.EventStreamParams, 'session_id'>>>,
  // One query type for both of the SDK's page kinds.
  Assert<RequestOk<T.PageParams, Pagination.PageCursorParams>>,
  Assert<RequestOk<T.PageParams, Pagination.BidirectionalPageCursorParams>>,
];

// ---------------------------------------------------------------------------
// Response types: SDK -> ours
// ---------------------------------------------------------------------------

export type ResponseChecks = [
  Assert<ResponseOk<Sessions.BetaManagedAgentsSession, T.Session>>,
  Assert<MutuallyAssignable<Sessions.BetaManagedAgentsSession['status'], T.SessionStatus>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsSessionAgent, T.SessionAgent>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsSessionUsage, T.SessionUsage>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsSessionStats, T.SessionStats>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsBudgetLimit, T.BudgetLimit>>,
  Assert<ResponseOk<Beta.BetaMonetaryAmount, T.MonetaryAmount>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsCacheCreationUsage, T.CacheCreationUsage>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsServerToolUsage, T.ServerToolUsage>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsOutcomeEvaluationResource, T.OutcomeEvaluationResource>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsDeletedSession, T.DeletedSession>>,
  Assert<IsAssignable<SessionResources.BetaManagedAgentsSessionResource, T.SessionResource>>,
  Assert<SameMembersAndKeys<SessionResources.BetaManagedAgentsSessionResource, T.SessionResource>>,
  Assert<ResponseOk<SessionResources.BetaManagedAgentsDeleteSessionResource, T.DeleteSessionResource>>,
  Assert<IsAssignable<Sessions.BetaManagedAgentsSessionMultiagent, T.Multiagent>>,
  Assert<IsAssignable<Sessions.BetaManagedAgentsMultiagent, T.Multiagent>>,

  Assert<ResponseOk<Agents.BetaManagedAgentsAgent, T.Agent>>,
  Assert<ResponseOk<Agents.BetaManagedAgentsModelConfig, T.ModelConfig>>,
  Assert<MutuallyAssignable<Agents.BetaManagedAgentsModel, T.Model>>,
  Assert<IsAssignable<Agents.BetaManagedAgentsAgent['tools'][number], T.AgentTool>>,
  Assert<SameMembersAndKeys<Agents.BetaManagedAgentsAgent['tools'][number], T.AgentTool>>,
  Assert<IsAssignable<Agents.BetaManagedAgentsAgentToolConfig, T.AgentToolConfig>>,
  Assert<SameMembersAndKeys<Agents.BetaManagedAgentsAgentToolConfig, T.AgentToolConfig>>,
  Assert<ResponseOk<Agents.BetaManagedAgentsWebFetchURLSources, T.WebFetchURLSources>>,
  Assert<IsAssignable<Agents.BetaManagedAgentsExecutionIdentity, T.ExecutionIdentity>>,
  Assert<IsAssignable<Agents.BetaManagedAgentsAgent['skills'][number], T.Skill>>,
  Assert<ResponseOk<Agents.BetaManagedAgentsMCPServerURLDefinition, T.MCPServerURLDefinition>>,
  Assert<ResponseOk<Agents.BetaManagedAgentsSessionThreadAgent, T.SessionThreadAgent>>,

  Assert<ResponseOk<Environments.BetaEnvironment, T.Environment>>,
  Assert<IsAssignable<Environments.BetaEnvironment['config'], T.Environment['config']>>,
  Assert<SameMembersAndKeys<Environments.BetaEnvironment['config'], T.Environment['config']>>,
  Assert<ResponseOk<Environments.BetaPackages, T.Packages>>,

  Assert<ResponseOk<Threads.BetaManagedAgentsSessionThread, T.SessionThread>>,
  Assert<MutuallyAssignable<Threads.BetaManagedAgentsSessionThreadStatus, T.SessionThreadStatus>>,
  Assert<ResponseOk<Threads.BetaManagedAgentsSessionThreadUsage, T.SessionThreadUsage>>,
  Assert<ResponseOk<Threads.BetaManagedAgentsSessionThreadStats, T.SessionThreadStats>>,
  Assert<ResponseOk<Threads.BetaManagedAgentsInlineAgent, T.InlineAgent>>,

  Assert<ResponseOk<Events.BetaManagedAgentsSendSessionEvents, T.SendSessionEvents>>,
  Assert<IsAssignable<NonNullable<Events.BetaManagedAgentsSendSessionEvents['data']>[number], T.SentSessionEvent>>,

  // One page type for both of the SDK's page kinds: a one-way page is ours without `prev_page`.
  Assert<IsAssignable<Pagination.PageCursorResponse<Sessions.BetaManagedAgentsSession>, T.Page<T.Session>>>,
  Assert<SameKeys<Pagination.PageCursorResponse<unknown>, Omit<T.Page<unknown>, 'prev_page'>>>,
  Assert<IsAssignable<Pagination.BidirectionalPageCursorResponse<Sessions.BetaManagedAgentsSession>, T.Page<T.Session>>>,
  Assert<SameKeys<Pagination.BidirectionalPageCursorResponse<unknown>, T.Page<unknown>>>,
  // An agent's versions list pages whole agents (`client.agents.versions` yields `T.Agent`).
  Assert<ResponseOk<SdkListItem<AgentVersions.Versions['list']>, T.Agent>>,
];

// ---------------------------------------------------------------------------
// Events: unions, every member, nested pieces
// ---------------------------------------------------------------------------

export type EventUnionChecks = [
  // Whole unions: SDK assignable to ours; same tags; per tag same keys.
  Assert<IsAssignable<Events.BetaManagedAgentsSessionEvent, T.SessionEvent>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsSessionEvent, T.SessionEvent>>,
  Assert<IsAssignable<Events.BetaManagedAgentsStreamSessionEvents, T.StreamSessionEvent>>,
  // A thread's stream carries the same events as the session's.
  Assert<IsAssignable<Threads.BetaManagedAgentsStreamSessionThreadEvents, T.StreamSessionEvent>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsStreamSessionEvents, T.StreamSessionEvent>>,

  // Event type list: equal both ways, and the runtime list is complete.
  Assert<Equals<T.SessionEventType, Events.BetaManagedAgentsSessionEventType>>,
  Assert<IsAssignable<T.SessionEventType, Events.BetaManagedAgentsSessionEventType>>,
  Assert<IsAssignable<Events.BetaManagedAgentsSessionEventType, T.SessionEventType>>,
  Assert<Equals<(typeof SESSION_EVENT_TYPES)[number], T.SessionEventType>>,
  Assert<IsAssignable<typeof SESSION_EVENT_TYPES, readonly T.SessionEventType[]>>,
  Assert<MutuallyAssignable<T.DeltaType, Sessions.BetaManagedAgentsDeltaType>>,

  // `switch (event.type)` narrows to exactly one member.
  Assert<Equals<Extract<T.SessionEvent, { type: 'agent.message' }>, T.AgentMessageEvent>>,
  Assert<Equals<Extract<T.SessionEvent, { type: 'session.status_idle' }>, T.SessionStatusIdleEvent>>,
  Assert<Equals<Extract<T.StreamSessionEvent, { type: 'event_delta' }>, T.DeltaEvent>>,
  Assert<Equals<Extract<T.SessionStopReason, { type: 'requires_action' }>, T.SessionRequiresAction>>,
];

// Budgets (SDK 1.16): every place the wire carries one, and the stop reason it causes.
export type BudgetChecks = [
  Assert<MutuallyAssignable<Sessions.BetaManagedAgentsSession['budget'], T.Session['budget']>>,
  Assert<MutuallyAssignable<Sessions.SessionCreateParams['budget'], T.SessionCreateParams['budget']>>,
  Assert<MutuallyAssignable<Sessions.SessionUpdateParams['budget'], T.SessionUpdateParams['budget']>>,
  Assert<MutuallyAssignable<Sessions.BetaManagedAgentsSessionUpdatedEvent['budget'], T.SessionUpdatedEvent['budget']>>,
  Assert<MutuallyAssignable<Sessions.BetaManagedAgentsSessionUsageEvent['budget'], T.SessionUsageEvent['budget']>>,
  Assert<MutuallyAssignable<Sessions.BetaManagedAgentsSessionUsage['list_cost'], T.SessionUsage['list_cost']>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionBudgetReached, T.SessionBudgetReached>>,
  Assert<Equals<Extract<T.SessionStopReason, { type: 'budget_reached' }>, T.SessionBudgetReached>>,
];

export type EventMemberChecks = [
  Assert<ResponseOk<Events.BetaManagedAgentsUserMessageEvent, T.UserMessageEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsUserInterruptEvent, T.UserInterruptEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsUserToolConfirmationEvent, T.UserToolConfirmationEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsUserCustomToolResultEvent, T.UserCustomToolResultEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentCustomToolUseEvent, T.AgentCustomToolUseEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentMessageEvent, T.AgentMessageEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentThinkingEvent, T.AgentThinkingEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentMCPToolUseEvent, T.AgentMCPToolUseEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentMCPToolResultEvent, T.AgentMCPToolResultEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentToolUseEvent, T.AgentToolUseEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentToolResultEvent, T.AgentToolResultEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentThreadMessageReceivedEvent, T.AgentThreadMessageReceivedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentThreadMessageSentEvent, T.AgentThreadMessageSentEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsAgentThreadContextCompactedEvent, T.AgentThreadContextCompactedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionErrorEvent, T.SessionErrorEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionStatusRescheduledEvent, T.SessionStatusRescheduledEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionStatusRunningEvent, T.SessionStatusRunningEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionStatusIdleEvent, T.SessionStatusIdleEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionStatusTerminatedEvent, T.SessionStatusTerminatedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionThreadCreatedEvent, T.SessionThreadCreatedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSpanOutcomeEvaluationStartEvent, T.SpanOutcomeEvaluationStartEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSpanOutcomeEvaluationEndEvent, T.SpanOutcomeEvaluationEndEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSpanModelRequestStartEvent, T.SpanModelRequestStartEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSpanModelRequestEndEvent, T.SpanModelRequestEndEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSpanOutcomeEvaluationOngoingEvent, T.SpanOutcomeEvaluationOngoingEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsUserDefineOutcomeEvent, T.UserDefineOutcomeEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionDeletedEvent, T.SessionDeletedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionThreadStatusRunningEvent, T.SessionThreadStatusRunningEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionThreadStatusIdleEvent, T.SessionThreadStatusIdleEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionThreadStatusTerminatedEvent, T.SessionThreadStatusTerminatedEvent>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsUserToolResultEvent, T.UserToolResultEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionThreadStatusRescheduledEvent, T.SessionThreadStatusRescheduledEvent>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsSessionUpdatedEvent, T.SessionUpdatedEvent>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsSystemMessageEvent, T.SystemMessageEvent>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsSessionUsageEvent, T.SessionUsageEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsWorkflowRunCreatedEvent, T.WorkflowRunCreatedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsWorkflowRunStatusEndedEvent, T.WorkflowRunStatusEndedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsWorkflowRunPhaseStartedEvent, T.WorkflowRunPhaseStartedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsWorkflowRunPhaseEndedEvent, T.WorkflowRunPhaseEndedEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsWorkflowRunStatusRunningEvent, T.WorkflowRunStatusRunningEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsWorkflowRunStatusIdleEvent, T.WorkflowRunStatusIdleEvent>>,
  Assert<ResponseOk<Events.BetaManagedAgentsWorkflowRunErrorEvent, T.WorkflowRunErrorEvent>>,
  // Stream-only frames.
  Assert<ResponseOk<Sessions.BetaManagedAgentsStartEvent, T.StartEvent>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsDeltaEvent, T.DeltaEvent>>,
  Assert<ResponseOk<Sessions.BetaManagedAgentsDeltaContent, T.DeltaContent>>,
];

export type EventPartChecks = [
  // Content blocks.
  Assert<ResponseOk<Events.BetaManagedAgentsTextBlock, T.TextBlock>>,
  Assert<ResponseOk<Events.BetaManagedAgentsImageBlock, T.ImageBlock>>,
  Assert<ResponseOk<Events.BetaManagedAgentsDocumentBlock, T.DocumentBlock>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSearchResultBlock, T.SearchResultBlock>>,
  Assert<ResponseOk<Events.BetaManagedAgentsRedactedBlock, T.RedactedBlock>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsImageBlock['source'], T.ImageBlock['source']>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsDocumentBlock['source'], T.DocumentBlock['source']>>,
  Assert<MutuallyAssignable<Events.BetaManagedAgentsUserMessageEvent['content'][number], T.MessageContentBlock>>,
  Assert<
    MutuallyAssignable<
      NonNullable<Events.BetaManagedAgentsAgentToolResultEvent['content']>[number],
      T.ToolResultContentBlock
    >
  >,
  // Errors and retry statuses.
  Assert<IsAssignable<Events.BetaManagedAgentsSessionErrorEvent['error'], T.SessionErrorObject>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsSessionErrorEvent['error'], T.SessionErrorObject>>,
  Assert<MutuallyAssignable<Events.BetaManagedAgentsUnknownErrorObject['retry_status'], T.RetryStatus>>,
  Assert<IsAssignable<Events.BetaManagedAgentsWorkflowRunErrorObject, T.WorkflowRunErrorObject>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsWorkflowRunErrorObject, T.WorkflowRunErrorObject>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsWorkflowRunResult, T.WorkflowRunResult>>,
  // Stop reasons.
  Assert<IsAssignable<Events.BetaManagedAgentsSessionStatusIdleEvent['stop_reason'], T.SessionStopReason>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsSessionStatusIdleEvent['stop_reason'], T.SessionStopReason>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionRequiresAction, T.SessionRequiresAction>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionRefusalStopDetails, T.SessionRefusalStopDetails>>,
  // Tool permission evaluation, usage.
  Assert<IsAssignable<Events.BetaManagedAgentsAgentToolEvaluation, T.AgentToolEvaluation>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsAgentToolEvaluation, T.AgentToolEvaluation>>,
  Assert<SameMembersAndKeys<Events.BetaManagedAgentsAgentAutoEvaluatedPermission, T.AgentAutoEvaluatedPermission>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSpanModelUsage, T.SpanModelUsage>>,
  Assert<ResponseOk<Events.BetaManagedAgentsSessionUsageSnapshot, T.SessionUsageSnapshot>>,
];

/** The Files API and a session's resources endpoints (client.files, client.sessions.resources). */
export type FilesChecks = [
  Assert<RequestOk<T.FileListParams, Files.FileListParams>>,
  Assert<RequestOk<T.ResourceAddParams, SessionResources.ResourceAddParams>>,
  Assert<RequestOk<T.ResourceUpdateParams, Omit<SessionResources.ResourceUpdateParams, 'session_id'>>>, // session_id is a path parameter
  Assert<ResponseOk<Files.BetaFileMetadata, T.FileMetadata>>,
  Assert<ResponseOk<Files.BetaDeletedFile, T.DeletedFile>>,
  Assert<ResponseOk<SessionResources.BetaManagedAgentsDeleteSessionResource, T.DeletedSessionResource>>,
  Assert<IsAssignable<SessionResources.ResourceRetrieveResponse, T.SessionResource>>,
];

// ---------------------------------------------------------------------------
// Narrowing in practice (compiled, never run).
// ---------------------------------------------------------------------------

/** Event ids a `requires_action` idle is waiting on; shows `switch (event.type)` narrowing. */
export function pendingActionEventIds(event: T.StreamSessionEvent): string[] {
  switch (event.type) {
    case 'session.status_idle':
    case 'session.thread_status_idle':
      return event.stop_reason.type === 'requires_action' ? event.stop_reason.event_ids : [];
    case 'event_delta':
      return [event.event_id];
    default:
      return [];
  }
}
