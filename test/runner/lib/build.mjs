// Builds what the harness loads: dist/extension.js (esbuild) and out/ (tsc: integration tests, simulator).
// Type errors do not stop a test run (tsc still emits JavaScript; `npm run lint` and `npm test` report them).
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, makeLogger } from './util.mjs';

const log = makeLogger('build');

export function buildProject() {
  log.info('node esbuild.mjs');
  const esbuild = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (esbuild.status !== 0) throw new Error(`the extension build failed (node esbuild.mjs exit ${esbuild.status})`);
  log.info('tsc -p tsconfig.json (scripts/compile.mjs, into an empty out/)');
  const tsc = spawnSync(process.execPath, ['scripts/compile.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) log.warn('tsc reported type errors (above); continuing with the JavaScript it emitted');
}
