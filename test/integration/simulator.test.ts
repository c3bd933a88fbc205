// The API simulator the runner started is reachable from the extension host, with the runner's key.
import * as assert from 'node:assert/strict';
import { apiHeaders, requireEnv } from './helpers/env';

describe('API simulator from the extension host', () => {
  it('answers GET /v1/sessions with a JSON list', async () => {
    const baseUrl = requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL');
    const apiKey = requireEnv('apiKey', 'MANAGED_AGENTS_API_KEY');
    const response = await fetch(`${baseUrl}/v1/sessions`, { headers: apiHeaders(apiKey) });
    assert.equal(response.status, 200, `GET /v1/sessions: HTTP ${response.status} ${await response.clone().text()}`);
    const body = (await response.json()) as { data?: unknown };
    assert.ok(Array.isArray(body.data), `expected { data: [...] }, got ${JSON.stringify(body).slice(0, 200)}`);
  });

  it('refuses a wrong API key with 401', async () => {
    const baseUrl = requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL');
    const response = await fetch(`${baseUrl}/v1/sessions`, { headers: apiHeaders('sk-ant-wrong-key') });
    assert.equal(response.status, 401);
  });
});
