#!/usr/bin/env node
// `npm run package`: the installable managed-agents-<version>.vsix in the repository root.
//
//   node scripts/package.mjs [--out <file.vsix>] [--keep-stage] [--quiet]
//
// 1. Stage: a clean folder (.cache/package/stage/, git-ignored) gets package.json, README.md,
//    CHANGELOG.md, LICENSE, .vscodeignore, schemas/ and media/ (without media/dist/), plus a link to
//    src/ for the build.
// 2. Production build there: `node esbuild.mjs --production` with the stage as working folder writes a
//    minified dist/extension.js and media/dist/webview.js without sourcemaps. The development build in
//    the repository (dist/, media/dist/ with their maps, used by the test layers and F5) is left alone.
// 3. `vsce package --no-dependencies` in the stage (everything is bundled, so no node_modules; the
//    manifest has no `vscode:prepublish`, so vsce runs no build of its own). README links and images
//    are relative; vsce turns them into absolute URLs from `repository` in package.json. GitHub issue
//    linking is off: `#1234` in the README's examples is an order number, not an issue.
// 4. Print the packaged files and the size.
//
// Exit codes: 0 packaged; 1 a step failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAGE_DIR = path.join(REPO_ROOT, '.cache', 'package', 'stage');
/** Copied into the stage as they are (folders recursively). */
const STAGED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'schemas', 'media'];
const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Where `npm run package` writes the package by default. */
export function defaultVsixPath() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  return path.join(REPO_ROOT, `${name}-${version}.vsix`);
}

/**
 * Build the package. Returns { vsix, bytes, files: [{ path, bytes }] } (paths as in the .vsix,
 * under `extension/`). Throws with the failing step's output.
 */
export function buildPackage({ out = defaultVsixPath(), keepStage = false, log = (line) => console.log(`[package] ${line}`) } = {}) {
  const t0 = Date.now();
  fs.rmSync(STAGE_DIR, { recursive: true, force: true });
  fs.mkdirSync(STAGE_DIR, { recursive: true });
  for (const entry of STAGED) {
    const from = path.join(REPO_ROOT, entry);
    if (!fs.existsSync(from)) throw new Error(`${entry} is missing`);
    fs.cpSync(from, path.join(STAGE_DIR, entry), {
      recursive: true,
      // media/dist/ is the development build (with sourcemaps); the stage gets its own production build.
      filter: (source) => path.relative(path.join(REPO_ROOT, 'media'), source) !== 'dist' && !source.endsWith('.map'),
    });
  }
  // esbuild resolves the link to the real files, so imports and node_modules resolve from the repository.
  fs.symlinkSync(path.join(REPO_ROOT, 'src'), path.join(STAGE_DIR, 'src'), 'dir');

  log('production build (node esbuild.mjs --production)');
  run(process.execPath, [path.join(REPO_ROOT, 'esbuild.mjs'), '--production'], STAGE_DIR, 'esbuild');
  fs.unlinkSync(path.join(STAGE_DIR, 'src'));
  for (const built of ['dist/extension.js', 'media/dist/webview.js']) {
    if (!fs.existsSync(path.join(STAGE_DIR, built))) throw new Error(`the production build did not write ${built}`);
  }

  log(`vsce package --no-dependencies -> ${path.relative(REPO_ROOT, out) || out}`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  run(process.execPath, [VSCE, 'package', '--no-dependencies', '--no-gitHubIssueLinking', '--no-gitLabIssueLinking', '--out', out], STAGE_DIR, 'vsce package');
  if (!fs.existsSync(out)) throw new Error(`vsce did not write ${out}`);

  const files = listVsix(out);
  if (!keepStage) fs.rmSync(STAGE_DIR, { recursive: true, force: true });
  const bytes = fs.statSync(out).size;
  log(`${path.relative(REPO_ROOT, out) || out}: ${files.length} files, ${kib(bytes)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return { vsix: out, bytes, files };
}

function run(command, args, cwd, label) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // vsce must never wait for an answer on stdin
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${output}`);
  return output;
}

// ---- reading a .vsix (a zip) with Node's zlib only ------------------------------------------------

/** The files in a zip: [{ path, bytes, compressedBytes, method, offset }], from its central directory. */
export function listVsix(file) {
  const zip = fs.readFileSync(file);
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedBytes = zip.readUInt32LE(at + 20);
    const bytes = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (!name.endsWith('/')) files.push({ path: name, bytes, compressedBytes, method, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The contents of one file in a zip, as a Buffer. */
export async function readVsixEntry(file, entryPath) {
  const { inflateRawSync } = await import('node:zlib');
  const zip = fs.readFileSync(file);
  const entry = listVsix(file).find((f) => f.path === entryPath);
  if (!entry) throw new Error(`${path.basename(file)} has no ${entryPath}`);
  const local = entry.offset;
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedBytes);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entryPath}: unsupported zip compression method ${entry.method}`);
}

export function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: opt } = util.parseArgs({
    options: {
      out: { type: 'string' },
      'keep-stage': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  try {
    const result = buildPackage({ out: opt.out ? path.resolve(opt.out) : undefined, keepStage: opt['keep-stage'] });
    if (!opt.quiet) {
      for (const f of result.files) console.log(`  ${f.path.padEnd(48)} ${kib(f.bytes).padStart(10)}`);
      console.log(`\nInstall it with: code --install-extension ${path.relative(process.cwd(), result.vsix) || result.vsix}`);
    }
  } catch (e) {
    console.error(`[package] ERROR: ${e?.message || e}`);
    process.exit(1);
  }
}
