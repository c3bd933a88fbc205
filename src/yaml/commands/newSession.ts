// "Managed Agents: New Session": pick an agent, the version it runs (when it has several) and an
// environment from the API, then edit the create body in an untitled YAML buffer (run "Create
// Session from YAML" or its CodeLens to send it).
import * as vscode from 'vscode';
import type { Agent, Environment } from '../../api';
import { showError } from '../../shared/errors';
import { createTemplate } from '../bodies';
import type { ApiLookups } from '../editor/apiLookups';
import type { AgentVersionChoice, NewSessionPickers } from '../editor/newSessionPickers';
import { NEW_SESSION } from '../../commandIds';

/** Returns the new buffer, or undefined when cancelled or the lists could not be loaded. */
export function registerNewSession(lookups: ApiLookups, pickers: NewSessionPickers): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_SESSION, async (): Promise<vscode.TextDocument | undefined> => {
    const agents = lookups.agents({ fresh: true });
    const agent = await pickers.pickAgent(agents);
    if (!agent) {
      await reportLoadFailure(agents, 'agents');
      return undefined;
    }
    const version = await pickVersion(lookups, pickers, agent);
    if (!version) return undefined;
    // Start loading while nothing is on screen between the two pickers.
    const environments = lookups.environments({ fresh: true });
    const environment = await pickers.pickEnvironment(environments, agent);
    if (!environment) {
      await reportLoadFailure(environments, 'environments');
      return undefined;
    }
    return openCreateBody(agent, version, environment);
  });
}

/**
 * Latest or a pinned version; undefined when cancelled. An agent still at version 1 has nothing to
 * pick from, so the question is not asked. A failed load is reported, and Latest is still offered.
 */
async function pickVersion(lookups: ApiLookups, pickers: NewSessionPickers, agent: Agent): Promise<AgentVersionChoice | undefined> {
  if (!(agent.version > 1)) return { kind: 'latest' };
  const versions = lookups.agentVersions(agent.id);
  void versions.catch((error: unknown) =>
    showError(`Could not load the versions of "${agent.name || agent.id}"; New Session still offers its latest version`, error),
  );
  return pickers.pickAgentVersion(versions, agent);
}

async function openCreateBody(agent: Agent, version: AgentVersionChoice, environment: Environment): Promise<vscode.TextDocument> {
  const content = createTemplate({
    agentId: agent.id,
    agentName: agent.name,
    agentVersion: version.kind === 'pinned' ? version.version : undefined,
    environmentId: environment.id,
    environmentName: environment.name,
  });
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** A picker that closed because its list failed to load: say why and what to do. */
async function reportLoadFailure(list: Promise<readonly unknown[]>, what: 'agents' | 'environments'): Promise<void> {
  try {
    const items = await list;
    if (items.length === 0) {
      void vscode.window.showWarningMessage(
        what === 'agents'
          ? 'There are no agents to start a session with. Create an agent first (in the Claude Console or with `ant beta:agents create`), then run New Session again.'
          : 'There are no environments to run a session in. Create one first (in the Claude Console or with `ant beta:environments create`), then run New Session again.',
      );
    }
  } catch (error) {
    void showError(`Could not load the ${what} for a new session (check the API key, the network and the "managedAgents.baseUrl" setting, then run New Session again)`, error);
  }
}
