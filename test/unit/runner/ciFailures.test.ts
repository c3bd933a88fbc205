// CI keeps only the tail of `npm test`'s output, so the summary repeats what failed. These tests run real
// mocha on planted failures and check that the summary's reader finds each one, with its message.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const run = promisify(execFile);

type Failure = { title: string; message: string };
type RunAll = { mochaFailures(plain: string): Failure[] };

async function mochaOutput(spec: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-ci-'));
  try {
    const file = path.join(dir, 'planted.test.js');
    fs.writeFileSync(file, spec);
    const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
    // mocha exits non-zero when a test fails; its report is on stdout either way.
    return await run(process.execPath, [mocha, '--no-config', file], { cwd: dir }).then(
      (result) => result.stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm test summary', () => {
  let runAll: RunAll;
  before(async () => {
    runAll = (await import(pathToFileURL(path.join(ROOT, 'test', 'run-all.mjs')).href)) as RunAll;
  });

  it('names each failing unit test with its suites and the first lines of its error', async () => {
    const output = await mochaOutput(`
      const assert = require('node:assert/strict');
      describe('conformance', () => {
        describe('streams', () => {
          it('passes', () => {});
          it('follows a session through repeated stream drops', () => { assert.equal(9, 10, '9 reconnects'); });
        });
      });
      describe('other', () => { it('throws', () => { throw new Error('boom'); }); });
    `);
    const failures = runAll.mochaFailures(output);
    assert.deepEqual(failures.map((f) => f.title), ['conformance streams follows a session through repeated stream drops', 'other throws']);
    assert.match(failures[0].message, /9 reconnects/);
    assert.match(failures[1].message, /^Error: boom/);
    assert.doesNotMatch(failures[1].message, /\bat /, 'the stack is left out');
  });

  it('finds nothing when every test passed', async () => {
    const output = await mochaOutput(`it('passes', () => {});`);
    assert.match(output, /1 passing/);
    assert.deepEqual(runAll.mochaFailures(output), []);
  });
});
