/**
 * Turns the request-side agent configuration (`tools`, `mcp_servers`, `model`, ... params) into the
 * resolved shapes the API returns, validating as it goes. Used by session create
 * (`agent_with_overrides`), session update (`agent.tools` / `agent.mcp_servers`) and seed loading.
 */
import { invalidRequest } from './errors';
import type {
  Agent,
  AgentToolConfig,
  AgentToolName,
  AgentToolset,
  CustomTool,
  Effort,
  McpServer,
  McpToolset,
  ModelConfig,
  PermissionPolicy,
  ResolvedTool,
  SessionAgent,
  Skill,
} from './types';
import { isPlainObject } from './util';

export const AGENT_TOOL_NAMES: AgentToolName[] = ['bash', 'edit', 'read', 'write', 'glob', 'grep', 'web_fetch', 'web_search'];
const POLICIES = ['always_allow', 'always_ask', 'auto'];
const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];

function policy(value: unknown, path: string, fallback: PermissionPolicy): PermissionPolicy {
  if (value === undefined || value === null) return fallback;
  if (!isPlainObject(value) || typeof value.type !== 'string' || !POLICIES.includes(value.type)) {
    throw invalidRequest(`${path}: must be one of {"type":"always_allow"}, {"type":"always_ask"}, {"type":"auto"}`);
  }
  return { type: value.type } as PermissionPolicy;
}

function optionalBoolean(value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidRequest(`${path}: must be a boolean`);
  return value;
}

function toolConfig(name: AgentToolName, enabled: boolean, permission: PermissionPolicy): AgentToolConfig {
  const base = { enabled, name, permission_policy: permission, type: name };
  return (name === 'web_fetch' ? { ...base, url_sources: null } : base) as AgentToolConfig;
}

function resolveAgentToolset(param: Record<string, unknown>, path: string): AgentToolset {
  const defaults = param.default_config ?? null;
  if (defaults !== null && !isPlainObject(defaults)) throw invalidRequest(`${path}.default_config: must be an object`);
  // Built-in tools default to always_allow: the sandbox is the safety boundary.
  const defaultConfig = {
    enabled: optionalBoolean(defaults?.enabled, `${path}.default_config.enabled`, true),
    permission_policy: policy(defaults?.permission_policy, `${path}.default_config.permission_policy`, { type: 'always_allow' }),
  };
  const overrides = new Map<AgentToolName, AgentToolConfig>();
  const configs = param.configs ?? [];
  if (!Array.isArray(configs)) throw invalidRequest(`${path}.configs: must be an array`);
  configs.forEach((entry: unknown, index) => {
    const entryPath = `${path}.configs[${index}]`;
    if (!isPlainObject(entry) || !AGENT_TOOL_NAMES.includes(entry.name as AgentToolName)) {
      throw invalidRequest(`${entryPath}.name: must be one of ${AGENT_TOOL_NAMES.join(', ')}`);
    }
    const name = entry.name as AgentToolName;
    overrides.set(
      name,
      toolConfig(
        name,
        optionalBoolean(entry.enabled, `${entryPath}.enabled`, defaultConfig.enabled),
        policy(entry.permission_policy, `${entryPath}.permission_policy`, defaultConfig.permission_policy),
      ),
    );
  });
  return {
    type: 'agent_toolset_20260401',
    default_config: defaultConfig,
    configs: AGENT_TOOL_NAMES.map((name) => overrides.get(name) ?? toolConfig(name, defaultConfig.enabled, defaultConfig.permission_policy)),
  };
}

function resolveMcpToolset(param: Record<string, unknown>, path: string, servers: McpServer[]): McpToolset {
  const serverName = param.mcp_server_name;
  if (typeof serverName !== 'string' || serverName === '') throw invalidRequest(`${path}.mcp_server_name: required string`);
  if (!servers.some((server) => server.name === serverName)) {
    throw invalidRequest(`${path}.mcp_server_name: no MCP server named ${JSON.stringify(serverName)} in mcp_servers`);
  }
  const defaults = param.default_config ?? null;
  if (defaults !== null && !isPlainObject(defaults)) throw invalidRequest(`${path}.default_config: must be an object`);
  // MCP tools are third-party code, so they ask for confirmation unless configured otherwise.
  const defaultConfig = {
    enabled: optionalBoolean(defaults?.enabled, `${path}.default_config.enabled`, true),
    permission_policy: policy(defaults?.permission_policy, `${path}.default_config.permission_policy`, { type: 'always_ask' }),
  };
  const configs = param.configs ?? [];
  if (!Array.isArray(configs)) throw invalidRequest(`${path}.configs: must be an array`);
  return {
    type: 'mcp_toolset',
    mcp_server_name: serverName,
    default_config: defaultConfig,
    configs: configs.map((entry: unknown, index) => {
      const entryPath = `${path}.configs[${index}]`;
      if (!isPlainObject(entry) || typeof entry.name !== 'string' || entry.name === '') {
        throw invalidRequest(`${entryPath}.name: required string`);
      }
      return {
        name: entry.name,
        enabled: optionalBoolean(entry.enabled, `${entryPath}.enabled`, defaultConfig.enabled),
        permission_policy: policy(entry.permission_policy, `${entryPath}.permission_policy`, defaultConfig.permission_policy),
      };
    }),
  };
}

function resolveCustomTool(param: Record<string, unknown>, path: string): CustomTool {
  if (typeof param.name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(param.name)) {
    throw invalidRequest(`${path}.name: 1-128 letters, digits, underscores or hyphens`);
  }
  if (typeof param.description !== 'string') throw invalidRequest(`${path}.description: required string`);
  if (!isPlainObject(param.input_schema) || param.input_schema.type !== 'object') {
    throw invalidRequest(`${path}.input_schema: must be a JSON Schema object with "type": "object"`);
  }
  return { type: 'custom', name: param.name, description: param.description, input_schema: param.input_schema as CustomTool['input_schema'] };
}

export function resolveMcpServers(value: unknown, path: string): McpServer[] {
  if (!Array.isArray(value)) throw invalidRequest(`${path}: must be an array`);
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const entryPath = `${path}[${index}]`;
    if (!isPlainObject(entry) || entry.type !== 'url') throw invalidRequest(`${entryPath}.type: must be 'url'`);
    if (typeof entry.name !== 'string' || entry.name === '') throw invalidRequest(`${entryPath}.name: required string`);
    if (typeof entry.url !== 'string' || !/^https?:\/\//.test(entry.url)) throw invalidRequest(`${entryPath}.url: must be an http(s) URL`);
    if (seen.has(entry.name)) throw invalidRequest(`${entryPath}.name: duplicate MCP server name ${JSON.stringify(entry.name)}`);
    seen.add(entry.name);
    return { type: 'url', name: entry.name, url: entry.url };
  });
}

/** Resolves a `tools` param array against the MCP servers it may reference. */
export function resolveTools(value: unknown, path: string, servers: McpServer[]): ResolvedTool[] {
  if (!Array.isArray(value)) throw invalidRequest(`${path}: must be an array`);
  return value.map((entry: unknown, index) => {
    const entryPath = `${path}[${index}]`;
    if (!isPlainObject(entry)) throw invalidRequest(`${entryPath}: must be an object`);
    switch (entry.type) {
      case 'agent_toolset_20260401':
        return resolveAgentToolset(entry, entryPath);
      case 'mcp_toolset':
        return resolveMcpToolset(entry, entryPath, servers);
      case 'custom':
        return resolveCustomTool(entry, entryPath);
      default:
        throw invalidRequest(`${entryPath}.type: must be one of agent_toolset_20260401, mcp_toolset, custom`);
    }
  });
}

export function resolveModel(value: unknown, path: string): ModelConfig {
  if (typeof value === 'string' && value !== '') return { id: value, effort: { type: 'high' }, speed: 'standard' };
  if (!isPlainObject(value) || typeof value.id !== 'string' || value.id === '') {
    throw invalidRequest(`${path}: must be a model id string or an object with an "id"`);
  }
  let effort: Effort = { type: 'high' };
  if (value.effort !== undefined && value.effort !== null) {
    const level = typeof value.effort === 'string' ? value.effort : isPlainObject(value.effort) ? value.effort.type : undefined;
    if (typeof level !== 'string' || !EFFORTS.includes(level)) throw invalidRequest(`${path}.effort: must be one of ${EFFORTS.join(', ')}`);
    effort = { type: level } as Effort;
  }
  const speed = value.speed ?? 'standard';
  if (speed !== 'standard' && speed !== 'fast') throw invalidRequest(`${path}.speed: must be 'standard' or 'fast'`);
  const model: ModelConfig = { id: value.id, effort, speed };
  if (typeof value.inference_geo === 'string') model.inference_geo = value.inference_geo;
  return model;
}

export function resolveSkills(value: unknown, path: string): Skill[] {
  if (!Array.isArray(value)) throw invalidRequest(`${path}: must be an array`);
  return value.map((entry: unknown, index) => {
    if (!isPlainObject(entry) || (entry.type !== 'anthropic' && entry.type !== 'custom') || typeof entry.skill_id !== 'string') {
      throw invalidRequest(`${path}[${index}]: must be {"type":"anthropic"|"custom","skill_id":...}`);
    }
    return { type: entry.type, skill_id: entry.skill_id, version: typeof entry.version === 'string' ? entry.version : 'latest' };
  });
}

/**
 * The session's snapshot of an agent version. A coordinator's roster is resolved into the snapshots
 * of the agents it names (`lookup` reads an agent version), as the API resolves it at session creation.
 */
export function sessionAgentFrom(agent: Agent, lookup?: (id: string, version: number) => Agent): SessionAgent {
  const snapshot = (version: Agent): Omit<SessionAgent, 'multiagent'> =>
    structuredClone({
      id: version.id,
      description: version.description,
      execution_identity: version.execution_identity,
      mcp_servers: version.mcp_servers,
      model: version.model,
      name: version.name,
      skills: version.skills,
      system: version.system,
      tools: version.tools,
      type: 'agent' as const,
      version: version.version,
    });
  const roster = agent.multiagent && lookup ? agent.multiagent.agents.map((reference) => snapshot(reference.id === agent.id && reference.version === agent.version ? agent : lookup(reference.id, reference.version))) : null;
  return { ...snapshot(agent), multiagent: roster ? { type: 'coordinator', agents: roster } : null };
}

/** Whether tools already look resolved (seed files may hold either form). */
export function isResolvedTool(tool: unknown): tool is ResolvedTool {
  return isPlainObject(tool) && (tool.type === 'custom' || (Array.isArray(tool.configs) && isPlainObject(tool.default_config) && typeof tool.default_config.enabled === 'boolean'));
}
