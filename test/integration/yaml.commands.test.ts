// The YAML commands end to end in a real extension host against the simulator: New Session (its
// pickers answered by replacing the methods of `yaml.pickers`), Create Session from YAML (buffer and
// explorer file), Send Events from YAML, Update Session + Apply Session Update. Each checks what the
// simulator received (request log, resulting state) and that the buffer was left as it was.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Agent, Environment, Session, SessionCreateParams, SessionEvent } from '../../src/api';
import type { SessionDialogs } from '../../src/sessions/sessionDialogs';
import { checkBody, createTemplate } from '../../src/yaml/bodies';
import { sendTemplate } from '../unit/yaml/sendBody';
import type { YamlCommandOutcome } from '../../src/yaml/editor/bodyCommands';
import type { AgentVersionChoice, NewSessionPickers } from '../../src/yaml/editor/newSessionPickers';
import {
  closeAllEditors,
  newApiSession,
  openYaml,
  writeBodyFile,
  writesDuring,
  yamlTestContext,
  type YamlTestContext,
} from './fixtures/yaml/harness';
import { browser, skipWithoutBridge } from './helpers/bridge';
import { setFaults, setStatus } from './helpers/simulator';
import { waitFor } from './helpers/wait';

const runTag = `yaml-${Date.now().toString(36)}`;
let ctx: YamlTestContext;
let originalPickers: NewSessionPickers;
let originalDialogs: SessionDialogs;
const created: string[] = [];

interface SeenByPickers {
  agents?: readonly Agent[];
  environments?: readonly Environment[];
  error?: unknown;
  /** The agent whose versions were offered, what was offered, or why they could not be. */
  versionsOf?: Agent;
  versions?: readonly Agent[];
  versionsError?: unknown;
}

/** Answers New Session's pickers; `version` is what the version picker answers. */
function answerPickers(
  agent: Agent | undefined,
  environment: Environment | undefined,
  seen: SeenByPickers = {},
  version: AgentVersionChoice | 'escape' = { kind: 'latest' },
): void {
  Object.assign(ctx.api.yaml.pickers, {
    async pickAgent(agents: Promise<readonly Agent[]>) {
      try {
        seen.agents = await agents;
      } catch (error) {
        seen.error = error;
        return undefined;
      }
      return agent && seen.agents.find((candidate) => candidate.id === agent.id);
    },
    async pickAgentVersion(versions: Promise<readonly Agent[]>, of: Agent) {
      seen.versionsOf = of;
      try {
        seen.versions = await versions;
      } catch (error) {
        seen.versionsError = error;
      }
      return version === 'escape' ? undefined : version;
    },
    async pickEnvironment(environments: Promise<readonly Environment[]>) {
      seen.environments = await environments;
      return environment && seen.environments.find((candidate) => candidate.id === environment.id);
    },
  } satisfies NewSessionPickers);
}

function remember(outcome: YamlCommandOutcome | undefined): void {
  if (outcome?.status === 'sent' && outcome.session && !created.includes(outcome.sessionId)) created.push(outcome.sessionId);
}

async function run(command: string, ...args: unknown[]): Promise<YamlCommandOutcome> {
  const outcome = await vscode.commands.executeCommand<YamlCommandOutcome>(command, ...args);
  remember(outcome);
  return outcome;
}

async function events(sessionId: string): Promise<SessionEvent[]> {
  return ctx.api.services.client.sessions.events.list(sessionId, { limit: 1000 }).toArray();
}

function messageTexts(list: readonly SessionEvent[]): string[] {
  return list
    .filter((event) => event.type === 'user.message')
    .map((event) => ((event as { content?: { text?: string }[] }).content ?? []).map((block) => block.text ?? '').join(''));
}

/** An unarchived single-threaded agent with more than one version. */
async function agentWithVersions(): Promise<Agent> {
  const agents = await ctx.api.services.client.agents.list({ limit: 100 }).toArray();
  const agent = agents.find((candidate) => !candidate.archived_at && !candidate.multiagent && candidate.version > 1);
  assert.ok(agent, 'the API has no unarchived agent with several versions');
  return agent;
}

async function apiSession(title: string, extra: object = {}): Promise<Session> {
  const session = await newApiSession(ctx, `${runTag} ${title}`, extra);
  created.push(session.id);
  return session;
}

describe('YAML commands', function () {
  this.timeout(60_000);

  before(async () => {
    ctx = await yamlTestContext();
    originalPickers = { ...ctx.api.yaml.pickers };
    originalDialogs = { ...ctx.api.sessions.dialogs };
  });
  afterEach(async () => {
    Object.assign(ctx.api.yaml.pickers, originalPickers);
    Object.assign(ctx.api.sessions.dialogs, originalDialogs);
    await setFaults(undefined);
    await closeAllEditors();
  });
  after(async () => {
    if (!ctx) return;
    for (const panel of ctx.api.history.all) panel.dispose();
    for (const id of created) {
      // The API refuses to delete a running session: stop the ones a test left running first.
      await setStatus(id, { status: 'idle' }).catch(() => undefined);
      await ctx.api.services.client.sessions.delete(id).catch(() => undefined);
    }
  });

  describe('New Session', () => {
    it('offers the API agents and environments, then opens the create template in an untitled YAML buffer', async () => {
      const seen: SeenByPickers = {};
      answerPickers(ctx.agent, ctx.environment, seen);
      const { result: document, writes } = await writesDuring(async () => vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.newSession'));
      assert.ok(document, 'no buffer was opened');
      assert.ok(seen.agents?.some((agent) => agent.id === ctx.agent.id), 'the agent picker did not offer the agent');
      assert.ok(seen.agents?.every((agent) => !agent.archived_at), 'archived agents were offered');
      assert.ok(seen.environments?.some((environment) => environment.id === ctx.environment.id), 'the environment picker did not offer the environment');
      assert.equal(document.isUntitled, true);
      assert.equal(document.languageId, 'yaml');
      assert.equal(
        document.getText(),
        createTemplate({ agentId: ctx.agent.id, agentName: ctx.agent.name, environmentId: ctx.environment.id, environmentName: ctx.environment.name }),
      );
      assert.equal(vscode.window.activeTextEditor?.document, document, 'the buffer is not in the active editor');
      assert.deepEqual(writes, [], 'New Session must not create anything by itself');
    });

    it('opens nothing when the agents cannot be listed, and passes the failure on', async () => {
      const seen: SeenByPickers = {};
      answerPickers(ctx.agent, ctx.environment, seen);
      await setFaults({ errors: [{ status: 403, count: 1, method: 'GET', path: '/v1/agents' }] });
      const before = vscode.workspace.textDocuments.length;
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('managedAgents.newSession');
      assert.equal(document, undefined);
      assert.match(String((seen.error as Error | undefined)?.message), /403|permission/i, 'the picker was not told the list failed');
      assert.equal(vscode.workspace.textDocuments.length, before, 'a buffer was opened');
    });

    it("offers an agent's versions newest first and pins the one picked in the body, which creates a session on that version", async () => {
      const agent = await agentWithVersions();
      const pinned = agent.version - 1;
      const seen: SeenByPickers = {};
      answerPickers(agent, ctx.environment, seen, { kind: 'pinned', version: pinned });
      const { result: document, writes } = await writesDuring(async () => vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.newSession'));
      assert.equal(seen.versionsOf?.id, agent.id, 'the version picker was not shown for the agent');
      assert.deepEqual(
        seen.versions?.map((version) => version.version),
        Array.from({ length: agent.version }, (_, index) => agent.version - index),
        'not every version, newest first',
      );
      assert.ok(document, 'no buffer was opened');
      assert.deepEqual(writes, [], 'New Session must not create anything by itself');
      const expected = createTemplate({ agentId: agent.id, agentName: agent.name, agentVersion: pinned, environmentId: ctx.environment.id, environmentName: ctx.environment.name });
      assert.equal(document.getText(), expected);
      assert.match(document.getText(), new RegExp(`^agent: \\{type: agent, id: ${agent.id}, version: ${pinned}\\}  # pinned to version ${pinned}\\b`, 'm'));

      // The body as it stands creates a session on that version. (Sent straight to the API: Create
      // Session from YAML would open the session's history over the buffer, and the next New Session's
      // buffer, named Untitled-1 again, then sometimes met this one's text.)
      const body = checkBody(document.getText());
      assert.deepEqual(body.problems, []);
      const session = await ctx.api.services.client.sessions.create(body.value as SessionCreateParams);
      created.push(session.id);
      assert.deepEqual([session.agent.id, session.agent.version], [agent.id, pinned]);
    });

    it('writes the latest-version body when Latest is picked', async () => {
      const agent = await agentWithVersions();
      const seen: SeenByPickers = {};
      answerPickers(agent, ctx.environment, seen, { kind: 'latest' });
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.newSession');
      assert.equal(seen.versionsOf?.id, agent.id, 'the version picker was not shown for the agent');
      assert.ok(document, 'no buffer was opened');
      assert.equal(document.getText(), createTemplate({ agentId: agent.id, agentName: agent.name, environmentId: ctx.environment.id, environmentName: ctx.environment.name }));
      assert.match(document.getText(), new RegExp(`^agent: ${agent.id}  # runs the latest version`, 'm'));
    });

    it('does not ask for a version when the agent has only one', async () => {
      const agents = await ctx.api.services.client.agents.list({ limit: 100 }).toArray();
      const agent = agents.find((candidate) => !candidate.archived_at && candidate.version === 1);
      assert.ok(agent, 'the API has no unarchived agent with a single version');
      const seen: SeenByPickers = {};
      answerPickers(agent, ctx.environment, seen, { kind: 'pinned', version: 1 });
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.newSession');
      assert.equal(seen.versionsOf, undefined, 'the version picker was shown');
      assert.equal(document?.getText(), createTemplate({ agentId: agent.id, agentName: agent.name, environmentId: ctx.environment.id, environmentName: ctx.environment.name }));
    });

    it('opens nothing when the person cancels the version picker', async () => {
      const agent = await agentWithVersions();
      const seen: SeenByPickers = {};
      answerPickers(agent, ctx.environment, seen, 'escape');
      const before = vscode.workspace.textDocuments.length;
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('managedAgents.newSession');
      assert.equal(seen.versionsOf?.id, agent.id, 'the version picker was not shown');
      assert.equal(document, undefined);
      assert.equal(seen.environments, undefined, 'the environment picker was shown after the cancel');
      assert.equal(vscode.workspace.textDocuments.length, before, 'a buffer was opened');
    });

    it('says so when the versions cannot be loaded, and still opens a latest-version body', async () => {
      const agent = await agentWithVersions();
      const seen: SeenByPickers = {};
      answerPickers(agent, ctx.environment, seen, { kind: 'latest' });
      await setFaults({ errors: [{ status: 403, count: 1, method: 'GET', path: `/v1/agents/${agent.id}/versions` }] });
      const shown: string[] = [];
      const watch = ctx.api.onDidShowMessage((message) => shown.push(message.text));
      try {
        const document = await vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.newSession');
        assert.match(String((seen.versionsError as Error | undefined)?.message), /403|permission/i, 'the picker was not told the load failed');
        assert.equal(document?.getText(), createTemplate({ agentId: agent.id, agentName: agent.name, environmentId: ctx.environment.id, environmentName: ctx.environment.name }));
        await waitFor('the failure to be reported', () => shown.find((text) => text.includes(`Could not load the versions of "${agent.name}"`)));
      } finally {
        watch.dispose();
      }
    });

    describe('the version picker itself (keyboard, in the browser)', () => {
      // Only a shown quick input (a hidden one keeps its last rows, display: none). A row's label and
      // its detail are both a .label-name.
      const rowTexts = () => browser.queryAll('.quick-input-widget:not([style*="display: none"]) .monaco-list-row .label-name', { timeout: 5_000 }).catch((): string[] => []);

      /** Runs New Session with the real version picker (the other two answered) and waits for every version to be offered. */
      async function openVersionPicker(agent: Agent): Promise<{ pending: Thenable<vscode.TextDocument | undefined>; texts: string[] }> {
        answerPickers(agent, ctx.environment);
        ctx.api.yaml.pickers.pickAgentVersion = (versions, of) => originalPickers.pickAgentVersion(versions, of);
        const pending = vscode.commands.executeCommand<vscode.TextDocument | undefined>('managedAgents.newSession');
        const texts = await waitFor('every version in the picker', async () => {
          const shown = await rowTexts();
          return shown.includes('v1') ? shown : undefined;
        });
        return { pending, texts };
      }

      it('offers Latest first, then the versions newest first; Down Down Enter pins the second newest', async function () {
        skipWithoutBridge(this);
        const agent = await agentWithVersions();
        const { pending, texts } = await openVersionPicker(agent);
        const labels = texts.filter((text) => /^(Latest \(v\d+\)|v\d+)$/.test(text));
        assert.deepEqual(labels, [`Latest (v${agent.version})`, ...Array.from({ length: agent.version }, (_, index) => `v${agent.version - index}`)]);
        // What each version changed is told under it: the oldest is the first, the newest changed something since the one before.
        assert.equal(texts[texts.indexOf('v1') + 1], 'The first version', JSON.stringify(texts));
        assert.match(texts[texts.indexOf(`v${agent.version}`) + 1], new RegExp(`^(Changed since|The same configuration as) v${agent.version - 1}\\b`), JSON.stringify(texts));
        await browser.press('ArrowDown');
        await browser.press('ArrowDown');
        await browser.press('Enter');
        const document = await pending;
        assert.equal(
          document?.getText(),
          createTemplate({ agentId: agent.id, agentName: agent.name, agentVersion: agent.version - 1, environmentId: ctx.environment.id, environmentName: ctx.environment.name }),
        );
      });

      it('offers Latest alone when the versions cannot be loaded, says so, and Enter takes it', async function () {
        skipWithoutBridge(this);
        const agent = await agentWithVersions();
        await setFaults({ errors: [{ status: 403, count: 1, method: 'GET', path: `/v1/agents/${agent.id}/versions` }] });
        answerPickers(agent, ctx.environment);
        ctx.api.yaml.pickers.pickAgentVersion = (versions, of) => originalPickers.pickAgentVersion(versions, of);
        const pending = vscode.commands.executeCommand<vscode.TextDocument | undefined>('managedAgents.newSession');
        const input = await waitFor('the picker to say the versions could not be loaded', async () => {
          const found = await browser.query('.quick-input-widget:not([style*="display: none"]) .quick-input-box input', { timeout: 5_000 }).catch(() => undefined);
          return found?.html.includes('could not be loaded') ? found : undefined;
        });
        assert.match(input.html, new RegExp(`The versions of &quot;${agent.name}&quot; could not be loaded`));
        assert.deepEqual(
          (await rowTexts()).filter((text) => /^(Latest \(v\d+\)|v\d+)$/.test(text)),
          [`Latest (v${agent.version})`],
        );
        await browser.press('Enter');
        const document = await pending;
        assert.equal(document?.getText(), createTemplate({ agentId: agent.id, agentName: agent.name, environmentId: ctx.environment.id, environmentName: ctx.environment.name }));
      });

      it('Escape closes it and opens nothing', async function () {
        skipWithoutBridge(this);
        const agent = await agentWithVersions();
        const before = vscode.workspace.textDocuments.length;
        const { pending } = await openVersionPicker(agent);
        await browser.press('Escape');
        assert.equal(await pending, undefined);
        assert.equal(vscode.workspace.textDocuments.length, before, 'a buffer was opened');
      });
    });

    it('stops when the person cancels the environment picker', async () => {
      answerPickers(ctx.agent, undefined);
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('managedAgents.newSession');
      assert.equal(document, undefined);
    });
  });

  describe('Create Session from YAML', () => {
    it('creates the session from the buffer exactly, reveals it in the sidebar and opens its history', async () => {
      const title = `${runTag} from a buffer`;
      const text = [
        '# managed-agents: create',
        `agent: ${ctx.agent.id}`,
        `environment_id: ${ctx.environment.id}`,
        `title: ${title}`,
        'metadata:',
        '  origin: yaml-integration',
        '  ticket: "42"',
        'initial_events:',
        '  - type: user.message',
        '    content:',
        '      - type: text',
        '        text: Hello from the YAML buffer',
        '',
      ].join('\n');
      const { document } = await openYaml(text);
      const version = document.version;
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.createSessionFromYaml', document.uri));
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.ok(outcome.status === 'sent');
      assert.deepEqual(writes.map((entry) => `${entry.method} ${entry.path} ${entry.status}`), ['POST /v1/sessions 200']);

      const session = await ctx.api.services.client.sessions.retrieve(outcome.sessionId);
      assert.equal(session.agent.id, ctx.agent.id);
      assert.equal(session.environment_id, ctx.environment.id);
      assert.equal(session.title, title);
      assert.deepEqual(session.metadata, { origin: 'yaml-integration', ticket: '42' });
      assert.deepEqual(messageTexts(await events(session.id)).slice(0, 1), ['Hello from the YAML buffer']);

      const sessions = ctx.api.sessions;
      await waitFor('the new session to be selected in the tree', () => sessions.view.treeView.selection.some((node) => node.kind === 'session' && node.sessionId === session.id));
      await waitFor('its history panel', () => ctx.api.history.get(session.id));
      assert.equal(document.getText(), text, 'the buffer changed');
      assert.equal(document.version, version, 'the buffer was edited');
    });

    it('creates from a .session.yaml file picked in the explorer, without opening it in an editor', async () => {
      const title = `${runTag} from a file`;
      const uri = writeBodyFile('create.session.yaml', { AGENT_ID: ctx.agent.id, ENVIRONMENT_ID: ctx.environment.id, TITLE: title }, `${runTag}.session.yaml`);
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.createSessionFromYaml', uri));
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.equal(writes.length, 1);
      assert.ok(outcome.status === 'sent');
      const session = await ctx.api.services.client.sessions.retrieve(outcome.sessionId);
      assert.equal(session.title, title);
      assert.deepEqual(session.metadata, { source: 'explorer' });
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'the file changed');
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
      assert.equal(document?.isDirty ?? false, false, 'the file was left with unsaved changes');
    });

    it('uses the active editor when no document is given', async () => {
      const { document } = await openYaml(`agent: ${ctx.agent.id}\nenvironment_id: ${ctx.environment.id}\ntitle: ${runTag} active editor\n`);
      const text = document.getText();
      const outcome = await run('managedAgents.createSessionFromYaml');
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.equal(document.getText(), text);
    });

    it('shows the API refusal and keeps the buffer when the API rejects the body', async () => {
      const text = `# managed-agents: create\nagent: agent_does_not_exist\nenvironment_id: ${ctx.environment.id}\ntitle: ${runTag} rejected\n`;
      const { document } = await openYaml(text);
      const version = document.version;
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.createSessionFromYaml', document.uri));
      assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
      assert.ok(outcome.status === 'failed');
      assert.match(outcome.message, /agent_does_not_exist|not found|agent/i, 'the API message is not passed on');
      assert.equal(writes.length, 1, 'one request, which the API refused');
      assert.ok(writes[0].status >= 400);
      assert.equal(document.getText(), text);
      assert.equal(document.version, version);
    });

    it('keeps the buffer when the server fails', async () => {
      const text = `agent: ${ctx.agent.id}\nenvironment_id: ${ctx.environment.id}\ntitle: ${runTag} server error\n`;
      const { document } = await openYaml(text);
      await setFaults({ errors: [{ status: 500, count: -1, method: 'POST', path: '/v1/sessions' }] });
      const outcome = await run('managedAgents.createSessionFromYaml', document.uri);
      assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
      assert.ok(outcome.status === 'failed');
      assert.match(outcome.message, /500|internal/i);
      assert.equal(document.getText(), text);
    });
  });

  describe('Send Events from YAML', () => {
    it('sends the events to the session named in the header', async () => {
      const session = await apiSession('send target');
      const text = sendTemplate({ sessionId: session.id, text: `${runTag} hello via YAML` });
      const { document } = await openYaml(text);
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.sendEventsFromYaml', document.uri));
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.deepEqual(writes.map((entry) => `${entry.method} ${entry.path} ${entry.status}`), [`POST /v1/sessions/${session.id}/events 200`]);
      await waitFor('the message in the session', async () => messageTexts(await events(session.id)).includes(`${runTag} hello via YAML`));
      assert.equal(document.getText(), text);

      // The editor title and the explorer pass extra arguments that name no session: the header still decides.
      for (const extra of [{ groupId: 1, editorIndex: 0 }, [document.uri]]) {
        const again = await writesDuring(() => run('managedAgents.sendEventsFromYaml', document.uri, extra));
        assert.equal(again.result.status, 'sent', JSON.stringify(again.result));
        assert.deepEqual(again.writes.map((entry) => entry.path), [`/v1/sessions/${session.id}/events`]);
      }
    });

    it('sends to the session selected in the sidebar when the header names none', async () => {
      const session = await apiSession('selected target');
      const sessions = ctx.api.sessions;
      await sessions.store.refresh();
      assert.equal(await sessions.view.revealSession(session.id, { select: true }), true);
      await waitFor('the row to be selected', () => sessions.view.treeView.selection.some((node) => node.kind === 'session' && node.sessionId === session.id));
      const { document } = await openYaml(`events:\n  - type: user.message\n    content: [{type: text, text: "${runTag} to the selection"}]\n`);
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.sendEventsFromYaml', document.uri));
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.ok(outcome.status === 'sent');
      assert.equal(outcome.sessionId, session.id);
      assert.deepEqual(writes.map((entry) => entry.path), [`/v1/sessions/${session.id}/events`]);
    });

    it('sends to the selected session while the hidden sidebar has not fetched its refreshed rows', async () => {
      const sessions = ctx.api.sessions;
      const session = await apiSession('selected, then the list changes');
      await sessions.store.refresh();
      assert.equal(await sessions.view.revealSession(session.id, { select: true }), true);
      await waitFor('the row to be selected', () => sessions.view.treeView.selection.some((node) => node.kind === 'session' && node.sessionId === session.id));
      // With the view hidden, a refresh that adds a row re-reads the top level only when the view
      // shows again; until then the tree's own selection list has nothing to map the row to.
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor('the Sessions view to be hidden', () => !sessions.view.treeView.visible);
      await apiSession('added while the view is hidden');
      await sessions.store.refresh();
      let asked = false;
      sessions.dialogs.pickSession = async () => ((asked = true), undefined);
      try {
        const { document } = await openYaml(`events:\n  - type: user.message\n    content: [{type: text, text: "${runTag} to the kept selection"}]\n`);
        const { result: outcome, writes } = await writesDuring(() => run('managedAgents.sendEventsFromYaml', document.uri));
        assert.equal(asked, false, 'asked which session although one was selected');
        assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
        assert.deepEqual(writes.map((entry) => entry.path), [`/v1/sessions/${session.id}/events`]);
      } finally {
        Object.assign(sessions.dialogs, originalDialogs);
        await vscode.commands.executeCommand('workbench.view.extension.managedAgents');
      }
    });

    it('asks which session when neither the header nor the sidebar names one; dismissing sends nothing', async () => {
      const sessions = ctx.api.sessions;
      // Select a row, then make it disappear, so the sidebar has no selection left.
      const gone = await apiSession('selected, then deleted');
      await sessions.store.refresh();
      await sessions.view.revealSession(gone.id, { select: true });
      await ctx.api.services.client.sessions.delete(gone.id);
      await sessions.store.refresh();
      await waitFor('the sidebar selection to clear', () => !sessions.view.treeView.selection.some((node) => node.kind === 'session'));

      const session = await apiSession('picked target');
      await sessions.store.refresh();
      const { document } = await openYaml('events:\n  - type: user.interrupt\n');
      let offered: string[] = [];
      sessions.dialogs.pickSession = async (entries) => {
        offered = entries.map((entry) => entry.session.id);
        return entries.find((entry) => entry.session.id === session.id);
      };
      const { result: picked, writes } = await writesDuring(() => run('managedAgents.sendEventsFromYaml', document.uri));
      assert.equal(picked.status, 'sent', JSON.stringify(picked));
      assert.ok(offered.includes(session.id), 'the pick did not offer the session');
      assert.deepEqual(writes.map((entry) => entry.path), [`/v1/sessions/${session.id}/events`]);

      sessions.dialogs.pickSession = async () => undefined;
      const dismissed = await writesDuring(() => run('managedAgents.sendEventsFromYaml', document.uri));
      assert.equal(dismissed.result.status, 'cancelled');
      assert.deepEqual(dismissed.writes, []);
    });

    it('shows the API refusal and keeps the buffer when the session cannot take events', async () => {
      const session = await apiSession('terminated target');
      await setStatus(session.id, { status: 'terminated' });
      const text = sendTemplate({ sessionId: session.id, text: 'too late' });
      const { document } = await openYaml(text);
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.sendEventsFromYaml', document.uri));
      assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
      assert.equal(writes.length, 1);
      assert.equal(writes[0].status, 400);
      assert.equal(document.getText(), text);
    });

    it('sends a .events.yaml file from the explorer', async () => {
      const session = await apiSession('file target');
      const uri = writeBodyFile('send.events.yaml', { SESSION_ID: session.id, TEXT: `${runTag} from a file` }, `${runTag}.events.yaml`);
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      const outcome = await run('managedAgents.sendEventsFromYaml', uri);
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      await waitFor('the message in the session', async () => messageTexts(await events(session.id)).includes(`${runTag} from a file`));
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk);
    });
  });

  describe('Update Session and Apply Session Update', () => {
    it('opens the current fields, then sends only what was changed (a running session keeps its agent)', async () => {
      const session = await apiSession('to update', { metadata: { team: 'infra' } });
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.updateSession', session.id);
      assert.ok(document);
      assert.equal(document.languageId, 'yaml');
      const text = document.getText();
      assert.match(text, new RegExp(`^# managed-agents: update ${session.id}$`, 'm'));
      assert.match(text, /^title: /m);
      assert.match(text, /^ {2}team: infra$/m);
      assert.match(text, /^agent:$/m, 'the agent tools are shown');

      // The API refuses agent changes while running: the update only succeeds if `agent` is left out.
      await setStatus(session.id, { status: 'running' });
      const editor = await vscode.window.showTextDocument(document);
      const titleLine = text.split('\n').findIndex((line) => line.startsWith('title: '));
      await editor.edit((edit) => edit.replace(document.lineAt(titleLine).range, `title: ${runTag} renamed`));
      const edited = document.getText();
      const version = document.version;
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.applySessionUpdate', document.uri));
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.deepEqual(writes.map((entry) => `${entry.path} ${entry.status}`), [`/v1/sessions/${session.id} 200`]);
      const after = await ctx.api.services.client.sessions.retrieve(session.id);
      assert.equal(after.title, `${runTag} renamed`);
      assert.deepEqual(after.metadata, { team: 'infra' });
      assert.equal(document.getText(), edited);
      assert.equal(document.version, version);

      const again = await writesDuring(() => run('managedAgents.applySessionUpdate', document.uri));
      assert.equal(again.result.status, 'unchanged');
      assert.deepEqual(again.writes, [], 'an unchanged buffer sent a request');
    });

    it('replaces a whole list and patches metadata', async () => {
      const session = await apiSession('tools', { metadata: { keep: 'yes', drop: 'soon' } });
      const sessions = ctx.api.sessions;
      await sessions.store.refresh();
      const node = sessions.view.tree.nodeForSession(session.id);
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.updateSession', node ?? session.id);
      assert.ok(document);
      const editor = await vscode.window.showTextDocument(document);
      const lines = document.getText().split('\n');
      const tools = lines.findIndex((line) => line.startsWith('  tools:'));
      const mcp = lines.findIndex((line) => line.startsWith('  mcp_servers:'));
      const drop = lines.findIndex((line) => line.startsWith('  drop:'));
      assert.ok(tools > 0 && mcp > tools && drop > 0, document.getText());
      await editor.edit((edit) => {
        edit.replace(new vscode.Range(tools, 0, mcp, 0), '  tools:\n    - type: agent_toolset_20260401\n      default_config: {enabled: false}\n');
        edit.replace(document.lineAt(drop).range, '  drop: null');
      });
      const outcome = await run('managedAgents.applySessionUpdate', document.uri);
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      const after = await ctx.api.services.client.sessions.retrieve(session.id);
      assert.deepEqual(after.metadata, { keep: 'yes' });
      assert.equal(after.agent.tools.length, 1);
      assert.equal((after.agent.tools[0] as { default_config?: { enabled?: boolean } }).default_config?.enabled, false);
      assert.deepEqual(after.agent.mcp_servers, session.agent.mcp_servers, 'the untouched list was kept');
    });

    it('applies a saved .update.yaml against the session as it is now', async () => {
      const session = await apiSession('file update');
      const uri = writeBodyFile('update.update.yaml', { SESSION_ID: session.id, TITLE: `${runTag} from a file` }, `${runTag}.update.yaml`);
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.applySessionUpdate', uri));
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.deepEqual(writes.map((entry) => entry.path), [`/v1/sessions/${session.id}`]);
      assert.equal((await ctx.api.services.client.sessions.retrieve(session.id)).title, `${runTag} from a file`);
    });

    it('shows the API refusal and keeps the buffer when the session cannot be updated', async () => {
      const session = await apiSession('archived');
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('managedAgents.updateSession', session.id);
      assert.ok(document);
      await ctx.api.services.client.sessions.archive(session.id);
      const editor = await vscode.window.showTextDocument(document);
      const titleLine = document.getText().split('\n').findIndex((line) => line.startsWith('title: '));
      await editor.edit((edit) => edit.replace(document.lineAt(titleLine).range, 'title: not allowed'));
      const text = document.getText();
      const { result: outcome, writes } = await writesDuring(() => run('managedAgents.applySessionUpdate', document.uri));
      assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
      assert.equal(writes.length, 1);
      assert.equal(writes[0].status, 400);
      assert.equal(document.getText(), text);
    });
  });
});
