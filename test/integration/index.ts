// Entry of the integration suite, loaded by VS Code's extension host as `extensionTestsPath`
// (code-server via test/runner/run-integration.mjs, or desktop VS Code via @vscode/test-electron).
// Runs every *.test.js beside this file with mocha and, when MANAGED_AGENTS_TEST_RESULTS is set,
// writes { passed, failed, pending, failures: [{ title, message }] } there for the runner to count.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';

interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
  error?: string;
}

// mocha 12 is an ES module; its CommonJS build keeps this loadable in any extension host's Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha: typeof MochaType = require('mocha/lib/mocha.cjs');

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 30_000,
    color: process.env.MANAGED_AGENTS_TEST_COLOR === '1',
    grep: process.env.MANAGED_AGENTS_TEST_GREP || undefined,
  });
  const testFiles = findTestFiles(__dirname);
  for (const file of testFiles) mocha.addFile(file);

  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [] };
  const writeResults = () => {
    const file = process.env.MANAGED_AGENTS_TEST_RESULTS;
    if (!file) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  };

  return new Promise<void>((resolve, reject) => {
    if (testFiles.length === 0) {
      results.error = `no *.test.js files under ${__dirname}`;
      writeResults();
      reject(new Error(results.error));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        writeResults();
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => { results.passed++; });
      runner.on('pending', () => { results.pending++; });
      runner.on('fail', (test, err: unknown) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), message: errorMessage(err) });
      });
    } catch (err) {
      // A test file that throws while loading (syntax error, failed require) lands here.
      results.failed++;
      results.error = `could not load the integration tests: ${errorMessage(err)}`;
      results.failures.push({ title: 'loading test files', message: errorMessage(err) });
      writeResults();
      console.error(results.error);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function findTestFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(dir, name));
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
