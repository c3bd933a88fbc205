// src/api says what happened and names none of the editor's settings or commands; the sentence a
// person sees (describeError) adds them, word for word as the API's messages said them before.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  APIError,
  KeyWithheldError,
  ManagedAgentsClient,
  MissingApiKeyError,
  connectionErrorFromCause,
} from '../../src/api';
import { describeError } from '../../src/shared/describeError';
import { clientOnTestServer } from './helpers/test-client';
import { apiError, sendJson } from './helpers/test-server';

/** What only the editor may say: its settings, its commands, its buttons. */
const EDITOR_WORDS = /managedAgents\.|Set API Key|Send anyway|setting/;

const ROOT = path.resolve(__dirname, '../../..');

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => assert.fail('it succeeded'),
    (error: unknown) => error as Error,
  );
}

describe('API errors and the sentence a person sees', () => {
  const setup = clientOnTestServer(() => ({ apiKey: () => 'sk-test-key', maxRetries: 0 }));

  /** Each failure: the API's message, and describeError's sentence, exactly. */
  const cases: Array<{ name: string; error: () => Promise<Error>; api: string | RegExp; shown: string | RegExp }> = [
    {
      name: 'no key',
      error: async () => new MissingApiKeyError(),
      api: 'No API key is set.',
      shown: 'No API key is set. Run "Managed Agents: Set API Key" to store one.',
    },
    {
      name: 'a key held back from plain http',
      error: async () => new KeyWithheldError('http://example.invalid'),
      api: 'The API key was not sent to http://example.invalid: it is not an https URL, so the key would cross the network unencrypted.',
      shown:
        'The API key was not sent to http://example.invalid: it is not an https URL, so the key would cross the network unencrypted. Set "managedAgents.baseUrl" to an https URL, or choose "Send anyway" when asked.',
    },
    {
      name: "a key held back from the workspace's address",
      error: async () => new KeyWithheldError('https://elsewhere.example', 'workspace'),
      api: 'The API key was not sent to https://elsewhere.example: the workspace chose that address, not the user, and the user has not allowed it.',
      shown:
        'The API key was not sent to https://elsewhere.example: "managedAgents.baseUrl" points there from this workspace\'s settings, not yours, and you have not allowed it. Remove it from the workspace (or folder) settings, or allow the address when asked again (after the setting changes or the window reloads).',
    },
    {
      name: 'a rejected key (401), with a request id',
      error: async () => {
        const { client } = await setup((_req, res) => apiError(res, 401, 'authentication_error', 'invalid x-api-key', { 'request-id': 'req_1' }));
        return rejection(client.sessions.retrieve('sesn_1'));
      },
      api: 'invalid x-api-key (401 authentication_error). [request-id req_1]',
      shown: 'invalid x-api-key (401 authentication_error). The API key was rejected: run "Managed Agents: Set API Key" to enter a valid key. [request-id req_1]',
    },
    {
      name: 'a refused permission (403), without a request id',
      error: async () => apiErrorOf(403, 'permission_error', 'not allowed'),
      api: 'not allowed (403 permission_error).',
      shown: 'not allowed (403 permission_error). The key may not have access to this resource or workspace: check the "managedAgents.workspaceId" setting.',
    },
    {
      name: 'a rejected key inside an event stream (no status)',
      error: async () => new APIError({ status: undefined, body: { type: 'error', error: { type: 'authentication_error', message: 'key revoked' } }, requestId: undefined }),
      api: 'key revoked (authentication_error).',
      shown: 'key revoked (authentication_error). The API key was rejected: run "Managed Agents: Set API Key" to enter a valid key.',
    },
    {
      name: 'a session that is gone (404; the API\'s own advice, and the editor adds none)',
      error: async () => apiErrorOf(404, 'not_found_error', 'session not found', 'req_2'),
      api: 'session not found (404 not_found_error). It may have been deleted: refresh and try again. [request-id req_2]',
      shown: 'session not found (404 not_found_error). It may have been deleted: refresh and try again. [request-id req_2]',
    },
    {
      name: 'a web page with an error status',
      error: async () => {
        const { client } = await setup((_req, res) => {
          res.writeHead(403, { 'content-type': 'text/html', 'request-id': 'req_3' });
          res.end('<html><body>Blocked</body></html>');
        });
        return rejection(client.sessions.retrieve('sesn_1'));
      },
      api: /^127\.0\.0\.1:\d+ answered with a web page \(HTTP 403\) instead of the API's JSON\.$/,
      shown: /^127\.0\.0\.1:\d+ answered with a web page \(HTTP 403\) instead of the API's JSON\. A proxy, captive portal or wrong "managedAgents\.baseUrl" is the likely cause\.$/,
    },
    {
      name: 'a resource of the wrong shape',
      error: async () => {
        const { client } = await setup((_req, res) => sendJson(res, 200, { hello: 'world' }));
        return rejection(client.sessions.retrieve('sesn_1'));
      },
      api: /^127\.0\.0\.1:\d+ answered GET \/v1\/sessions\/sesn_1 with an object without an "id" instead of the API's resource\.$/,
      shown: /^127\.0\.0\.1:\d+ answered GET \/v1\/sessions\/sesn_1 with an object without an "id" instead of the API's resource\. Check the "managedAgents\.baseUrl" setting\.$/,
    },
    {
      name: 'a page of the wrong shape',
      error: async () => {
        const { client } = await setup((_req, res) => sendJson(res, 200, [1, 2]));
        return rejection(client.sessions.list().firstPage());
      },
      api: /^127\.0\.0\.1:\d+ answered GET \/v1\/sessions with an array instead of a page of results\.$/,
      shown: /^127\.0\.0\.1:\d+ answered GET \/v1\/sessions with an array instead of a page of results\. Check the "managedAgents\.baseUrl" setting\.$/,
    },
    {
      name: 'no event stream where one was asked for',
      error: async () => {
        const { client } = await setup((_req, res) => sendJson(res, 200, { hello: 1 }));
        return rejection(client.sessions.events.stream('sesn_1'));
      },
      api: /^Expected an event stream from 127\.0\.0\.1:\d+ but got "application\/json": \{"hello":1\}\.$/,
      shown: /^Expected an event stream from 127\.0\.0\.1:\d+ but got "application\/json": \{"hello":1\}\. Check the "managedAgents\.baseUrl" setting\.$/,
    },
    {
      name: 'a refused connection',
      error: async () => connectionErrorFromCause(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'http://127.0.0.1:9'),
      api: 'Could not connect to 127.0.0.1:9: the connection was refused.',
      shown: 'Could not connect to 127.0.0.1:9: the connection was refused. Check the "managedAgents.baseUrl" setting and that the server is running.',
    },
    {
      name: 'a name that does not resolve',
      error: async () => connectionErrorFromCause(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }), 'https://api.example'),
      api: 'Could not resolve api.example (DNS lookup failed).',
      shown: 'Could not resolve api.example (DNS lookup failed). Check your network connection and the "managedAgents.baseUrl" setting.',
    },
    {
      name: 'a certificate not trusted',
      error: async () => connectionErrorFromCause(Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'https://api.example'),
      api: 'A secure connection to api.example could not be made (SELF_SIGNED_CERT_IN_CHAIN).',
      shown: 'A secure connection to api.example could not be made (SELF_SIGNED_CERT_IN_CHAIN). Check the "managedAgents.baseUrl" setting and any proxy that intercepts TLS.',
    },
    {
      name: 'a base URL that is not a URL',
      error: async () => rejection(Promise.resolve().then(() => new ManagedAgentsClient({ baseURL: 'api.anthropic.com', apiKey: () => 'k' }))),
      api: '"api.anthropic.com" is not a valid base URL.',
      shown: '"api.anthropic.com" is not a valid base URL. Set "managedAgents.baseUrl" to a URL such as https://api.anthropic.com.',
    },
    {
      name: 'a base URL of another scheme',
      error: async () => rejection(Promise.resolve().then(() => new ManagedAgentsClient({ baseURL: 'ftp://api.example', apiKey: () => 'k' }))),
      api: 'The base URL must use http or https, not ftp:.',
      shown: 'The base URL must use http or https, not ftp:. Check the "managedAgents.baseUrl" setting.',
    },
  ];

  for (const { name, error: make, api, shown } of cases) {
    it(`${name}: the API says what happened, the editor what to do`, async () => {
      const error = await make();
      if (typeof api === 'string') assert.equal(error.message, api);
      else assert.match(error.message, api);
      assert.doesNotMatch(error.message, EDITOR_WORDS, 'src/api names no setting and no command');
      if (typeof shown === 'string') assert.equal(describeError(error), shown);
      else assert.match(describeError(error), shown);
    });
  }

  it('no string in src/api names a setting or a command of the editor', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          // String and template literals only: comments may say what the editor does with an error.
          const literals = fs.readFileSync(file, 'utf8').match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
          for (const literal of literals) if (/managedAgents\.|Set API Key|Send anyway/.test(literal)) offenders.push(`${path.relative(ROOT, file)}: ${literal.slice(0, 80)}`);
        }
      }
    };
    walk(path.join(ROOT, 'src/api'));
    assert.deepEqual(offenders, []);
  });
});

function apiErrorOf(status: number, type: string, message: string, requestId?: string): APIError {
  return new APIError({ status, body: { type: 'error', error: { type, message } }, requestId });
}
