/**
 * Command line: `node out/test/simulator/cli.js --port 4010 [options]`.
 * Prints exactly one line to stdout when ready (`listening on http://127.0.0.1:PORT`); request
 * logs go to stderr with --verbose. Exits cleanly on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import type { ErrorFault, FaultConfig } from './faults';
import { startSimulator, type SimulatorOptions } from './index';

const USAGE = `Managed Agents API simulator

  --port N                 port on 127.0.0.1 (default 4010; 0 = any free port)
  --api-key KEY            accept only this key (default: any non-empty key)
  --seed FILE              JSON seed extending the built-in data ("mode":"replace" to replace it)
  --step-delay MS          pace of scripted turns (default 150)
  --heartbeat MS           SSE ping interval (default 15000)
  --latency MS             added latency on every /v1 request
  --state-conflict-status 400|409
                           status of refusals caused by the session's state (default 400)
  --concurrency-limit N    /v1 requests in progress at once before 529 overloaded_error (default 64)
  --drop-stream-after N    destroy every event stream after N frames
  --drop-mid-event         ... sending half of the next frame first (partial frame)
  --fail STATUS[:COUNT[:METHOD[:PATH]]]
                           next COUNT (default 1, -1 = all) matching requests answer STATUS
                           (429 rate_limit_error, 529 overloaded_error, 500 api_error, ...); repeatable
  --retry-after S          retry-after header on --fail responses
  --retry-after-ms MS      retry-after-ms header on --fail responses
  --should-retry BOOL      x-should-retry header on --fail responses
  --truncate-next N        next N JSON bodies are cut in half
  --act-then-drop N        next N POSTs take effect, then the connection is destroyed unanswered
  --faults JSON|@FILE      a full FaultConfig (see README.md)
  --verbose                log every request to stderr
  --help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): SimulatorOptions & { verbose: boolean } {
  const options: SimulatorOptions & { verbose: boolean } = { port: 4010, verbose: false };
  const faults: FaultConfig = {};
  const errors: ErrorFault[] = [];
  const retryHeaders: Partial<ErrorFault> = {};
  let dropMidEvent = false;
  let dropAfter: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) fail(`${flag} needs a value`);
      return next;
    };
    const number = (): number => {
      const raw = value();
      const parsed = Number(raw);
      if (!Number.isFinite(parsed)) fail(`${flag}: not a number: ${raw}`);
      return parsed;
    };
    switch (flag) {
      case '--port':
        options.port = number();
        break;
      case '--api-key':
        options.apiKey = value();
        break;
      case '--seed':
        options.seed = value();
        break;
      case '--step-delay':
        options.stepDelayMs = number();
        break;
      case '--heartbeat':
        options.heartbeatMs = number();
        break;
      case '--latency':
        faults.latencyMs = number();
        break;
      case '--state-conflict-status': {
        const status = number();
        if (status !== 400 && status !== 409) fail('--state-conflict-status: 400 or 409');
        faults.stateConflictStatus = status;
        break;
      }
      case '--concurrency-limit':
        faults.concurrencyLimit = number();
        break;
      case '--drop-stream-after':
        dropAfter = number();
        break;
      case '--drop-mid-event':
        dropMidEvent = true;
        break;
      case '--fail': {
        const [status, count, method, path] = value().split(':');
        if (!/^\d{3}$/.test(status)) fail(`--fail: bad status ${status}`);
        errors.push({ status: Number(status), count: count ? Number(count) : 1, method: method || undefined, path: path || undefined });
        break;
      }
      case '--retry-after':
        retryHeaders.retryAfterSeconds = number();
        break;
      case '--retry-after-ms':
        retryHeaders.retryAfterMs = number();
        break;
      case '--should-retry':
        retryHeaders.shouldRetry = value() === 'true';
        break;
      case '--truncate-next':
        faults.truncateBody = { count: number() };
        break;
      case '--act-then-drop':
        faults.actThenDrop = { count: number(), method: 'POST' };
        break;
      case '--faults': {
        const raw = value();
        Object.assign(faults, JSON.parse(raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw) as FaultConfig);
        break;
      }
      case '--verbose':
        options.verbose = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${flag}`);
    }
  }
  if (errors.length > 0) faults.errors = [...(faults.errors ?? []), ...errors.map((error) => ({ ...error, ...retryHeaders }))];
  if (dropAfter !== undefined) faults.dropStream = { afterEvents: dropAfter, midEvent: dropMidEvent };
  options.faults = faults;
  return options;
}

async function main(): Promise<void> {
  const { verbose, ...options } = parseArgs(process.argv.slice(2));
  const handle = await startSimulator({
    ...options,
    log: verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  process.stdout.write(`listening on ${handle.url}\n`);
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    handle.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
