// Wire types of sessions; types only (see ../shared.ts).
import type { BudgetLimit, CacheCreationUsage, MonetaryAmount, PageParams, ServerToolUsage, SortOrder } from '../shared';
import type { AgentToolParams, Model, ModelConfigParams, SessionAgent, SkillParams, URLMCPServerParams } from '../agents/types';
import type { UserDefineOutcomeEventParams, UserMessageEventParams } from './events/types';

/** Mirrors the inline union `BetaManagedAgentsSession['status']`. */
export type SessionStatus = 'rescheduling' | 'running' | 'idle' | 'terminated';

/** Mirrors `BetaManagedAgentsSessionUsage`. */
export interface SessionUsage {
  active_seconds?: number;
  cache_creation?: CacheCreationUsage;
  cache_read_input_tokens?: number;
  input_tokens?: number;
  list_cost?: MonetaryAmount | null;
  output_tokens?: number;
  server_tool_use?: ServerToolUsage | null;
}

/** Mirrors `BetaManagedAgentsSessionStats`. */
export interface SessionStats {
  active_seconds?: number;
  duration_seconds?: number;
}

/** Mirrors `BetaManagedAgentsOutcomeEvaluationResource`. */
export interface OutcomeEvaluationResource {
  completed_at: string | null;
  description: string;
  explanation: string | null;
  iteration: number;
  outcome_id: string;
  result: string;
  type: 'outcome_evaluation';
}

/** Mirrors `BetaManagedAgentsBranchCheckout`. */
export interface BranchCheckout {
  name: string;
  type: 'branch';
}

/** Mirrors `BetaManagedAgentsCommitCheckout`. */
export interface CommitCheckout {
  sha: string;
  type: 'commit';
}

/** Mirrors `BetaManagedAgentsGitHubRepositoryResource`. */
export interface GitHubRepositoryResource {
  id: string;
  created_at: string;
  mount_path: string;
  type: 'github_repository';
  updated_at: string;
  url: string;
  checkout?: BranchCheckout | CommitCheckout | null;
}

/** Mirrors `BetaManagedAgentsFileResource`. */
export interface FileResource {
  id: string;
  created_at: string;
  file_id: string;
  mount_path: string;
  type: 'file';
  updated_at: string;
}

/** Mirrors `BetaManagedAgentsMemoryStoreResource`. */
export interface MemoryStoreResource {
  memory_store_id: string;
  type: 'memory_store';
  access?: 'read_write' | 'read_only' | null;
  description?: string;
  instructions?: string | null;
  mount_path?: string | null;
  name?: string | null;
}

/** Mirrors `BetaManagedAgentsSessionResource`. */
export type SessionResource = GitHubRepositoryResource | FileResource | MemoryStoreResource;

/** Mirrors `BetaManagedAgentsDeleteSessionResource`. */
export interface DeleteSessionResource {
  id: string;
  type: 'session_resource_deleted';
}

/** Mirrors `BetaManagedAgentsSession`. */
export interface Session {
  id: string;
  agent: SessionAgent;
  archived_at: string | null;
  budget: BudgetLimit | null;
  created_at: string;
  environment_id: string;
  metadata: { [key: string]: string };
  outcome_evaluations: OutcomeEvaluationResource[];
  resources: SessionResource[];
  stats: SessionStats;
  status: SessionStatus;
  title: string | null;
  type: 'session';
  updated_at: string;
  usage: SessionUsage;
  vault_ids: string[];
  deployment_id?: string | null;
}

/** Mirrors `BetaManagedAgentsDeletedSession`. */
export interface DeletedSession {
  id: string;
  type: 'session_deleted';
}

/** Mirrors `BetaManagedAgentsGitHubRepositoryResourceParams`. */
export interface GitHubRepositoryResourceParams {
  type: 'github_repository';
  url: string;
  authorization_token?: string;
  checkout?: BranchCheckout | CommitCheckout | null;
  mount_path?: string | null;
}

/** Mirrors `BetaManagedAgentsFileResourceParams`. */
export interface FileResourceParams {
  file_id: string;
  type: 'file';
  mount_path?: string | null;
}

/** Mirrors `BetaManagedAgentsMemoryStoreResourceParam`. */
export interface MemoryStoreResourceParam {
  memory_store_id: string;
  type: 'memory_store';
  access?: 'read_write' | 'read_only' | null;
  instructions?: string | null;
}

/** Mirrors the inline union `SessionCreateParams['resources'][number]`. */
export type SessionResourceParams = GitHubRepositoryResourceParams | FileResourceParams | MemoryStoreResourceParam;

/** Mirrors `BetaManagedAgentsAgentParams` (pin an agent id, optionally a version). */
export interface AgentParams {
  id: string;
  type: 'agent';
  version?: number;
}

/** Mirrors `BetaManagedAgentsAgentWithOverridesParams`. */
export interface AgentWithOverridesParams {
  id: string;
  type: 'agent_with_overrides';
  mcp_servers?: URLMCPServerParams[];
  model?: Model | ModelConfigParams;
  skills?: SkillParams[];
  system?: string | null;
  tools?: AgentToolParams[];
  version?: number;
}

/** Mirrors `SessionCreateParams` (body only; no `betas` / `workspace_id`). */
export interface SessionCreateParams {
  agent: string | AgentParams | AgentWithOverridesParams;
  environment_id: string;
  budget?: BudgetLimit;
  initial_events?: Array<UserMessageEventParams | UserDefineOutcomeEventParams>;
  metadata?: { [key: string]: string };
  resources?: SessionResourceParams[];
  title?: string | null;
  vault_ids?: string[];
}

/** Mirrors `BetaManagedAgentsSessionAgentUpdate`. */
export interface SessionAgentUpdate {
  mcp_servers?: URLMCPServerParams[];
  tools?: AgentToolParams[];
}

/** Mirrors `SessionUpdateParams` (body only; no `betas` / `workspace_id`). `metadata` values of null delete keys. */
export interface SessionUpdateParams {
  agent?: SessionAgentUpdate;
  budget?: BudgetLimit | null;
  metadata?: { [key: string]: string | null } | null;
  title?: string | null;
  vault_ids?: string[];
}

/** Mirrors `SessionListParams` (query only; no `betas` / `workspace_id`). */
export interface SessionListParams extends PageParams {
  agent_id?: string;
  agent_version?: number;
  'created_at[gt]'?: string;
  'created_at[gte]'?: string;
  'created_at[lt]'?: string;
  'created_at[lte]'?: string;
  deployment_id?: string;
  include_archived?: boolean;
  memory_store_id?: string;
  order?: SortOrder;
  statuses?: SessionStatus[];
}
