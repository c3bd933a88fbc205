// What most suites start a session with: an unarchived agent with the built-in toolset and an
// unarchived cloud environment, from whatever API the extension's client points at.
import * as assert from 'node:assert/strict';
import type { Agent, Environment, ManagedAgentsClient } from '../../../src/api';

export async function toolsetAgentAndCloudEnvironment(client: ManagedAgentsClient): Promise<{ agent: Agent; environment: Environment }> {
  const agents = await client.agents.list({ limit: 100 }).toArray();
  const agent = agents.find((candidate) => !candidate.archived_at && candidate.tools.some((tool) => tool.type === 'agent_toolset_20260401'));
  assert.ok(agent, 'the API has no unarchived agent with the toolset');
  const environments = await client.environments.list({ limit: 100 }).toArray();
  const environment = environments.find((candidate) => !candidate.archived_at && candidate.config.type === 'cloud');
  assert.ok(environment, 'the API has no cloud environment');
  return { agent, environment };
}
