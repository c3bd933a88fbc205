/**
 * Wire types of the Managed Agents API as the simulator serves them.
 *
 * They mirror the official SDK's response types (resources/beta/...) but are declared here so the
 * simulator depends on nothing but Node built-ins and can be bundled into the extension later.
 * The conformance test checks at compile time that these are assignable to the SDK's types.
 */

export type SessionStatus = 'rescheduling' | 'running' | 'idle' | 'terminated';

export interface MonetaryAmount {
  amount: string;
  currency: 'USD';
}

export type PermissionPolicy = { type: 'always_allow' } | { type: 'always_ask' } | { type: 'auto' };

export type AgentToolName = 'bash' | 'edit' | 'read' | 'write' | 'glob' | 'grep' | 'web_fetch' | 'web_search';

/** Resolved per-tool config; a union over tool names so `name` and `type` stay paired. */
export type AgentToolConfig = {
  [N in AgentToolName]: { enabled: boolean; name: N; permission_policy: PermissionPolicy; type: N } & (N extends 'web_fetch'
    ? { url_sources: null }
    : unknown);
}[AgentToolName];

export interface AgentToolset {
  configs: AgentToolConfig[];
  default_config: { enabled: boolean; permission_policy: PermissionPolicy };
  type: 'agent_toolset_20260401';
}

export interface McpToolset {
  configs: { enabled: boolean; name: string; permission_policy: PermissionPolicy }[];
  default_config: { enabled: boolean; permission_policy: PermissionPolicy };
  mcp_server_name: string;
  type: 'mcp_toolset';
}

export interface CustomTool {
  description: string;
  input_schema: { type: 'object'; properties?: Record<string, unknown> | null; required?: string[] | null; [k: string]: unknown };
  name: string;
  type: 'custom';
}

export type ResolvedTool = AgentToolset | McpToolset | CustomTool;

export interface McpServer {
  name: string;
  type: 'url';
  url: string;
}

export type Effort = { type: 'low' } | { type: 'medium' } | { type: 'high' } | { type: 'xhigh' } | { type: 'max' };

export interface ModelConfig {
  id: string;
  effort?: Effort;
  inference_geo?: string;
  speed?: 'standard' | 'fast';
}

export interface Skill {
  skill_id: string;
  type: 'anthropic' | 'custom';
  version: string;
}

export type ExecutionIdentity = { type: 'service_account' } | { type: 'aws_role'; role_arn: string };

/** A pinned agent version (BetaManagedAgentsAgentReference). */
export interface AgentReference {
  type: 'agent';
  id: string;
  version: number;
}

/** A coordinator's roster as the agent stores it (BetaManagedAgentsMultiagentCoordinator). */
export interface MultiagentCoordinator {
  type: 'coordinator';
  agents: AgentReference[];
}

/** The roster resolved into the agents' snapshots, as a session carries it (BetaManagedAgentsSessionMultiagentCoordinator). */
export interface SessionMultiagentCoordinator {
  type: 'coordinator';
  agents: Omit<SessionAgent, 'multiagent'>[];
}

/** One version of an agent (BetaManagedAgentsAgent). */
export interface Agent {
  id: string;
  archived_at: string | null;
  created_at: string;
  description: string | null;
  execution_identity: ExecutionIdentity;
  mcp_servers: McpServer[];
  metadata: Record<string, string>;
  model: ModelConfig;
  /** Set on a coordinator: the agents it may delegate to, each in its own session thread. */
  multiagent: MultiagentCoordinator | null;
  name: string;
  skills: Skill[];
  system: string | null;
  tools: ResolvedTool[];
  type: 'agent';
  updated_at: string;
  version: number;
}

/** The agent snapshot a session carries (BetaManagedAgentsSessionAgent). */
export interface SessionAgent {
  id: string;
  description: string | null;
  execution_identity: ExecutionIdentity;
  mcp_servers: McpServer[];
  model: ModelConfig;
  multiagent: SessionMultiagentCoordinator | null;
  name: string;
  skills: Skill[];
  system: string | null;
  tools: ResolvedTool[];
  type: 'agent';
  version: number;
}

export interface EnvironmentConfigCloud {
  type: 'cloud';
  networking:
    | { type: 'unrestricted' }
    | { type: 'limited'; allow_mcp_servers: boolean; allow_package_managers: boolean; allowed_hosts: string[] };
  packages: { apt: string[]; cargo: string[]; gem: string[]; go: string[]; npm: string[]; pip: string[]; type?: 'packages' };
}

export interface Environment {
  id: string;
  archived_at: string | null;
  config: EnvironmentConfigCloud | { type: 'self_hosted' };
  created_at: string;
  description: string | null;
  metadata: Record<string, string>;
  name: string;
  type: 'environment';
  updated_at: string;
  scope?: 'organization' | 'account';
}

export interface BudgetLimit {
  max_list_cost: MonetaryAmount;
  type: 'limit';
}

export interface SessionUsage {
  active_seconds?: number;
  cache_creation?: { ephemeral_1h_input_tokens?: number; ephemeral_5m_input_tokens?: number };
  cache_read_input_tokens?: number;
  input_tokens?: number;
  list_cost?: MonetaryAmount | null;
  output_tokens?: number;
  server_tool_use?: { web_fetch_requests?: number; web_search_requests?: number } | null;
}

export interface OutcomeEvaluation {
  completed_at: string | null;
  description: string;
  explanation: string | null;
  iteration: number;
  outcome_id: string;
  result: string;
  type: 'outcome_evaluation';
}

export type SessionResource =
  | {
      id: string;
      created_at: string;
      mount_path: string;
      type: 'github_repository';
      updated_at: string;
      url: string;
      checkout?: { type: 'branch'; name: string } | { type: 'commit'; sha: string } | null;
    }
  | { id: string; created_at: string; file_id: string; mount_path: string; type: 'file'; updated_at: string }
  | {
      memory_store_id: string;
      type: 'memory_store';
      access?: 'read_write' | 'read_only' | null;
      description?: string;
      instructions?: string | null;
      mount_path?: string | null;
      name?: string | null;
    };

/** BetaManagedAgentsSession. */
export interface Session {
  id: string;
  agent: SessionAgent;
  archived_at: string | null;
  budget: BudgetLimit | null;
  created_at: string;
  environment_id: string;
  metadata: Record<string, string>;
  outcome_evaluations: OutcomeEvaluation[];
  resources: SessionResource[];
  stats: { active_seconds?: number; duration_seconds?: number };
  status: SessionStatus;
  title: string | null;
  type: 'session';
  updated_at: string;
  usage: SessionUsage;
  vault_ids: string[];
  deployment_id?: string | null;
}

/** BetaManagedAgentsSessionThread: the primary thread or a child thread of a `#team` turn. */
export interface SessionThread {
  id: string;
  agent: Omit<SessionAgent, 'multiagent'>;
  archived_at: string | null;
  created_at: string;
  parent_thread_id: string | null;
  session_id: string;
  stats: { active_seconds?: number; duration_seconds?: number; startup_seconds?: number } | null;
  status: SessionStatus;
  type: 'session_thread';
  updated_at: string;
  usage: SessionUsage | null;
  workflow_run_id: string | null;
}

export type StopReason =
  | { type: 'end_turn' }
  | { type: 'requires_action'; event_ids: string[] }
  | { type: 'retries_exhausted' }
  | { type: 'budget_reached' }
  | { type: 'refusal' };

/**
 * A session event. Events are plain JSON objects discriminated by `type`; the simulator does not
 * model each of the ~40 event interfaces, it builds them in events.ts with the SDK's field sets.
 */
export interface SimEvent {
  id: string;
  type: string;
  processed_at?: string | null;
  [field: string]: unknown;
}

/** A `/v1` request as recorded for tests (`handle.requests`, `GET /_sim/requests`). */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?`, '' when absent. */
  query: string;
  /** HTTP status sent, or 0 when the connection was dropped without a response. */
  status: number;
  /** ISO time the request arrived. */
  time: string;
  durationMs: number;
  requestId: string;
  /** Which injected fault, if any, shaped the response. */
  fault?: string;
}
