// Wire types of agents and their configuration; types only (see ../shared.ts).
import type { PageParams } from '../shared';

// ---------------------------------------------------------------------------
// Agent configuration (tools, skills, MCP servers, model)
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsModel` (known ids plus any string). */
export type Model =
  | 'claude-fable-5-2'
  | 'claude-haiku-5-5'
  | 'claude-sonnet-5-5'
  | 'claude-opus-5-5'
  | 'claude-fable-5-1'
  | 'claude-sonnet-5'
  | 'claude-fable-5'
  | 'claude-opus-5'
  | 'claude-opus-4-8'
  | 'claude-opus-4-7'
  | 'claude-opus-4-6'
  | 'claude-sonnet-4-6'
  | 'claude-haiku-4-5'
  | 'claude-haiku-4-5-20251001'
  | 'claude-opus-4-5'
  | 'claude-opus-4-5-20251101'
  | 'claude-sonnet-4-5'
  | 'claude-sonnet-4-5-20250929'
  | (string & {});

/** Mirrors `BetaManagedAgentsEffortLow` / `Medium` / `High` / `Xhigh` / `Max`. */
export interface Effort {
  type: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
}

/** Mirrors `BetaManagedAgentsModelConfig`. */
export interface ModelConfig {
  id: Model;
  effort?: Effort;
  inference_geo?: string;
  speed?: 'standard' | 'fast';
}

/** Mirrors `BetaManagedAgentsModelConfigParams`. */
export interface ModelConfigParams {
  id: Model;
  effort?: Effort['type'] | Effort | null;
  inference_geo?: string | null;
  speed?: 'standard' | 'fast' | null;
}

/** Mirrors `BetaManagedAgentsAWSRoleExecutionIdentity`. */
export interface AWSRoleExecutionIdentity {
  role_arn: string;
  type: 'aws_role';
}

/** Mirrors `BetaManagedAgentsServiceAccountExecutionIdentity`. */
export interface ServiceAccountExecutionIdentity {
  type: 'service_account';
}

/** Mirrors `BetaManagedAgentsExecutionIdentity`. */
export type ExecutionIdentity = AWSRoleExecutionIdentity | ServiceAccountExecutionIdentity;

/** Mirrors `BetaManagedAgentsMCPServerURLDefinition`. */
export interface MCPServerURLDefinition {
  name: string;
  type: 'url';
  url: string;
}

/** Mirrors `BetaManagedAgentsURLMCPServerParams`. */
export interface URLMCPServerParams {
  name: string;
  type: 'url';
  url: string;
}

/** Mirrors `BetaManagedAgentsAnthropicSkill`. */
export interface AnthropicSkill {
  skill_id: string;
  type: 'anthropic';
  version: string;
}

/** Mirrors `BetaManagedAgentsCustomSkill`. */
export interface CustomSkill {
  skill_id: string;
  type: 'custom';
  version: string;
}

/** Mirrors the inline union `BetaManagedAgentsAgent['skills'][number]`. */
export type Skill = AnthropicSkill | CustomSkill;

/** Mirrors `BetaManagedAgentsAnthropicSkillParams`. */
export interface AnthropicSkillParams {
  skill_id: string;
  type: 'anthropic';
  version?: string | null;
}

/** Mirrors `BetaManagedAgentsCustomSkillParams`. */
export interface CustomSkillParams {
  skill_id: string;
  type: 'custom';
  version?: string | null;
}

/** Mirrors `BetaManagedAgentsSkillParams`. */
export type SkillParams = AnthropicSkillParams | CustomSkillParams;

/** Mirrors `BetaManagedAgentsAlwaysAllowPolicy` / `AlwaysAskPolicy` / `AutoPolicy`. */
export interface PermissionPolicy {
  type: 'always_allow' | 'always_ask' | 'auto';
}

/** Mirrors the built-in tool names of `BetaManagedAgentsAgentToolConfig` (bash, edit, read, write, glob, grep). */
export type BuiltinToolName = 'bash' | 'edit' | 'read' | 'write' | 'glob' | 'grep';

/** Mirrors `BetaManagedAgentsBashToolConfig` / `Edit` / `Read` / `Write` / `Glob` / `GrepToolConfig` (discriminated on `type`). */
export type BuiltinToolConfig = {
  [N in BuiltinToolName]: {
    enabled: boolean;
    name: N;
    permission_policy: PermissionPolicy;
    type: N;
  };
}[BuiltinToolName];

/** Mirrors `BetaManagedAgentsBashToolConfigParams` / ... / `GrepToolConfigParams` (discriminated on `name`). */
export type BuiltinToolConfigParams = {
  [N in BuiltinToolName]: {
    name: N;
    enabled?: boolean | null;
    permission_policy?: PermissionPolicy | null;
    type?: N;
  };
}[BuiltinToolName];

/** Mirrors `BetaManagedAgentsWebFetchURLSourceToolReference`. */
export interface WebFetchURLSourceToolReference {
  name: string;
  type: 'tool_reference';
}

/** Mirrors `BetaManagedAgentsWebFetchURLSourceAll` / `WebFetchURLSourceNone`. */
export interface WebFetchURLSourceAllOrNone {
  type: 'all' | 'none';
}

/** Mirrors `BetaManagedAgentsWebFetchURLSourceOnly` / `WebFetchURLSourceExcept`. */
export interface WebFetchURLSourceToolList {
  tools: WebFetchURLSourceToolReference[];
  type: 'only' | 'except';
}

/** Mirrors `BetaManagedAgentsWebFetchURLSourceToolFilter`. */
export type WebFetchURLSourceToolFilter = WebFetchURLSourceAllOrNone | WebFetchURLSourceToolList;

/** Mirrors `BetaManagedAgentsWebFetchURLSources`. */
export interface WebFetchURLSources {
  client_tool_results: WebFetchURLSourceToolFilter | null;
  server_tool_results: WebFetchURLSourceToolFilter | null;
  user_input: WebFetchURLSourceAllOrNone | null;
}

/** Mirrors `BetaManagedAgentsWebFetchURLSourcesParams`. */
export interface WebFetchURLSourcesParams {
  client_tool_results?: 'all' | 'none' | WebFetchURLSourceToolFilter | null;
  server_tool_results?: 'all' | 'none' | WebFetchURLSourceToolFilter | null;
  user_input?: 'all' | 'none' | WebFetchURLSourceAllOrNone | null;
}

/** Mirrors `BetaManagedAgentsUserLocation`. */
export interface UserLocation {
  type: 'approximate';
  city?: string | null;
  country?: string | null;
  region?: string | null;
  timezone?: string | null;
}

/** Mirrors `BetaManagedAgentsWebFetchToolConfig`. */
export interface WebFetchToolConfig {
  enabled: boolean;
  name: 'web_fetch';
  permission_policy: PermissionPolicy;
  type: 'web_fetch';
  url_sources: WebFetchURLSources | null;
  allowed_domains?: string[];
  blocked_domains?: string[];
  max_content_tokens?: number | null;
}

/** Mirrors `BetaManagedAgentsWebFetchToolConfigParams`. */
export interface WebFetchToolConfigParams {
  name: 'web_fetch';
  allowed_domains?: string[];
  blocked_domains?: string[];
  enabled?: boolean | null;
  max_content_tokens?: number | null;
  permission_policy?: PermissionPolicy | null;
  type?: 'web_fetch';
  url_sources?: WebFetchURLSourcesParams | null;
}

/** Mirrors `BetaManagedAgentsWebSearchToolConfig`. */
export interface WebSearchToolConfig {
  enabled: boolean;
  name: 'web_search';
  permission_policy: PermissionPolicy;
  type: 'web_search';
  allowed_domains?: string[];
  blocked_domains?: string[];
  user_location?: UserLocation | null;
}

/** Mirrors `BetaManagedAgentsWebSearchToolConfigParams`. */
export interface WebSearchToolConfigParams {
  name: 'web_search';
  allowed_domains?: string[];
  blocked_domains?: string[];
  enabled?: boolean | null;
  permission_policy?: PermissionPolicy | null;
  type?: 'web_search';
  user_location?: UserLocation | null;
}

/** Mirrors `BetaManagedAgentsAgentToolConfig`. */
export type AgentToolConfig = BuiltinToolConfig | WebFetchToolConfig | WebSearchToolConfig;

/** Mirrors `BetaManagedAgentsAgentToolConfigParams`. */
export type AgentToolConfigParams = BuiltinToolConfigParams | WebFetchToolConfigParams | WebSearchToolConfigParams;

/** Mirrors `BetaManagedAgentsAgentToolsetDefaultConfig` (and `MCPToolsetDefaultConfig`). */
export interface ToolsetDefaultConfig {
  enabled: boolean;
  permission_policy: PermissionPolicy;
}

/** Mirrors `BetaManagedAgentsAgentToolsetDefaultConfigParams` (and `MCPToolsetDefaultConfigParams`). */
export interface ToolsetDefaultConfigParams {
  enabled?: boolean | null;
  permission_policy?: PermissionPolicy | null;
}

/** Mirrors `BetaManagedAgentsAgentToolset20260401`. */
export interface AgentToolset20260401 {
  configs: AgentToolConfig[];
  default_config: ToolsetDefaultConfig;
  type: 'agent_toolset_20260401';
}

/** Mirrors `BetaManagedAgentsAgentToolset20260401Params`. */
export interface AgentToolset20260401Params {
  type: 'agent_toolset_20260401';
  configs?: AgentToolConfigParams[];
  default_config?: ToolsetDefaultConfigParams | null;
}

/** Mirrors `BetaManagedAgentsMCPToolConfig`. */
export interface MCPToolConfig {
  enabled: boolean;
  name: string;
  permission_policy: PermissionPolicy;
}

/** Mirrors `BetaManagedAgentsMCPToolConfigParams`. */
export interface MCPToolConfigParams {
  name: string;
  enabled?: boolean | null;
  permission_policy?: PermissionPolicy | null;
}

/** Mirrors `BetaManagedAgentsMCPToolset`. */
export interface MCPToolset {
  configs: MCPToolConfig[];
  default_config: ToolsetDefaultConfig;
  mcp_server_name: string;
  type: 'mcp_toolset';
}

/** Mirrors `BetaManagedAgentsMCPToolsetParams`. */
export interface MCPToolsetParams {
  mcp_server_name: string;
  type: 'mcp_toolset';
  configs?: MCPToolConfigParams[];
  default_config?: ToolsetDefaultConfigParams | null;
}

/** Mirrors `BetaManagedAgentsCustomToolInputSchema` (a JSON schema object). */
export interface CustomToolInputSchema {
  type: 'object';
  properties?: { [key: string]: unknown } | null;
  required?: string[] | null;
  [k: string]: unknown;
}

/** Mirrors `BetaManagedAgentsCustomTool`. */
export interface CustomTool {
  description: string;
  input_schema: CustomToolInputSchema;
  name: string;
  type: 'custom';
}

/** Mirrors `BetaManagedAgentsCustomToolParams`. */
export interface CustomToolParams {
  description: string;
  input_schema: CustomToolInputSchema;
  name: string;
  type: 'custom';
}

/** Mirrors the inline union `BetaManagedAgentsAgent['tools'][number]`. */
export type AgentTool = AgentToolset20260401 | MCPToolset | CustomTool;

/** Mirrors the inline union `BetaManagedAgentsSessionAgentUpdate['tools'][number]`. */
export type AgentToolParams = AgentToolset20260401Params | MCPToolsetParams | CustomToolParams;

// ---------------------------------------------------------------------------
// Multiagent configuration (response side only; typed loosely on purpose)
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsAdvisor` (an advisor entry in a roster). */
export interface Advisor {
  model: string;
  type: 'advisor';
}

/** Mirrors `BetaManagedAgentsAgentReference`. */
export interface AgentReference {
  id: string;
  type: 'agent';
  version: number;
}

/**
 * Mirrors `BetaManagedAgentsMultiagent` (`MultiagentCoordinator | Multiagent20261001`) and
 * `BetaManagedAgentsSessionMultiagent`. Only the discriminant is typed; the nested rosters
 * (advisor / subagents / workflows / agents) are left opaque because the UI does not use them.
 */
export interface Multiagent {
  type: 'coordinator' | 'multiagent_20261001';
}

// ---------------------------------------------------------------------------
// Agents
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsAgent`. */
export interface Agent {
  id: string;
  archived_at: string | null;
  created_at: string;
  description: string | null;
  execution_identity: ExecutionIdentity;
  mcp_servers: MCPServerURLDefinition[];
  metadata: { [key: string]: string };
  model: ModelConfig;
  multiagent: Multiagent | null;
  name: string;
  skills: Skill[];
  system: string | null;
  tools: AgentTool[];
  type: 'agent';
  updated_at: string;
  version: number;
}

/** Mirrors `AgentListParams` (minus header params). */
export interface AgentListParams extends PageParams {
  'created_at[gte]'?: string;
  'created_at[lte]'?: string;
  include_archived?: boolean;
}

/** Mirrors `VersionListParams` of `agents/versions` (minus header params): only the page query. */
export type AgentVersionListParams = PageParams;

// ---------------------------------------------------------------------------
// Agents as a session (or one of its threads) runs them
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsSessionThreadAgent` (an agent snapshot inside a session / thread). */
export interface SessionThreadAgent {
  id: string;
  description: string | null;
  execution_identity: ExecutionIdentity;
  mcp_servers: MCPServerURLDefinition[];
  model: ModelConfig;
  name: string;
  skills: Skill[];
  system: string | null;
  tools: AgentTool[];
  type: 'agent';
  version: number;
}

/** Mirrors `BetaManagedAgentsSessionAgent` (resolved agent snapshot on a session). */
export interface SessionAgent extends SessionThreadAgent {
  multiagent: Multiagent | null;
}
