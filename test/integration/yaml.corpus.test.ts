// Bad buffers are refused before anything is sent: every buffer of the unit corpus
// (test/unit/yaml/corpus.ts), and the bad files under fixtures/yaml/bad sent from the explorer,
// goes through the command for its kind. Each must come back 'invalid', name its first error with
// line:column, show that error in the Problems view, leave the text as it was, and cause no
// create / update / send request at the simulator.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkBody, type BodyKind } from '../../src/yaml/bodies';
import { kindFromFileName } from '../../src/yaml/editor/fileNames';
import type { YamlCommandOutcome } from '../../src/yaml/editor/bodyCommands';
import { BAD_BUFFERS } from '../unit/yaml/corpus';
import { closeAllEditors, closeDocument, FIXTURE_DIR, openYaml, writeBodyFile, writes, yamlTestContext } from './fixtures/yaml/harness';
import { requestLog } from './helpers/simulator';
import { waitFor } from './helpers/wait';

const COMMAND_FOR_KIND: Record<BodyKind, string> = {
  create: 'managedAgents.createSessionFromYaml',
  send: 'managedAgents.sendEventsFromYaml',
  update: 'managedAgents.applySessionUpdate',
};

/** The kind a person would send the buffer as: its header, else the corpus' kind, else its fields. */
function kindFor(text: string, given: BodyKind | undefined): BodyKind {
  return checkBody(text).header?.kind ?? given ?? checkBody(text).kind ?? 'create';
}

function firstError(text: string, kind: BodyKind) {
  const check = checkBody(text, kind);
  const declared = check.header?.kind;
  if (declared && declared !== kind) return { range: check.header!.range, message: `this buffer is a ${declared} body` };
  const error = check.problems.find((problem) => problem.severity === 'error');
  assert.ok(error, 'the corpus buffer has no error');
  return error;
}

async function expectRefused(document: vscode.TextDocument, kind: BodyKind): Promise<void> {
  const text = document.getText();
  const version = document.version;
  const before = (await requestLog()).length;
  const outcome = await vscode.commands.executeCommand<YamlCommandOutcome>(COMMAND_FOR_KIND[kind], document.uri);
  const sent = writes((await requestLog()).slice(before));
  assert.deepEqual(sent, [], 'a request was sent for a bad buffer');
  assert.equal(outcome.status, 'invalid', JSON.stringify(outcome));
  assert.ok(outcome.status === 'invalid');
  const expected = firstError(text, kind);
  const at = `${expected.range.line + 1}:${expected.range.character + 1}`;
  assert.ok(outcome.message.includes(`:${at} `), `"${outcome.message}" does not name ${at}`);
  assert.ok(outcome.message.includes(expected.message), `"${outcome.message}" does not quote "${expected.message}"`);
  assert.deepEqual(outcome.problem.range, expected.range);
  assert.equal(document.getText(), text, 'the buffer changed');
  assert.equal(document.version, version, 'the buffer was edited');
  const shown = await waitFor('the error in the Problems view', () => {
    const diagnostics = vscode.languages.getDiagnostics(document.uri);
    return diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === expected.range.line) && diagnostics;
  });
  assert.ok(shown.length > 0);
}

describe('YAML bad buffers', function () {
  this.timeout(120_000);

  before(async () => {
    await yamlTestContext();
  });
  after(closeAllEditors);

  it('the corpus has at least 30 bad buffers', () => {
    assert.ok(BAD_BUFFERS.length >= 30, `only ${BAD_BUFFERS.length}`);
  });

  describe('in an editor', () => {
    for (const entry of BAD_BUFFERS) {
      it(`refuses: ${entry.name}`, async () => {
        const { document } = await openYaml(entry.text);
        try {
          await expectRefused(document, kindFor(entry.text, entry.kind));
        } finally {
          await closeDocument(document);
        }
      });
    }
  });

  describe('from the explorer', () => {
    const files = fs.readdirSync(path.join(FIXTURE_DIR, 'bad')).filter((name) => /\.ya?ml$/.test(name));
    it('has bad files for every kind', () => {
      assert.deepEqual([...new Set(files.map((name) => kindFromFileName(name)))].sort(), ['create', 'send', 'update']);
    });
    for (const name of files) {
      it(`refuses: bad/${name}`, async () => {
        const uri = writeBodyFile(`bad/${name}`, {}, `bad-${Date.now().toString(36)}-${name}`);
        const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
        const document = await vscode.workspace.openTextDocument(uri);
        await expectRefused(document, kindFromFileName(name)!);
        assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'the file changed');
      });
    }
  });
});
