// What the runner passes to the extension host (see test/runner/README.md), read in one place.
export const EXTENSION_ID = 'managed-agents-tools.managed-agents';

/** Headers every Managed Agents API request carries. */
export function apiHeaders(apiKey: string): Record<string, string> {
  return {
    'x-api-key': apiKey,
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'managed-agents-2026-04-01',
  };
}

export const testEnv = {
  /** Simulator base URL the runner started and wrote into `managedAgents.baseUrl`. */
  simulatorUrl: process.env.MANAGED_AGENTS_TEST_SIMULATOR_URL,
  /** API key the simulator accepts; the extension seeds its SecretStorage from it outside Production mode. */
  apiKey: process.env.MANAGED_AGENTS_API_KEY,
  /** Folder of the runner's browser bridge; only under the code-server runner. */
  bridgeDir: process.env.MANAGED_AGENTS_TEST_BRIDGE,
  /** "code-server" or "electron". */
  host: process.env.MANAGED_AGENTS_TEST_HOST,
};

/** The value of a required variable, or an error naming it (so a missing runner setup reads clearly). */
export function requireEnv(name: keyof typeof testEnv, variable: string): string {
  const value = testEnv[name];
  if (!value) throw new Error(`${variable} is not set: run the suite through test/runner (npm run test:integration)`);
  return value;
}
