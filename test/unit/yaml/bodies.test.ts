import assert from 'node:assert/strict';
import type { Session } from '../../../src/api';
import {
  changedFields,
  checkBody,
  createTemplate,
  detectBodyKind,
  formatHeader,
  parseHeader,
  setHeader,
  updateTemplate,
} from '../../../src/yaml/bodies';
import type { BodyKind } from '../../../src/yaml/bodies';
import { sendTemplate } from './sendBody';

/**
 * Uncomment every commented-out field after the header block (the first blank line): `# key: ...`,
 * `# - ...` and their indented continuation lines, not the explanations.
 */
function uncommentAll(text: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('');
  return lines.map((l, i) => (i > start ? l.replace(/^(\s*)# (?=[a-z_]+:|- |\s)/, '$1') : l)).join('\n');
}

function clean(text: string, kind?: BodyKind): { kind: BodyKind | undefined; value: unknown } {
  const result = checkBody(text, kind);
  assert.deepEqual(result.problems, [], `unexpected problems in:\n${text}`);
  return { kind: result.kind, value: result.value };
}

const GOOD: Array<[string, BodyKind, string]> = [
  ['minimal create', 'create', 'agent: agent_1\nenvironment_id: env_1\n'],
  ['pinned agent', 'create', 'agent: {type: agent, id: agent_1, version: 3}\nenvironment_id: env_1\n'],
  ['JSON create', 'create', '{"agent": "agent_1", "environment_id": "env_1", "title": null}'],
  [
    'create with everything',
    'create',
    [
      'agent:',
      '  type: agent_with_overrides',
      '  id: agent_1',
      '  model: claude-opus-4-7',
      '  system: null',
      '  skills: [{type: anthropic, skill_id: xlsx}]',
      '  mcp_servers: [{type: url, name: gh, url: "https://example.com/mcp"}]',
      '  tools:',
      '    - {type: mcp_toolset, mcp_server_name: gh, default_config: {enabled: false}}',
      'environment_id: env_1',
      'title: "Fix: the build"',
      'metadata: {team: infra, "ticket #": "42"}',
      'vault_ids: [vlt_1]',
      'budget: {type: limit, max_list_cost: {amount: "2500", currency: USD}}',
      'resources:',
      '  - {type: file, file_id: file_1, mount_path: /data/in.csv}',
      '  - {type: memory_store, memory_store_id: mem_1, access: read_only, instructions: null}',
      '  - {type: github_repository, url: "https://github.com/o/r", checkout: {type: commit, sha: abc123}}',
      'initial_events:',
      '  - type: user.message',
      '    content:',
      '      - type: text',
      '        text: |',
      '          Two lines,',
      '          of text.',
      '      - {type: image, source: {type: base64, media_type: image/png, data: iVBORw0K}}',
      '      - {type: document, source: {type: url, url: "https://example.com/a.pdf"}, title: A}',
      '  - {type: user.define_outcome, description: done, rubric: {type: text, content: ok}}',
      '',
    ].join('\n'),
  ],
  ['anchors and aliases', 'create', 'agent: &id agent_1\nenvironment_id: env_1\nmetadata: {agent: *id}\n'],
  ['CRLF', 'create', 'agent: agent_1\r\nenvironment_id: env_1\r\n'],
  ['update patch', 'update', '# managed-agents: update sesn_1\nmetadata:\n  obsolete: null\n  owner: me\ntitle: null\n'],
  ['update agent lists', 'update', 'agent:\n  tools: []\n  mcp_servers: []\n'],
  ['update, no header, metadata null', 'update', 'metadata: null\n'],
  [
    'send every event type',
    'send',
    [
      'events:',
      '  - {type: user.message, content: [{type: text, text: hi}]}',
      '  - {type: user.interrupt, session_thread_id: null}',
      '  - {type: user.tool_confirmation, tool_use_id: sevt_1, result: deny, deny_message: no}',
      '  - {type: user.custom_tool_result, custom_tool_use_id: sevt_2, content: [{type: text, text: "42"}], is_error: false}',
      '  - {type: user.tool_result, tool_use_id: sevt_3}',
      '  - {type: user.define_outcome, description: d, rubric: {type: file, file_id: file_1}, max_iterations: null}',
      '  - {type: system.message, content: [{type: text, text: be brief}]}',
      '',
    ].join('\n'),
  ],
];

describe('yaml: good buffers', () => {
  for (const [name, kind, text] of GOOD) {
    it(`${name}: no problems, detected as ${kind}`, () => {
      assert.equal(clean(text).kind, kind);
    });
  }
});

describe('yaml: detectBodyKind', () => {
  const cases: Array<[string, unknown, BodyKind | undefined]> = [
    ['events', 'events: []\n', 'send'],
    ['environment_id', 'environment_id: e\n', 'create'],
    ['agent id string', { agent: 'agent_1' }, 'create'],
    ['agent reference', { agent: { id: 'agent_1' } }, 'create'],
    ['agent tools only', { agent: { tools: [] } }, 'update'],
    ['metadata delete', 'metadata: {a: null}\n', 'update'],
    ['budget null', { budget: null }, 'update'],
    ['title only: create (the header is optional for create only)', 'title: t\n', 'create'],
    ['typo of a create-only field', 'initial_event: []\n', 'create'],
    ['typo of events', 'evnts: []\n', 'send'],
    ['header wins', '# managed-agents: update sesn_1\nenvironment_id: e\n', 'update'],
    ['misspelt header still counts', '# managed-agents: sned\ntitle: t\n', 'send'],
    ['a list', '- a\n', undefined],
    ['empty', '', undefined],
    ['a number value', 42, undefined],
  ];
  for (const [name, input, kind] of cases) {
    it(name, () => assert.equal(detectBodyKind(input), kind));
  }
});

describe('yaml: header comment', () => {
  it('reads kind and session id from the leading comments only', () => {
    const h = parseHeader('# My notes\n\n#managed-agents:   send   sesn_01ABC  \nevents: []\n');
    assert.equal(h?.kind, 'send');
    assert.equal(h?.sessionId, 'sesn_01ABC');
    assert.deepEqual(h?.range, { line: 2, character: 0, endLine: 2, endCharacter: 36 });
    assert.deepEqual(h?.problems, []);
    assert.equal(parseHeader('title: t\n# managed-agents: update sesn_1\n'), undefined);
  });

  it('flags a bad header', () => {
    const msgs = (t: string) => parseHeader(t)?.problems.map((p) => `${p.severity}: ${p.message}`);
    assert.deepEqual(msgs('# managed-agents:\n'), [
      'error: the header needs a kind: `# managed-agents: create`, `update <session id>` or `send <session id>`',
    ]);
    assert.deepEqual(msgs('# managed-agents: create sesn_1\n'), [
      'warning: a create body makes a new session; the session id `sesn_1` is ignored',
    ]);
    assert.deepEqual(msgs('# managed-agents: update abc\n'), ['warning: session ids start with `sesn_`; is `abc` right?']);
    assert.deepEqual(msgs('# managed-agents: update sesn_1 please\n'), [
      'warning: unexpected `please` after the session id in the header',
    ]);
    assert.deepEqual(msgs('# managed-agents: send sesn_1\n# managed-agents: update sesn_2\n'), [
      'warning: a second `managed-agents:` header; only the first one counts',
    ]);
  });

  it('formats and sets headers', () => {
    assert.equal(formatHeader('update', 'sesn_1'), '# managed-agents: update sesn_1');
    assert.equal(formatHeader('create', 'sesn_1'), '# managed-agents: create');
    assert.equal(setHeader('title: t\n', 'update', 'sesn_1'), '# managed-agents: update sesn_1\ntitle: t\n');
    assert.equal(
      setHeader('# note\r\n# managed-agents: update sesn_1\r\ntitle: t\r\n', 'send', 'sesn_2'),
      '# note\r\n# managed-agents: send sesn_2\r\ntitle: t\r\n',
    );
  });

  it('warns when the caller uses a buffer as another kind than its header says', () => {
    const r = checkBody('# managed-agents: update sesn_1\ntitle: t\n', 'create');
    assert.equal(r.kind, 'create');
    assert.deepEqual(
      r.problems.map((p) => `${p.range.line} ${p.severity} ${p.code}`),
      ['0 warning header', '1 error missing-field', '1 error missing-field'],
    );
    assert.equal(r.sessionId, 'sesn_1');
  });
});

describe('yaml: checkBody', () => {
  it('reports only syntax errors while the YAML does not parse', () => {
    const r = checkBody('agent: 5\nenvironment_id: [\n', 'create');
    assert.deepEqual(r.problems.map((p) => p.code), ['syntax']);
  });

  it('returns the value it checked', () => {
    assert.deepEqual(checkBody('events: [{type: user.interrupt}]\n').value, { events: [{ type: 'user.interrupt' }] });
  });

  it('does not nag about an empty buffer with no kind', () => {
    assert.deepEqual(checkBody('# just a comment\n').problems.map((p) => p.severity), ['info']);
  });
});

describe('yaml: templates', () => {
  it('createTemplate: a clean create body with the ids, and clean with every optional field uncommented', () => {
    const text = createTemplate({ agentId: 'agent_011', agentName: 'Helper', environmentId: 'env_022', environmentName: 'Default' });
    assert.ok(text.startsWith('# managed-agents: create\n'));
    assert.deepEqual(clean(text), { kind: 'create', value: { agent: 'agent_011', environment_id: 'env_022' } });
    const full = clean(uncommentAll(text)).value as Record<string, unknown>;
    assert.deepEqual(Object.keys(full).sort(), [
      'agent', 'budget', 'environment_id', 'initial_events', 'metadata', 'resources', 'title', 'vault_ids',
    ]);
    assert.deepEqual((full.initial_events as unknown[])[0], {
      type: 'user.message',
      content: [{ type: 'text', text: 'Describe the task for the agent here.' }],
    });
    assert.equal(full.title, 'Helper session');
    // One explanation per optional field.
    for (const line of text.split('\n').filter((l) => /^# [a-z_]+:/.test(l))) assert.match(line, / {2}# \S/, line);
  });

  it('createTemplate: a pinned version writes an agent reference, checks clean and says it is pinned', () => {
    const text = createTemplate({ agentId: 'agent_011', agentName: 'Helper', agentVersion: 2, environmentId: 'env_022', environmentName: 'Default' });
    assert.deepEqual(clean(text), { kind: 'create', value: { agent: { type: 'agent', id: 'agent_011', version: 2 }, environment_id: 'env_022' } });
    assert.deepEqual((clean(uncommentAll(text)).value as { agent: unknown }).agent, { type: 'agent', id: 'agent_011', version: 2 });
    const agentLine = text.split('\n').find((line) => line.startsWith('agent:'));
    assert.match(String(agentLine), /# pinned to version 2\b/);
    assert.doesNotMatch(String(agentLine), /runs the latest version/);
    assert.match(text, /^# Agent: Helper \(agent_011\), version 2; /m);
    // An id that YAML would read as another type stays a string inside the reference too.
    assert.deepEqual(clean(createTemplate({ agentId: 'true', agentVersion: 7, environmentId: 'env_1' })).value, {
      agent: { type: 'agent', id: 'true', version: 7 },
      environment_id: 'env_1',
    });
  });

  it('createTemplate: without a version, or with one the API would refuse, the body runs the latest version', () => {
    const latest = createTemplate({ agentId: 'agent_011', environmentId: 'env_022' });
    assert.match(latest, /^agent: agent_011 {2}# runs the latest version/m);
    for (const agentVersion of [0, -1, 1.5, Number.NaN, '2' as never]) {
      assert.equal(createTemplate({ agentId: 'agent_011', agentVersion, environmentId: 'env_022' }), latest, String(agentVersion));
    }
  });

  it('createTemplate: odd names and ids stay valid YAML', () => {
    const text = createTemplate({ agentId: 'true', agentName: 'a\nb: "c"', environmentId: '12', environmentName: '#x' });
    assert.deepEqual(clean(text).value, { agent: 'true', environment_id: '12' });
    assert.equal((clean(uncommentAll(text)).value as { title: string }).title, 'a b: "c" session');
    assert.doesNotThrow(() => createTemplate(undefined as never));
  });

  const session: Partial<Session> = {
    id: 'sesn_011',
    title: 'Fix: the build',
    metadata: { team: 'infra', 'odd key': '#1' },
    vault_ids: ['vlt_1'],
    budget: { type: 'limit', max_list_cost: { amount: '2500', currency: 'USD' } },
    agent: {
      tools: [
        {
          type: 'agent_toolset_20260401',
          configs: [{ name: 'bash', type: 'bash', enabled: true, permission_policy: { type: 'always_ask' } }],
          default_config: { enabled: true, permission_policy: { type: 'auto' } },
          added_by_a_newer_api: true,
        },
        { type: 'custom', name: 'lookup', description: 'Looks\nthings up', input_schema: { type: 'object', properties: {} } },
      ],
      mcp_servers: [{ name: 'gh', type: 'url', url: 'https://example.com/mcp' }],
    } as unknown as Session['agent'],
  };

  it('updateTemplate: the current updatable fields, clean, with the session id in the header', () => {
    const text = updateTemplate(session);
    assert.ok(text.startsWith('# managed-agents: update sesn_011\n'));
    assert.match(text, /REPLACE the whole list/);
    assert.match(text, /set to null is deleted/);
    const { kind, value } = clean(text);
    assert.equal(kind, 'update');
    const v = value as { title?: string; metadata?: unknown; agent: { tools: Record<string, unknown>[]; mcp_servers?: unknown }; budget?: unknown };
    assert.equal(v.title, 'Fix: the build');
    assert.deepEqual(v.metadata, { team: 'infra', 'odd key': '#1' });
    assert.equal(v.agent.tools.length, 2);
    assert.equal(v.agent.tools[0].added_by_a_newer_api, undefined, 'response-only fields are dropped');
    assert.equal(v.agent.tools[1].description, 'Looks\nthings up');
    assert.deepEqual(v.agent.mcp_servers, [{ name: 'gh', type: 'url', url: 'https://example.com/mcp' }]);
    assert.equal(v.budget, undefined, 'budget is shown commented out');
    const all = clean(uncommentAll(text)).value as Record<string, unknown>;
    assert.deepEqual(all.budget, session.budget);
    assert.deepEqual(all.vault_ids, ['vlt_1']);
  });

  it('updateTemplate with raiseBudgetTo: the budget written out with the new ceiling, the rest unchanged', () => {
    const text = updateTemplate(session, { raiseBudgetTo: '5000' });
    const v = clean(text).value as Record<string, unknown>;
    assert.deepEqual(v.budget, { type: 'limit', max_list_cost: { amount: '5000', currency: 'USD' } });
    assert.equal(v.title, 'Fix: the build');
    assert.match(text, /must be above what the session has already spent/);
    assert.equal((clean(updateTemplate({ id: 'sesn_2' }, { raiseBudgetTo: '5000' })).value as Record<string, unknown>).budget, undefined, 'no budget to raise');
    assert.equal((clean(updateTemplate(session, { raiseBudgetTo: '-1' })).value as Record<string, unknown>).budget, undefined, 'not an amount');
  });

  it('updateTemplate: a bare session', () => {
    const text = updateTemplate({ id: 'sesn_2' });
    assert.deepEqual(clean(text).value, { title: null, metadata: {}, agent: { tools: [], mcp_servers: [] } });
    assert.doesNotThrow(() => updateTemplate(null as never));
    const cyclic: Record<string, unknown> = { id: 'sesn_3', title: 't' };
    cyclic.metadata = { self: cyclic };
    cyclic.agent = { tools: [cyclic] };
    assert.equal(clean(updateTemplate(cyclic as never)).kind, 'update');
  });

  it('sendTemplate: one user message, every other event kind clean when uncommented', () => {
    const text = sendTemplate({ sessionId: 'sesn_3', text: 'Line 1\nsays: "hi"' });
    assert.ok(text.startsWith('# managed-agents: send sesn_3\n'));
    assert.deepEqual(clean(text).value, {
      events: [{ type: 'user.message', content: [{ type: 'text', text: 'Line 1\nsays: "hi"' }] }],
    });
    const all = clean(uncommentAll(text)).value as { events: Array<{ type: string }> };
    assert.deepEqual(all.events.map((e) => e.type), [
      'user.message',
      'user.interrupt',
      'user.tool_confirmation',
      'user.custom_tool_result',
      'user.define_outcome',
      'system.message',
    ]);
    assert.equal(clean(sendTemplate()).kind, 'send');
  });
});

describe('yaml: changedFields', () => {
  it('keeps only what the user changed', () => {
    const before = { title: 't', metadata: { a: 'b' }, agent: { tools: [{ type: 'x' }], mcp_servers: [] } };
    const after = { title: 't', metadata: { a: null }, agent: { tools: [{ type: 'x' }], mcp_servers: [] }, vault_ids: [] };
    assert.deepEqual(changedFields(before, after), { metadata: { a: null }, vault_ids: [] });
    assert.deepEqual(changedFields(before, before), {});
    assert.deepEqual(changedFields(undefined, 'x'), {});
  });
});
