// The stack a user sees: API simulator + code-server (no smoke-test driver) + the dev-extension proxy
// that loads this repo as the extension under development. Shared by the e2e tests and `npm run demo`.
import { startCodeServer } from './code-server.mjs';
import { startDevExtensionProxy } from './dev-extension-proxy.mjs';
import { startSimulator } from './simulator.mjs';
import { REPO_ROOT } from './util.mjs';

/**
 * @param {object} o
 * @param {{ nodeBin: string, entry: string }} o.install    from ensureCodeServer()
 * @param {import('./util.mjs').CleanupStack} o.cleanup     every started piece registers its shutdown here
 * @param {object} [o.simulatorOptions]                     passed to startSimulator (port, stepDelayMs, seed)
 * @param {number} [o.port]                                 port of the URL to open (0 = free)
 * @param {string} [o.workspace]                            folder to open (default: an empty temp folder)
 * @param {boolean} [o.keep]                                keep code-server's run folder
 * @param {Record<string, unknown>} [o.settings]            extra user settings
 */
export async function startDevWorkbench({ install, cleanup, simulatorOptions = {}, port = 0, workspace, keep = false, settings = {} }) {
  const simulator = await startSimulator(simulatorOptions);
  cleanup.add('simulator', () => simulator.close());

  const server = await startCodeServer({
    install,
    keep,
    workspace,
    settings,
    smokeTestDriver: false, // behave exactly as for a user
    machineSettings: { 'managedAgents.baseUrl': simulator.url },
    // The remote extension host inherits the server's environment: the extension (Development mode)
    // seeds its SecretStorage from this key.
    env: { MANAGED_AGENTS_API_KEY: simulator.apiKey },
    runDirPrefix: 'managed-agents-workbench-',
  });
  cleanup.add('code-server', () => server.close());

  const proxy = await startDevExtensionProxy({ target: server.baseUrl, extensionDevelopmentPath: REPO_ROOT, port });
  cleanup.add('proxy', () => proxy.close());

  return { simulator, server, proxy, url: `${proxy.url}/?folder=${encodeURIComponent(server.workspace)}` };
}
