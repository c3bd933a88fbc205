// The agent, version and environment pickers of New Session, in one object whose methods the
// integration tests replace with answers: quick picks cannot be clicked in the test host.
import * as vscode from 'vscode';
import type { Agent, Environment } from '../../api';
import { relativeTime } from '../../webview/format';
import { describeVersionChanges } from '../agentVersionChanges';

/** The version a new session runs: the latest one when it is created, or one pinned by number. */
export type AgentVersionChoice = { kind: 'latest' } | { kind: 'pinned'; version: number };

export interface NewSessionPickers {
  /** Picks an agent from a list that may still be loading; undefined when cancelled or the load failed. */
  pickAgent(agents: Promise<readonly Agent[]>): Promise<Agent | undefined>;
  /**
   * Latest, or one of the agent's versions from a list that may still be loading; undefined when
   * cancelled. A failed load leaves Latest to pick (the command says what failed).
   */
  pickAgentVersion(versions: Promise<readonly Agent[]>, agent: Agent): Promise<AgentVersionChoice | undefined>;
  pickEnvironment(environments: Promise<readonly Environment[]>, agent: Agent): Promise<Environment | undefined>;
}

export function createNewSessionPickers(): NewSessionPickers {
  return {
    pickAgent: (agents) =>
      pickWhileLoading(
        'New Session: Agent',
        'Pick the agent that runs the session (type to search by name, id or description)',
        agents,
        (agent) => ({
          label: agent.name || agent.id,
          description: `${agent.id} · v${agent.version} · ${agent.model?.id ?? ''}`,
          detail: agent.description ?? undefined,
        }),
      ),
    pickAgentVersion: (versions, agent) => {
      const name = agent.name || agent.id;
      const latest: VersionOption = {
        choice: { kind: 'latest' },
        label: `Latest (v${agent.version})`,
        description: 'follows new versions',
        detail: 'The body names the agent alone: the session runs its newest version when the body is sent',
      };
      return pickWhileLoading(
        'New Session: Agent Version',
        `Pick the version of "${name}" the session runs (Enter: the latest)`,
        versions.then((list) => [latest, ...versionOptions(list)]),
        (option) => option,
        { first: latest, placeholderWhenFailed: `The versions of "${name}" could not be loaded; Latest still works (Enter)` },
      ).then((option) => option?.choice);
    },
    pickEnvironment: (environments, agent) =>
      pickWhileLoading(
        'New Session: Environment',
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

interface VersionOption {
  choice: AgentVersionChoice;
  label: string;
  description?: string;
  detail?: string;
}

/** One option per version, newest first, each saying what it changed from the one before it. */
function versionOptions(versions: readonly Agent[], now = Date.now()): VersionOption[] {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return newestFirst.map((version, index) => ({
    choice: { kind: 'pinned', version: version.version },
    label: `v${version.version}`,
    description: [`updated ${relativeTime(version.updated_at, now, 'spoken')}`, version.model?.id].filter(Boolean).join(' · '),
    detail: describeVersionChanges(version, newestFirst[index + 1]),
  }));
}

interface PickOptions<T> {
  /** Offered at once, before the list has loaded. */
  first?: T;
  /** Set: a failed load keeps the picker open with `first`, saying this; unset: it closes the picker. */
  placeholderWhenFailed?: string;
}

/** A quick pick that is open (busy) while its items load, so the person sees progress at once. */
async function pickWhileLoading<T>(
  title: string,
  placeholder: string,
  load: Promise<readonly T[]>,
  describe: (item: T) => { label: string; description?: string; detail?: string },
  options: PickOptions<T> = {},
): Promise<T | undefined> {
  type Item = vscode.QuickPickItem & { value: T };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title;
  pick.placeholder = 'Loading…';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  pick.busy = true;
  if (options.first !== undefined) pick.items = [{ ...describe(options.first), value: options.first }];
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
        () => {
          // The command reports the failure; closing the picker ends the wait, unless what is offered still works.
          if (options.placeholderWhenFailed === undefined) return resolve(undefined);
          pick.busy = false;
          pick.placeholder = options.placeholderWhenFailed;
        },
      );
      pick.show();
    });
  } finally {
    for (const disposable of disposables) disposable.dispose();
  }
}
