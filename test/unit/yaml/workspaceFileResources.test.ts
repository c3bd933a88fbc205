import assert from 'node:assert/strict';
import { checkBody } from '../../../src/yaml/bodies';
import { withUploadedFiles, workspaceFileIssues, workspaceFileResources } from '../../../src/yaml/workspaceFileResources';

const body = (resources: string) => `agent: agent_1\nenvironment_id: env_1\nresources:\n${resources}`;

describe('workspace files in a create body (`path:`)', () => {
  it('finds the `path:` entries, and turns them into the `file_id` entries the API takes', () => {
    const value = {
      agent: 'agent_1',
      environment_id: 'env_1',
      resources: [
        { type: 'github_repository', url: 'https://github.com/o/r' },
        { type: 'file', path: 'data/input.csv' },
        { type: 'file', file_id: 'file_1', mount_path: '/a' },
        { type: 'file', path: ' /abs/notes.md ', mount_path: '/in/notes.md' },
      ],
    };
    assert.deepEqual(workspaceFileResources(value), [
      { index: 1, path: 'data/input.csv', mountPath: undefined },
      { index: 3, path: '/abs/notes.md', mountPath: '/in/notes.md' },
    ]);
    assert.deepEqual((withUploadedFiles(value, ['file_up1', 'file_up2'], ['/data/input.csv', '/notes.md']) as typeof value).resources, [
      { type: 'github_repository', url: 'https://github.com/o/r' },
      { type: 'file', file_id: 'file_up1', mount_path: '/data/input.csv' },
      { type: 'file', file_id: 'file_1', mount_path: '/a' },
      { type: 'file', file_id: 'file_up2', mount_path: '/in/notes.md' },
    ], 'a mount path written in the body wins over the default');
    assert.deepEqual(value.resources[1], { type: 'file', path: 'data/input.csv' }, 'the body itself is not changed');
  });

  it('a body with `path:` checks clean; both `path` and `file_id`, or an empty path, are problems at the path', () => {
    assert.deepEqual(checkBody(body('  - type: file\n    path: data/input.csv\n'), 'create').problems, []);
    const both = checkBody(body('  - type: file\n    path: data/input.csv\n    file_id: file_1\n'), 'create').problems;
    const mine = both.find((problem) => /not both/.test(problem.message));
    assert.ok(mine, JSON.stringify(both));
    assert.equal(mine.range.line, 4, 'on the `path` line');
    const empty = checkBody(body('  - type: file\n    path: ""\n'), 'create').problems;
    assert.ok(empty.some((problem) => /`path` is a workspace file/.test(problem.message)), JSON.stringify(empty));
    assert.deepEqual(workspaceFileIssues({ resources: [{ type: 'file', path: 3 }] }).map((issue) => issue.path), [['resources', 0, 'path']]);
    // Without path or file_id, the schema still asks for file_id.
    assert.ok(checkBody(body('  - type: file\n    mount_path: /x\n'), 'create').problems.some((problem) => /file_id/.test(problem.message)));
  });
});
