// "Managed Agents: New Session": pick an agent and an environment from the API, then edit the
// create body in an untitled YAML buffer (run "Create Session from YAML" or its CodeLens to send it).
import * as vscode from 'vscode';
import type { Agent, Environment } from '../../api';
import { showError } from '../../shared/errors';
import { createTemplate } from '../bodies';
import type { ApiLookups } from '../editor/apiLookups';
import type { NewSessionPickers } from '../editor/newSessionPickers';
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
    // Start loading while nothing is on screen between the two pickers.
    const environments = lookups.environments({ fresh: true });
    const environment = await pickers.pickEnvironment(environments, agent);
    if (!environment) {
      await reportLoadFailure(environments, 'environments');
      return undefined;
    }
    return openCreateBody(agent, environment);
  });
}

async function openCreateBody(agent: Agent, environment: Environment): Promise<vscode.TextDocument> {
  const content = createTemplate({ agentId: agent.id, agentName: agent.name, environmentId: environment.id, environmentName: environment.name });
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
