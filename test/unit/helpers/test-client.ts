// A client on a fresh test server, for the client tests: closed after each test.
import { ManagedAgentsClient } from '../../../src/api';
import { startTestServer, type Handler, type TestServer } from './test-server';

export type ClientOptions = ConstructorParameters<typeof ManagedAgentsClient>[0];

/**
 * Call inside a describe block. The setup it returns starts a test server with `handler` and a client
 * on it with the block's `defaults` (evaluated per setup, so they can reset what they record) and the
 * test's `options`; both are closed after each test.
 */
export function clientOnTestServer(defaults: () => Omit<ClientOptions, 'baseURL'>) {
  let server: TestServer | undefined;
  let client: ManagedAgentsClient | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
    client = undefined;
    server = undefined;
  });
  return async (handler: Handler, options: Partial<ClientOptions> = {}): Promise<{ server: TestServer; client: ManagedAgentsClient }> => {
    server = await startTestServer(handler);
    client = new ManagedAgentsClient({ baseURL: server.url, ...defaults(), ...options });
    return { server, client };
  };
}
