// Makes `require('vscode')` load the stub (lib/vscode-stub.cjs), for extension code run in plain Node.
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const STUB = path.join(path.dirname(fileURLToPath(import.meta.url)), 'vscode-stub.cjs');

export function useVscodeStub() {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? STUB : resolve.call(this, request, ...rest);
  };
}
