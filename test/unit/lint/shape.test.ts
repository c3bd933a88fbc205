// `npm run lint` keeps the shape of src/ with dependency-cruiser and the code with ESLint. These tests
// plant a breach of each rule and check that the tools, with the project's own configuration, fail on
// it: a rule that cannot fail would let the shape drift unnoticed.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const run = promisify(execFile);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Cruises a tree of `files` (path -> text) laid out like the repository, with the project's rules. */
async function cruise(files: Record<string, string>): Promise<Violation[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-shape-'));
  try {
    const tree: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true }, include: ['src/**/*.ts'] }),
      ...files,
    };
    for (const [file, text] of Object.entries(tree)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const cli = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const config = path.join(ROOT, '.dependency-cruiser.cjs');
    // The CLI exits non-zero when it finds violations; its JSON report is on stdout either way.
    const output = await run(process.execPath, [cli, '--config', config, '--output-type', 'json', 'src'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).then(
      (result) => result.stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    const report = JSON.parse(output) as { summary: { violations: Violation[] } };
    return report.summary.violations;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function rulesBroken(violations: Violation[]): string[] {
  return [...new Set(violations.map((violation) => violation.rule.name))].sort();
}

describe('the shape of src/ (dependency-cruiser)', function () {
  this.timeout(60_000);

  it('accepts a tree that keeps every rule', async () => {
    const violations = await cruise({
      'src/api/client.ts': "import { get } from 'node:http';\nexport const client = get;\n",
      'src/api/resources/sessions/types.ts': 'export interface Session { id: string }\n',
      'src/api/resources/shared.ts': 'export interface Page { data: unknown[] }\n',
      'src/webview/main.ts':
        "import type { Session } from '../api/resources/sessions/types';\nimport type { Page } from '../api/resources/shared';\nimport { draw } from './draw';\nexport const shown: Session[] = [];\nexport let page: Page | undefined;\ndraw();\n",
      'src/webview/draw.ts': 'export function draw(): void {}\n',
      'src/history/panel.ts': "import { client } from '../api/client';\nimport type { Session } from '../api/resources/sessions/types';\nexport const open = (s: Session) => client;\n",
    });
    assert.deepEqual(violations, []);
  });

  it('fails on an import cycle, a type-only one too', async () => {
    const violations = await cruise({
      'src/sessions/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/sessions/b.ts': "import type { A } from './c';\nexport const b = (x: A) => x;\n",
      'src/sessions/c.ts': "import { b } from './b';\nexport type A = typeof b;\n",
    });
    assert.deepEqual(rulesBroken(violations), ['no-cycles']);
  });

  it('fails when src/api imports vscode', async () => {
    const violations = await cruise({ 'src/api/client.ts': "import * as vscode from 'vscode';\nexport const window = vscode.window;\n" });
    assert.ok(rulesBroken(violations).includes('api-without-vscode'), JSON.stringify(violations));
  });

  it('fails when src/api imports the editor side', async () => {
    const violations = await cruise({
      'src/api/errors.ts': "import { advice } from '../shared/errors';\nexport const message = advice;\n",
      'src/shared/errors.ts': "export const advice = 'Check the setting';\n",
    });
    assert.deepEqual(rulesBroken(violations), ['api-without-the-editor']);
  });

  it('fails when the webview imports host code, or takes its types from the host', async () => {
    const code = await cruise({
      'src/webview/main.ts': "import { Transcript } from '../history/transcript';\nexport const t = new Transcript();\n",
      'src/history/transcript.ts': 'export class Transcript {}\n',
    });
    assert.deepEqual(rulesBroken(code), ['webview-without-the-host']);
    const types = await cruise({
      'src/webview/main.ts': "import type { Transcript } from '../history/transcript';\nexport let t: Transcript | undefined;\n",
      'src/history/transcript.ts': 'export class Transcript {}\n',
    });
    assert.deepEqual(rulesBroken(types), ['webview-types-from-the-api-only']);
    // Types, but from a module of the API that holds code: the bundle could pull the client in.
    const clientTypes = await cruise({
      'src/webview/main.ts': "import type { Client } from '../api/client';\nexport let c: Client | undefined;\n",
      'src/api/client.ts': 'export class Client {}\n',
    });
    assert.deepEqual(rulesBroken(clientTypes), ['webview-types-from-the-api-only']);
  });

  it('fails when the webview imports vscode', async () => {
    const violations = await cruise({ 'src/webview/main.ts': "import * as vscode from 'vscode';\nexport const w = vscode.window;\n" });
    assert.ok(rulesBroken(violations).includes('webview-without-vscode'), JSON.stringify(violations));
  });
});

describe('the code of src/ (ESLint with typescript-eslint, type-checked)', function () {
  this.timeout(120_000);

  it('fails on a promise nobody awaits, with the project configuration', async () => {
    // The planted text is not on disk. With CI=true (or run from the eslint binary) typescript-eslint
    // infers a one-shot run and builds its program from the files on disk, so it would type-check the
    // real log.ts and find nothing; a long-lived linter, like this one or an editor's, reads the text.
    const eslint = new ESLint({ cwd: ROOT, overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } } });
    // A real file's place in the project (its tsconfig), with planted text.
    const [result] = await eslint.lintText("export async function save(): Promise<void> {}\nexport function later(): void {\n  save();\n}\n", {
      filePath: path.join(ROOT, 'src', 'shared', 'log.ts'),
    });
    assert.ok(result, 'ESLint returned no result');
    assert.deepEqual(
      result.messages.map((message) => message.ruleId),
      ['@typescript-eslint/no-floating-promises'],
    );
  });
});
