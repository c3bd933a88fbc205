#!/usr/bin/env node
// `npm run demo`: the extension in VS Code for the browser, against the API simulator's sample sessions.
//
//   node scripts/demo.mjs [--port <n>] [--simulator-port <n>] [--folder <dir>] [--no-build]
//
// Builds the extension (esbuild) and the simulator (tsc), installs code-server into .cache/ on first use,
// starts the simulator (sample sessions, default pace), starts code-server with this repo loaded as the
// extension under development (Development mode, so it seeds its API key from MANAGED_AGENTS_API_KEY) and
// `managedAgents.baseUrl` pointing at the simulator, then prints the URL to open. Ctrl+C stops everything.
import path from 'node:path';
import util from 'node:util';
import { buildProject } from '../test/runner/lib/build.mjs';
import { startDevWorkbench } from '../test/runner/lib/dev-workbench.mjs';
import { ensureCodeServer } from '../test/runner/lib/install-code-server.mjs';
import { CleanupStack, makeLogger, onTerminationSignal } from '../test/runner/lib/util.mjs';

const log = makeLogger('demo');
const { values: opt } = util.parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'simulator-port': { type: 'string', default: '0' },
    folder: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

const cleanup = new CleanupStack();
let stopping = false;
async function stop(code, message) {
  if (stopping) return;
  stopping = true;
  if (message) (code ? log.error : log.info)(message);
  await cleanup.run();
  process.exit(code);
}
onTerminationSignal((signal) => stop(0, `${signal}: stopping code-server and the simulator`));
process.on('uncaughtException', (e) => stop(1, e?.stack || String(e)));
process.on('unhandledRejection', (e) => stop(1, e?.stack || String(e)));

try {
  if (!opt['no-build']) buildProject();
  const install = await ensureCodeServer();
  const stack = await startDevWorkbench({
    install,
    cleanup,
    port: Number(opt.port),
    workspace: opt.folder && path.resolve(opt.folder),
    simulatorOptions: { port: Number(opt['simulator-port']) }, // sample sessions, default pace
  });
  stack.server.onExit((code) => stop(1, `code-server stopped unexpectedly (exit ${code}); see ${stack.server.serverLogFile}`));
  const port = new URL(stack.url).port;
  console.log(`
  Claude Managed Agents demo is running.

    Open:       ${stack.url}
    Simulator:  ${stack.simulator.url}   (API key ${stack.simulator.apiKey})

  The extension runs from this repo in Development mode; managedAgents.baseUrl points at the simulator
  (in the Remote settings). After changing the code, run \`npm run build\` and reload the browser tab.
  On another machine: ssh -L ${port}:127.0.0.1:${port} <this host>, then open the URL there.
  Ctrl+C stops everything.
`);
} catch (e) {
  await stop(1, e?.message || String(e));
}
