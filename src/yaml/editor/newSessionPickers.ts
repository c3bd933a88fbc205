// The agent and environment pickers of New Session, in one object whose methods the integration
// tests replace with answers: quick picks cannot be clicked in the test host.
import * as vscode from 'vscode';
import type { Agent, Environment } from '../../api';

export interface NewSessionPickers {
  /** Picks an agent from a list that may still be loading; undefined when cancelled or the load failed. */
  pickAgent(agents: Promise<readonly Agent[]>): Promise<Agent | undefined>;
  pickEnvironment(environments: Promise<readonly Environment[]>, agent: Agent): Promise<Environment | undefined>;
}

export function createNewSessionPickers(): NewSessionPickers {
  return {
    pickAgent: (agents) =>
      pickWhileLoading(
        'New Session (1/2): Agent',
        'Pick the agent that runs the session (type to search by name, id or description)',
        agents,
        (agent) => ({
          label: agent.name || agent.id,
          description: `${agent.id} · v${agent.version} · ${agent.model?.id ?? ''}`,
          detail: agent.description ?? undefined,
        }),
      ),
    pickEnvironment: (environments, agent) =>
      pickWhileLoading(
        'New Session (2/2): Environment',
        `Pick the environment "${agent.name || agent.id}" runs in`,
        environments,
        (environment) => ({
          label: environment.name || environment.id,
          description: `${environment.id} · ${environment.config?.type ?? ''}`,
          detail: environment.description ?? undefined,
        }),
      ),
  };
}

/** A quick pick that is open (busy) while its items load, so the person sees progress at once. */
async function pickWhileLoading<T>(
  title: string,
  placeholder: string,
  load: Promise<readonly T[]>,
  describe: (item: T) => { label: string; description?: string; detail?: string },
): Promise<T | undefined> {
  type Item = vscode.QuickPickItem & { value: T };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title;
  pick.placeholder = 'Loading…';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  pick.busy = true;
  const disposables: vscode.Disposable[] = [pick];
  try {
    return await new Promise<T | undefined>((resolve) => {
      disposables.push(
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0];
          if (chosen) resolve(chosen.value);
        }),
        pick.onDidHide(() => resolve(undefined)),
      );
      load.then(
        (items) => {
          pick.busy = false;
          pick.placeholder = items.length ? placeholder : 'Nothing to pick: none are available (archived ones are not offered).';
          pick.items = items.map((value) => ({ ...describe(value), value }));
        },
        // The command reports the failure; closing the picker ends the wait.
        () => resolve(undefined),
      );
      pick.show();
    });
  } finally {
    for (const disposable of disposables) disposable.dispose();
  }
}
