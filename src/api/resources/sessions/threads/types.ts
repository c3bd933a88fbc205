// Wire types of the threads of a multiagent session; types only (see ../../shared.ts).
import type { CacheCreationUsage, MonetaryAmount, PageParams, ServerToolUsage } from '../../shared';
import type { Advisor, AgentTool, ExecutionIdentity, MCPServerURLDefinition, ModelConfig, SessionThreadAgent, Skill } from '../../agents/types';
import type { DeltaType } from '../events/types';

/** Mirrors `BetaManagedAgentsSessionThreadStatus`. */
export type SessionThreadStatus = 'running' | 'idle' | 'rescheduling' | 'terminated';

/** Mirrors `BetaManagedAgentsSessionThreadStats`. */
export interface SessionThreadStats {
  active_seconds?: number;
  duration_seconds?: number;
  startup_seconds?: number;
}

/** Mirrors `BetaManagedAgentsSessionThreadUsage`. */
export interface SessionThreadUsage {
  active_seconds?: number;
  cache_creation?: CacheCreationUsage;
  cache_read_input_tokens?: number;
  input_tokens?: number;
  list_cost?: MonetaryAmount | null;
  output_tokens?: number;
  server_tool_use?: ServerToolUsage | null;
}

/** Mirrors `BetaManagedAgentsInlineAgent` (an agent defined inline by a workflow, no id/version). */
export interface InlineAgent {
  description: string | null;
  execution_identity: ExecutionIdentity;
  mcp_servers: MCPServerURLDefinition[];
  model: ModelConfig;
  name: string;
  skills: Skill[];
  system: string | null;
  tools: AgentTool[];
  type: 'inline';
}

/** Mirrors `BetaManagedAgentsSessionThread`. */
export interface SessionThread {
  id: string;
  agent: SessionThreadAgent | Advisor | InlineAgent;
  archived_at: string | null;
  created_at: string;
  parent_thread_id: string | null;
  session_id: string;
  stats: SessionThreadStats | null;
  status: SessionThreadStatus;
  type: 'session_thread';
  updated_at: string;
  usage: SessionThreadUsage | null;
  workflow_run_id: string | null;
}

/** Mirrors `ThreadListParams` (query only; no `betas` / `workspace_id`). */
export interface ThreadListParams extends PageParams {
  statuses?: SessionThreadStatus[];
}

/** Mirrors the threads `EventListParams` (query only; the session id is in the path). */
export type ThreadEventListParams = PageParams;

/** Mirrors the threads `EventStreamParams` (query only; the session id is in the path). */
export interface ThreadEventStreamParams {
  event_deltas?: DeltaType[];
}
