// Where the suites start from: the extension activated, its start-up work done and the simulator's
// key stored, and what most suites start a session with: an unarchived agent with the built-in toolset
// and an unarchived cloud environment, from whatever API the extension's client points at.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Agent, Environment, ManagedAgentsClient } from '../../../src/api';
import type { ManagedAgentsExtensionApi } from '../../../src/extension';
import { EXTENSION_ID, requireEnv } from './env';

/** The extension's API once activated and ready, with a key stored (through Set API Key, when there was none). */
export async function extensionApi(): Promise<ManagedAgentsExtensionApi> {
  const extension = vscode.extensions.getExtension<ManagedAgentsExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.ready;
  await ensureKey(api);
  return api;
}

/** Stores the simulator's key through Set API Key unless a key is stored (after a test cleared it, say). */
export async function ensureKey(api: ManagedAgentsExtensionApi): Promise<void> {
  if (await api.services.keyStore.get()) return;
  const stored = await vscode.commands.executeCommand<boolean>('managedAgents.setApiKey', requireEnv('apiKey', 'MANAGED_AGENTS_API_KEY'));
  assert.equal(stored, true, 'could not store the simulator key');
}

export async function toolsetAgentAndCloudEnvironment(client: ManagedAgentsClient): Promise<{ agent: Agent; environment: Environment }> {
  const agents = await client.agents.list({ limit: 100 }).toArray();
  // Not a coordinator: its sessions are single-threaded, as most tests expect.
  const agent = agents.find((candidate) => !candidate.archived_at && !candidate.multiagent && candidate.tools.some((tool) => tool.type === 'agent_toolset_20260401'));
  assert.ok(agent, 'the API has no unarchived agent with the toolset');
  const environments = await client.environments.list({ limit: 100 }).toArray();
  const environment = environments.find((candidate) => !candidate.archived_at && candidate.config.type === 'cloud');
  assert.ok(environment, 'the API has no cloud environment');
  return { agent, environment };
}

/** extensionApi(), with an agent and an environment to start sessions with. */
export async function extensionWithAgent(): Promise<{ api: ManagedAgentsExtensionApi; agent: Agent; environment: Environment }> {
  const api = await extensionApi();
  return { api, ...(await toolsetAgentAndCloudEnvironment(api.services.client)) };
}
