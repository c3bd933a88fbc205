// A private production build, so that what is measured cannot be swapped underneath by anyone else's
// `node esbuild.mjs` / `tsc` in the same checkout (and so the bench never overwrites their builds).
// The project's own esbuild.mjs runs with a staging folder as its working directory: the staging
// folder links src/, node_modules/, schemas/ and media/* to the repo and receives dist/ and
// media/dist/. tsc compiles the same tsconfig into <staging>/out. The staging folder also serves as
// the extensionDevelopmentPath for the activation benchmark (package.json + dist/ + media/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LINKED = ['src', 'node_modules', 'schemas', 'package.json', 'tsconfig.json', 'test', 'scripts'];

export function buildStaging(root, log) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-bench-build-'));
  for (const name of LINKED) if (fs.existsSync(path.join(root, name))) fs.symlinkSync(path.join(root, name), path.join(dir, name));
  fs.mkdirSync(path.join(dir, 'media', 'dist'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(root, 'media'))) {
    if (entry !== 'dist') fs.symlinkSync(path.join(root, 'media', entry), path.join(dir, 'media', entry));
  }
  log(`building into ${dir}: node esbuild.mjs --production; tsc -p tsconfig.json --outDir out`);
  const esb = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production'], { cwd: dir, encoding: 'utf8' });
  if (esb.status !== 0) throw new Error(`node esbuild.mjs --production failed:\n${esb.stdout}${esb.stderr}`);
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json'), '--outDir', path.join(dir, 'out')], { cwd: dir, encoding: 'utf8' });
  if (tsc.status !== 0) log(`tsc reported errors (continuing with what it emitted):\n${(tsc.stdout + tsc.stderr).split('\n').slice(0, 8).join('\n')}`);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** True when the bundle looks like a production build (minified, no source map). */
export function isProductionBundle(file) {
  const text = fs.readFileSync(file, 'utf8');
  return !/\/\/# sourceMappingURL=/.test(text.slice(-300)) && text.split('\n').length < 2000;
}
