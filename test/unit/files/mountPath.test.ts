import * as assert from 'node:assert/strict';
import { mountPathProblem, mountPaths } from '../../../src/files/mountPath';

describe('mount paths', () => {
  it('takes absolute paths without ".." or control characters, up to 4,096 bytes', () => {
    assert.equal(mountPathProblem('/data/input.csv'), undefined);
    assert.equal(mountPathProblem('  /data/input.csv  '), undefined, 'spaces around are trimmed');
    assert.match(mountPathProblem('data/input.csv') ?? '', /Start with "\/"/);
    assert.match(mountPathProblem('/data/../etc/passwd') ?? '', /\.\./);
    assert.match(mountPathProblem('/data/a\u0007b') ?? '', /control characters/);
    assert.match(mountPathProblem(`/${'é'.repeat(2048)}`) ?? '', /4,096 bytes/, 'counted in UTF-8 bytes, not characters');
    assert.equal(mountPathProblem(`/${'a'.repeat(4095)}`), undefined);
  });

  it('puts one file at the path given, and several under the folder given at their relative paths', () => {
    assert.deepEqual(mountPaths('/in/notes.md', ['docs/notes.md'], false), ['/in/notes.md']);
    assert.deepEqual(mountPaths('/', ['project/main.py', 'project/src/util.py'], true), ['/project/main.py', '/project/src/util.py']);
    assert.deepEqual(mountPaths('/work/', ['a.txt'], true), ['/work/a.txt']);
  });
});
