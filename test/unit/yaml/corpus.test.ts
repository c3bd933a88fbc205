import assert from 'node:assert/strict';
import { checkBody } from '../../../src/yaml/bodies';
import type { Range } from '../../../src/yaml/parse';
import { BAD_BUFFERS } from './corpus';

const fmt = (r: Range) => `${r.line}:${r.character}-${r.endLine}:${r.endCharacter}`;

describe('yaml: corpus of bad buffers', () => {
  it('has at least 30 buffers, with distinct names', () => {
    assert.ok(BAD_BUFFERS.length >= 30, `only ${BAD_BUFFERS.length}`);
    assert.equal(new Set(BAD_BUFFERS.map((e) => e.name)).size, BAD_BUFFERS.length);
  });

  for (const entry of BAD_BUFFERS) {
    it(entry.name, () => {
      const result = checkBody(entry.text, entry.kind);
      const actual = result.problems.map((p) => [fmt(p.range), p.code, p.message]);
      assert.deepEqual(actual, entry.expect);
      assert.ok(
        result.problems.some((p) => p.severity === 'error'),
        'a bad buffer must have at least one error',
      );
    });
  }
});
