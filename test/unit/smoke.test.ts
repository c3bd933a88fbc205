import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

describe('package manifest', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  it('pins @types/vscode to the engines.vscode minimum', () => {
    const engine = String(manifest.engines.vscode).replace(/^\^/, '');
    assert.equal(manifest.devDependencies['@types/vscode'], engine);
  });
  it('keeps the SDK out of runtime dependencies', () => {
    assert.equal(manifest.dependencies['@anthropic-ai/sdk'], undefined);
  });
});
