// The "what changed" line of New Session's version picker, told from two versions the API lists.
import assert from 'node:assert/strict';
import type { Agent } from '../../../src/api';
import { describeVersionChanges } from '../../../src/yaml/agentVersionChanges';

function version(number: number, changes: Partial<Agent> = {}): Agent {
  return {
    id: 'agent_1',
    type: 'agent',
    version: number,
    name: 'Helper',
    description: 'Helps.',
    model: { id: 'claude-sonnet-4-6' },
    system: 'Be careful.',
    tools: [{ type: 'agent_toolset_20260401', configs: [], default_config: { enabled: true, permission_policy: { type: 'always_allow' } } }],
    mcp_servers: [],
    skills: [],
    metadata: { team: 'web', owner: 'ana' },
    multiagent: null,
    execution_identity: { type: 'service_account' },
    created_at: '2026-01-01T00:00:00Z',
    updated_at: `2026-01-0${number}T00:00:00Z`,
    archived_at: null,
    ...changes,
  };
}

describe('yaml: describeVersionChanges', () => {
  it('names each changed field in reading order, with the models of a model change', () => {
    const before = version(2);
    const after = version(3, { system: 'Be bold.', model: { id: 'claude-opus-4-7' }, mcp_servers: [{ type: 'url', name: 'github', url: 'https://example.com/mcp' }] });
    assert.equal(describeVersionChanges(after, before), 'Changed since v2: model claude-sonnet-4-6 → claude-opus-4-7, system prompt, MCP servers');
  });

  it('calls a change of effort alone a model change, without claiming the model id changed', () => {
    assert.equal(describeVersionChanges(version(2, { model: { id: 'claude-sonnet-4-6', effort: { type: 'high' } } }), version(1)), 'Changed since v1: model');
  });

  it('ignores what only differs in key order or in the version bookkeeping (number, time)', () => {
    const reordered = version(2, { metadata: { owner: 'ana', team: 'web' } });
    assert.equal(describeVersionChanges(reordered, version(1)), 'The same configuration as v1');
  });

  it('says which is the first version, and nothing when the one before it was not listed', () => {
    assert.equal(describeVersionChanges(version(1), undefined), 'The first version');
    assert.equal(describeVersionChanges(version(4), undefined), undefined);
  });

  it('names the version it compares with when versions in between are missing', () => {
    assert.equal(describeVersionChanges(version(5, { name: 'Helper 2' }), version(2)), 'Changed since v2: name');
  });
});
