// Starts code-server on a free loopback port with throwaway user data, extensions and workspace folders
// (all under one temp run folder), in its own process group guarded by a watchdog, and builds the
// workbench URLs that load the extension under development.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freeLoopbackPort, makeLogger, sleep } from './util.mjs';

const log = makeLogger('code-server');

/** Settings that keep the workbench quiet, offline and deterministic. */
export const BASE_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // an empty chat panel otherwise
  'chat.disableAIFeatures': true, // otherwise the server also spawns agent-host processes
  'git.autoRepositoryDetection': false,
};

/** Workbench log lines that are not extension-host output (shown with --verbose only). */
export const WORKBENCH_NOISE = [/^\[AgentHost/, /^\[ChatModelSelection\]/, /^\[AccountPolicyGate\]/,
  /^Resolv(ing|ed) connection token/, /^Creating a socket/, /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/, /^\[Service Worker\]/, /^Started local extension host/,
  /^Extension host test runner/, /^Ignoring the setting/, /^Ignoring fetching additional builtin extensions/,
  /^Error while fetching the extension under development/, /^\[ExtensionService\]/, /ENOTFOUND/];

/**
 * @param {object} o
 * @param {{ nodeBin: string, entry: string }} o.install   from ensureCodeServer()
 * @param {Record<string, unknown>} [o.settings]            extra user settings (the browser side)
 * @param {Record<string, unknown>} [o.machineSettings]     remote machine settings: settings with scope
 *        `machine`/`machine-overridable` (like managedAgents.baseUrl) are ignored in user settings when the
 *        window is remote, as code-server's always is ("Ignoring the setting ... machine scoped")
 * @param {boolean} [o.smokeTestDriver]                     enable the workbench's smoke-test driver: needed for
 *        the URL payload route (extension tests); it also hides notification toasts (the bell still counts them)
 * @param {Record<string, string>} [o.env]                  env for the server (its extension host inherits it)
 * @param {string} [o.workspace]                            folder to open (default: an empty temp folder)
 * @param {number} [o.port]                                 0 = free port
 * @param {string[]} [o.installExtensions]                  extension folders to copy into the throwaway extensions folder
 * @param {boolean} [o.keep]                                keep the run folder (logs) after close
 */
export async function startCodeServer({ install, settings = {}, machineSettings = {}, smokeTestDriver = true, env = {}, workspace, port = 0, installExtensions = [], keep = false, runDirPrefix = 'managed-agents-vscode-' }) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), runDirPrefix));
  const dirs = Object.fromEntries(['userData', 'extensions', 'tmp', 'xdg', 'bridge', 'workspace', 'browserTmp']
    .map((name) => [name, path.join(runDir, name)]));
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const workspaceDir = path.resolve(workspace || dirs.workspace);
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_USER_SETTINGS, ...settings }, null, 2));
  fs.mkdirSync(path.join(dirs.userData, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));

  // The server registers extension folders it finds in --extensions-dir as installed extensions at startup.
  for (const dir of installExtensions) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    fs.cpSync(dir, path.join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }

  const listenPort = port || await freeLoopbackPort();
  const baseUrl = `http://127.0.0.1:${listenPort}`;
  fs.writeFileSync(path.join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${listenPort}\nauth: none\ncert: false\n`);
  const args = [install.entry, '--config', path.join(runDir, 'config.yaml'), '--bind-addr', `127.0.0.1:${listenPort}`,
    '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--vscode-option', 'disable-experiments', '--vscode-option', 'force-disable-user-env'];
  // The built workbench honours the URL `payload` (extensionDevelopmentPath, extensionTestsPath,
  // extensionEnvironment) only when the server runs with the smoke-test driver enabled.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(workspaceDir);
  const serverLogFile = path.join(runDir, 'server.log');
  const serverLog = fs.createWriteStream(serverLogFile);
  const server = spawn(install.nodeBin, args, {
    cwd: runDir,
    detached: true, // own process group: we kill the whole group (extension host, pty host, watchers...)
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...env,
      PATH: `${path.dirname(install.nodeBin)}${path.delimiter}${process.env.PATH}`,
      TMPDIR: dirs.tmp, // sockets and temp files stay inside runDir
      XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg, XDG_CACHE_HOME: dirs.xdg, XDG_STATE_HOME: dirs.xdg,
      EXTENSIONS_GALLERY: '{}', // no marketplace: no outbound queries, nothing written under $HOME
    },
  });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  startWatchdog({ parentPid: process.pid, processGroup: server.pid, runDir, keep });

  let exited = false;
  const exitListeners = new Set();
  server.on('exit', (code, signal) => { exited = true; for (const fn of exitListeners) fn(code, signal); });

  const groupAlive = () => { try { process.kill(-server.pid, 0); return true; } catch { return false; } };
  let closing;
  const close = () => (closing ??= (async () => {
    exitListeners.clear();
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    for (let i = 0; i < 50 && groupAlive(); i++) await sleep(100);
    if (groupAlive()) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }
    serverLog.end();
    if (!session.keep) fs.rmSync(runDir, { recursive: true, force: true });
    else log.info(`kept ${runDir} (server.log, user data, workbench logs)`);
  })());

  const session = {
    baseUrl,
    // code-server's workbench uses the browser's host as remote authority, so vscode-remote URIs use it.
    authority: new URL(baseUrl).host,
    runDir,
    dirs,
    workspace: workspaceDir,
    serverLogFile,
    keep,
    onExit(fn) { exitListeners.add(fn); },
    close,
    /** vscode-remote URI for a path on this machine. */
    remoteUri(p) { return `vscode-remote://${this.authority}${pathToFileURL(path.resolve(p)).pathname}`; },
    /**
     * URL of the workbench with the payload that loads extensionDevelopmentPath and, when given, runs the
     * extension tests module extensionTestsPath in the extension host.
     */
    workbenchUrl({ extensionDevelopmentPath, extensionTestsPath, extensionEnvironment } = {}) {
      const payload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
      // One path only: the workbench keeps the payload in a Map, so a second extensionDevelopmentPath
      // would replace the first. Extra extensions go through startCodeServer({ installExtensions }).
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', this.remoteUri(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', this.remoteUri(extensionTestsPath)]);
      if (extensionEnvironment && Object.keys(extensionEnvironment).length) {
        payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
      }
      return `${baseUrl}/?folder=${encodeURIComponent(this.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
  };

  // Wait until it serves the workbench, and check the smoke-test driver (else the payload is ignored).
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`code-server exited during startup; see ${serverLogFile}:\n${tail(serverLogFile)}`);
    try {
      const response = await fetch(`${baseUrl}/?folder=${encodeURIComponent(workspaceDir)}`);
      if (response.ok) {
        const html = await response.text();
        if (smokeTestDriver && !/enableSmokeTestDriver&quot;:true|"enableSmokeTestDriver":true/.test(html)) {
          session.keep = true;
          await close();
          throw new Error('code-server did not enable the smoke-test driver; the workbench would ignore the payload');
        }
        break;
      }
    } catch (e) {
      if (String(e?.message).includes('smoke-test')) throw e;
    }
    if (i > 600) { session.keep = true; await close(); throw new Error(`code-server did not answer within 60 s; see ${serverLogFile}`); }
    await sleep(100);
  }
  return session;
}

function tail(file, lines = 20) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

/**
 * A detached watchdog process: if the runner dies without cleaning up (SIGKILL, crash), it kills the
 * server's process group and removes the run folder. It exits by itself once the group is gone.
 */
function startWatchdog({ parentPid, processGroup, runDir, keep }) {
  const script = `
    const [parent, group, dir, keep] = process.argv.slice(1);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (!alive(-group)) process.exit(0);
      if (alive(+parent)) return;
      clearInterval(timer);
      try { process.kill(-group, 'SIGTERM'); } catch {}
      setTimeout(() => {
        try { process.kill(-group, 'SIGKILL'); } catch {}
        if (keep !== '1') require('fs').rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      }, 5000);
    }, 1000);`;
  spawn(process.execPath, ['-e', script, String(parentPid), String(processGroup), runDir, keep ? '1' : '0'],
    { detached: true, stdio: 'ignore' }).unref();
}
