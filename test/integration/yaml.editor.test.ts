// The YAML editor support in a real extension host: diagnostics while typing at the ranges the
// checker located (and only for our bodies), cleared on close; CodeLens titles; completion of
// agents, environments and event types; the "did you mean" quick fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Session } from '../../src/api';
import { createTemplate, updateTemplate } from '../../src/yaml/bodies';
import { sendTemplate } from '../unit/yaml/sendBody';
import type { YamlCommandOutcome } from '../../src/yaml/editor/bodyCommands';
import { bigCreateBody } from '../unit/yaml/bigBody';
import {
  closeAllEditors,
  closeDocument,
  diagnosticsOf,
  FIXTURE_DIR,
  newApiSession,
  openYaml,
  waitForDiagnostics,
  writeBodyFile,
  writesDuring,
  yamlTestContext,
  type YamlTestContext,
} from './fixtures/yaml/harness';
import { requestLog } from './helpers/simulator';
import { delay, waitFor } from './helpers/wait';

const runTag = `yaml-ed-${Date.now().toString(36)}`;
let ctx: YamlTestContext;
const created: Session[] = [];

/** The titles of the resolved lenses (sorted: the API command returns resolved ones in completion order). */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  return waitFor('resolved CodeLenses', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    return titles.every(Boolean) ? titles.sort() : false;
  });
}

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

/** Ours: word-based suggestions (plain string labels) may hold the same ids, taken from other open buffers. */
const isOurs = (item: vscode.CompletionItem): boolean => typeof item.label !== 'string';

/** Our items; completion asks again while the API list is loading (an incomplete, empty answer), as typing would. */
async function completionIncluding(uri: vscode.Uri, position: vscode.Position, label: string): Promise<vscode.CompletionItem[]> {
  const logStart = (await requestLog()).length;
  let seen: string[] = [];
  try {
    return await waitFor(`${label} among the completions`, async () => {
      const all = await completionLabels(uri, position);
      seen = all.map((item) => `${labelOf(item)}${isOurs(item) ? '' : ' (words)'}`);
      const items = all.filter(isOurs);
      return items.some((item) => labelOf(item) === label) ? items : false;
    });
  } catch (error) {
    // Say what was offered, what the buffer held and what reached the server, so a failure explains itself.
    const text = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.getText();
    const lists = (await requestLog()).slice(logStart).filter((entry) => !entry.path.startsWith('/v1/sessions'));
    throw new Error(`${(error as Error).message}; offered: [${seen.join(', ')}]; buffer: ${JSON.stringify(text)}; list requests: ${lists.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join('; ') || 'none'}`, { cause: error });
  }
}

const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

/** Types text at the end of a line, one character at a time, as a person would. */
async function typeAt(editor: vscode.TextEditor, position: vscode.Position, text: string): Promise<void> {
  let at = position;
  for (const char of text) {
    await editor.edit((edit) => edit.insert(at, char), { undoStopBefore: false, undoStopAfter: false });
    at = char === '\n' ? new vscode.Position(at.line + 1, 0) : at.translate(0, 1);
  }
}

describe('YAML editor', function () {
  this.timeout(60_000);

  before(async () => {
    ctx = await yamlTestContext();
  });
  afterEach(closeAllEditors);
  after(async () => {
    for (const session of created) await ctx.api.services.client.sessions.delete(session.id).catch(() => undefined);
  });

  describe('diagnostics', () => {
    it('appear at the located line and column while typing, and go when fixed', async () => {
      const { document, editor } = await openYaml(`# managed-agents: create\nagent: ${ctx.agent.id}\n`);
      await waitForDiagnostics(document.uri, 'the missing environment_id', (lines) => lines.some((line) => /environment_id/.test(line)));
      await typeAt(editor, new vscode.Position(2, 0), 'enviroment_id: env_1\n');
      // Intermediate states may be checked while typing (a key without its colon yet): wait for the last one.
      const isTypo = (line: string) => line.startsWith('2:0-2:13 ') && /enviroment_id/.test(line);
      const lines = await waitForDiagnostics(document.uri, 'the typo to be reported', (found) => found.some(isTypo));
      assert.match(lines.find(isTypo)!, /did you mean `environment_id`/);
      const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => d.range.start.line === 2)!;
      assert.equal(diagnostic.source, 'Managed Agents');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic.code, 'unknown-field');

      await editor.edit((edit) => edit.replace(new vscode.Range(2, 0, 2, 13), 'environment_id'));
      await waitForDiagnostics(document.uri, 'the problems to clear', (found) => found.length === 0);
    });

    it('report a syntax error on the line being typed', async () => {
      const { document, editor } = await openYaml(`agent: ${ctx.agent.id}\nenvironment_id: ${ctx.environment.id}\n`);
      await typeAt(editor, new vscode.Position(2, 0), 'title: "unclosed');
      const lines = await waitForDiagnostics(document.uri, 'the unclosed quote', (found) => found.some((line) => line.startsWith('2:7-')));
      assert.match(lines.find((line) => line.startsWith('2:7-'))!, /unclosed quote/);
    });

    it('are debounced: none while keys arrive faster than 200 ms, then the final state', async () => {
      const { document, editor } = await openYaml('# managed-agents: send sesn_x\nevents:\n  - type: user.interrupt\n');
      await waitForDiagnostics(document.uri, 'the first check', (found) => found.length === 0);
      const before = diagnosticsOf(document.uri);
      await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), '  - type: user.interupt\n'));
      await delay(50);
      assert.deepEqual(diagnosticsOf(document.uri), before, 'checked before the debounce delay');
      await waitForDiagnostics(document.uri, 'the bad event type', (found) => found.some((line) => line.startsWith('3:10-3:23 ')));
    });

    it('are cleared when the buffer closes', async () => {
      const { document } = await openYaml('# managed-agents: create\ntitle: 3\n');
      await waitForDiagnostics(document.uri, 'some problems', (found) => found.length > 0);
      await closeDocument(document);
      await waitForDiagnostics(document.uri, 'the problems to be cleared', (found) => found.length === 0);
    });

    it('leave other YAML alone, and follow the file-name convention without a header', async () => {
      const other = await vscode.workspace.openTextDocument(vscode.Uri.file(`${FIXTURE_DIR}/ci-workflow.yaml`));
      await vscode.window.showTextDocument(other);
      await delay(400);
      assert.deepEqual(diagnosticsOf(other.uri), []);
      assert.deepEqual(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', other.uri), []);

      const uri = writeBodyFile('bad/create-field.update.yaml', {}, `${runTag}.update.yaml`);
      const named = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(named);
      const lines = await waitForDiagnostics(uri, 'the create-only field', (found) => found.some((line) => line.startsWith('1:0-1:14 ')));
      assert.match(lines.join('\n'), /environment_id/);
    });
  });

  describe('CodeLens', () => {
    it('offers "Create session" and "Validate" on a create body, and counts problems', async () => {
      const { document, editor } = await openYaml(createTemplate({ agentId: ctx.agent.id, environmentId: ctx.environment.id }));
      assert.deepEqual(await lensTitles(document.uri), ['$(check) Validate', '$(play) Create session']);
      await editor.edit((edit) => edit.insert(new vscode.Position(document.lineCount - 1, 0), 'titel: x\nbudget: 3\n'));
      await waitFor('the problem count', async () => (await lensTitles(document.uri)).includes('$(error) 2 problems'));
      const lens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10)).find((candidate) => candidate.command?.command === 'managedAgents.createSessionFromYaml');
      assert.ok(lens?.command, 'no Create session lens');
      assert.equal(String(lens.command?.arguments?.[0]), document.uri.toString());
      assert.equal(lens.range.start.line, 0, 'the lens is not at the header');
    });

    it('names the target session by its title on send and update bodies', async () => {
      const session = await newApiSession(ctx, `${runTag} lens target`);
      created.push(session);
      const send = await openYaml(sendTemplate({ sessionId: session.id }));
      assert.deepEqual(await lensTitles(send.document.uri), ['$(check) Validate', `$(send) Send to ${runTag} lens target`]);
      const update = await openYaml(updateTemplate(session));
      assert.deepEqual(await lensTitles(update.document.uri), ['$(check) Validate', `$(cloud-upload) Apply update to ${runTag} lens target`]);
      const missing = await openYaml('# managed-agents: send sesn_0000missing\nevents:\n  - type: user.interrupt\n');
      assert.deepEqual(await lensTitles(missing.document.uri), ['$(check) Validate', '$(send) Send to sesn_0000missing (not found)']);
      const headless = await openYaml('events:\n  - type: user.interrupt\n');
      assert.deepEqual(await lensTitles(headless.document.uri), ['$(check) Validate', '$(send) Send to a session…']);
    });
  });

  describe('completion', () => {
    it('offers the API agents for `agent:` with name and description', async () => {
      const { document } = await openYaml('# managed-agents: create\nagent: \n');
      const items = await completionIncluding(document.uri, new vscode.Position(1, 7), ctx.agent.id);
      const item = items.find((candidate) => labelOf(candidate) === ctx.agent.id);
      assert.ok(item, `no ${ctx.agent.id} in ${items.map(labelOf).join(', ')}`);
      assert.match(String(item.detail), new RegExp(ctx.agent.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal((item.label as vscode.CompletionItemLabel).description, ctx.agent.name);
      const agents = await ctx.api.services.client.agents.list({ limit: 100 }).toArray();
      for (const archived of agents.filter((agent) => agent.archived_at)) assert.ok(!items.some((candidate) => labelOf(candidate) === archived.id), `archived ${archived.id} offered`);
    });

    it('offers the API environments for `environment_id:`, replacing what is typed', async () => {
      const { document } = await openYaml(`agent: ${ctx.agent.id}\nenvironment_id: env\n`);
      const items = await completionIncluding(document.uri, new vscode.Position(1, 19), ctx.environment.id);
      const item = items.find((candidate) => labelOf(candidate) === ctx.environment.id);
      assert.ok(item, `no ${ctx.environment.id} in ${items.map(labelOf).join(', ')}`);
      const range = item.range as vscode.Range;
      assert.deepEqual([range.start.line, range.start.character, range.end.character], [1, 16, 19]);
    });

    it('offers sendable event types in `events:` and creation events in `initial_events:`', async () => {
      const send = await openYaml('# managed-agents: send sesn_x\nevents:\n  - type: \n');
      const sendTypes = (await completionLabels(send.document.uri, new vscode.Position(2, 10))).map(labelOf);
      for (const type of ['user.message', 'user.interrupt', 'user.tool_confirmation', 'user.custom_tool_result', 'user.define_outcome', 'system.message']) {
        assert.ok(sendTypes.includes(type), `${type} missing from ${sendTypes.join(', ')}`);
      }
      assert.ok(!sendTypes.includes('agent.message'), 'agent events cannot be sent');

      const create = await openYaml(`agent: ${ctx.agent.id}\nenvironment_id: ${ctx.environment.id}\ninitial_events:\n  - content: []\n    type: \n`);
      const initialTypes = (await completionLabels(create.document.uri, new vscode.Position(4, 10))).map(labelOf).filter((label) => label.includes('.'));
      assert.deepEqual(initialTypes.sort(), ['user.define_outcome', 'user.message']);
    });

    it('offers nothing from us in YAML that is not a body', async () => {
      const other = await openYaml('services:\n  web:\n    agent: \n');
      // Word-based suggestions from other open buffers may include the id; ours carry the agent's name.
      const items = await completionLabels(other.document.uri, new vscode.Position(2, 11));
      assert.ok(!items.some((item) => isOurs(item) && (item.label as vscode.CompletionItemLabel).description === ctx.agent.name), 'agents offered in a non-body');
    });
  });

  describe('quick fixes', () => {
    it('replace a misspelt field with the suggestion', async () => {
      const { document } = await openYaml(`agent: ${ctx.agent.id}\nenviroment_id: ${ctx.environment.id}\n`);
      await waitForDiagnostics(document.uri, 'the typo', (found) => found.some((line) => line.startsWith('1:0-1:13 ')));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(1, 2, 1, 2));
      const fix = actions.find((action) => action.title === 'Change to `environment_id`');
      assert.ok(fix?.edit, `no quick fix among ${actions.map((action) => action.title).join(', ')}`);
      await vscode.workspace.applyEdit(fix.edit);
      assert.equal(document.lineAt(1).text, `environment_id: ${ctx.environment.id}`);
      await waitForDiagnostics(document.uri, 'no problems', (found) => found.length === 0);
    });

    it('fix a misspelt header kind, keeping the session id', async () => {
      const { document } = await openYaml('# managed-agents: udpate sesn_abc\ntitle: x\n');
      await waitForDiagnostics(document.uri, 'the header problem', (found) => found.some((line) => line.startsWith('0:0-')));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 20, 0, 20));
      const fix = actions.find((action) => action.title === 'Change to `update`');
      assert.ok(fix?.edit);
      await vscode.workspace.applyEdit(fix.edit);
      assert.equal(document.lineAt(0).text, '# managed-agents: update sesn_abc');
    });
  });

  describe('big bodies', () => {
    const config = () => vscode.workspace.getConfiguration('managedAgents');
    afterEach(() => config().update('yaml.maxLiveCheckKB', undefined, vscode.ConfigurationTarget.Global));

    it('check each version once, after typing stops; CodeLens, completion and the editor title read that one result', async () => {
      const diagnostics = ctx.api.yaml.diagnostics;
      const other = await openYaml('# another buffer\n');
      const { document, editor } = await openYaml(`agent: ${ctx.agent.id}\nenvironment_id: ${ctx.environment.id}\ntitle: x\n`);
      await waitForDiagnostics(document.uri, 'the first check', (found) => found.length === 0);
      const before = diagnostics.checks;
      await typeAt(editor, new vscode.Position(2, 8), 'yz typed fast');
      await waitFor('the check after typing', () => diagnostics.checks > before && diagnostics.latest(document)?.parsed.text === document.getText(), { timeout: 5_000 });
      // Long enough for a check the debounce might still owe (200 ms for a body this size).
      await delay(600);
      const afterTyping = diagnostics.checks;
      assert.ok(afterTyping - before <= 3, `${afterTyping - before} checks for ${'yz typed fast'.length} keystrokes`);
      await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri, 10);
      await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 7));
      await vscode.window.showTextDocument(other.document);
      await vscode.window.showTextDocument(document);
      for (let i = 0; i < 5; i++) diagnostics.check(document);
      assert.equal(diagnostics.checks, afterTyping, 'this version was not checked (parsed) again');
    });

    it('over the size limit: one informational note while typing, the whole body checked by Validate and when run', async () => {
      // The limit is a setting: a lower one keeps this quick (the benchmark types into 2 MB under the default).
      await config().update('yaml.maxLiveCheckKB', 64, vscode.ConfigurationTarget.Global);
      const text = bigCreateBody(200 * 1024);
      const { document, editor } = await openYaml(text);
      const note = /^0:0-0:24 not checked while you type: this body is 200 KB, over the 64 KB limit \("managedAgents\.yaml\.maxLiveCheckKB"\)\./;
      await waitForDiagnostics(document.uri, 'the note', (found) => found.length === 1 && note.test(found[0]));
      assert.equal(vscode.languages.getDiagnostics(document.uri)[0].severity, vscode.DiagnosticSeverity.Information);
      await typeAt(editor, new vscode.Position(document.lineCount - 1, 0), '# typed');
      await delay(600);
      const lines = diagnosticsOf(document.uri);
      assert.ok(lines.length === 1 && /^0:0-0:24 not checked while you type: this body is 200 KB/.test(lines[0]), `still the one note: ${lines.join('\n')}`);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
      assert.ok(lenses.some((lens) => lens.command?.title === '$(play) Create session'), 'still a create body to CodeLens');

      const problems = await vscode.commands.executeCommand<{ message: string; severity: string }[]>('managedAgents.validateYamlBody', document.uri);
      assert.ok(problems?.some((problem) => problem.severity === 'error' && /`initial_events` has \d+ items; at most 50 are allowed/.test(problem.message)), JSON.stringify(problems?.slice(0, 3)));
      await waitForDiagnostics(document.uri, 'the full check in the Problems view', (found) => found.some((line) => /at most 50 are allowed/.test(line)));
      const { result, writes: sent } = await writesDuring(async () => vscode.commands.executeCommand<YamlCommandOutcome>('managedAgents.createSessionFromYaml', document.uri));
      assert.equal(result.status, 'invalid');
      assert.ok(result.status === 'invalid' && /at most 50 are allowed/.test(result.message), JSON.stringify(result));
      assert.deepEqual(sent, [], 'nothing was sent');

      // A higher limit: the same body is checked while typing.
      await config().update('yaml.maxLiveCheckKB', 1024, vscode.ConfigurationTarget.Global);
      await waitForDiagnostics(document.uri, 'the live check under the higher limit', (found) => found.some((line) => /at most 50 are allowed/.test(line)) && !found.some((line) => /not checked while you type/.test(line)), 10_000);
    });
  });

  it('Validate returns the problems and shows them, also for YAML not recognised as a body', async () => {
    const { document } = await openYaml('title: 3\nbudget: {}\n');
    const problems = await vscode.commands.executeCommand<{ severity: string; range: { line: number } }[]>('managedAgents.validateYamlBody', document.uri);
    assert.ok(problems && problems.some((problem) => problem.severity === 'error' && problem.range.line === 0), JSON.stringify(problems));
    await waitForDiagnostics(document.uri, 'the problems in the Problems view', (found) => found.some((line) => line.startsWith('0:')));
    const valid = await openYaml(`agent: ${ctx.agent.id}\nenvironment_id: ${ctx.environment.id}\n`);
    assert.deepEqual(await vscode.commands.executeCommand('managedAgents.validateYamlBody', valid.document.uri), []);
  });

  it('contributes yamlValidation for the file-name convention, pointing at schemas that exist', () => {
    const extension = vscode.extensions.getExtension('managed-agents-tools.managed-agents')!;
    const entries = extension.packageJSON.contributes.yamlValidation as { fileMatch: string[]; url: string }[];
    const matches = entries.flatMap((entry) => entry.fileMatch).sort();
    assert.deepEqual(matches, ['*.events.yaml', '*.events.yml', '*.session.yaml', '*.session.yml', '*.update.yaml', '*.update.yml']);
    for (const entry of entries) assert.ok(fs.existsSync(vscode.Uri.joinPath(extension.extensionUri, entry.url).fsPath), entry.url);
  });
});
