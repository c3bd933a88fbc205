import assert from 'node:assert/strict';
import type { Session, SessionEvent, SessionResource, SessionThread } from '../../../src/api';
import { toEventJsonView, toInspectorView, type InspectorInput } from '../../../src/history/inspector';
import { makeSession } from '../sessions/fixtures';

const at = '2026-11-21T10:00:00.000Z';

const SESSION: Session = makeSession({
  id: 'sesn_inspect',
  environment_id: 'env_staging',
  vault_ids: ['vlt_1', 'vlt_2'],
  metadata: { ticket: 'ABC-1', owner: 'docs' },
  budget: { type: 'limit', max_list_cost: { amount: '500', currency: 'USD' } },
  usage: { input_tokens: 1200, output_tokens: 300, list_cost: { amount: '42', currency: 'USD' } },
  outcome_evaluations: [
    { type: 'outcome_evaluation', outcome_id: 'out_1', iteration: 0, result: 'needs_revision', explanation: 'Listed by the session only', description: 'All tests pass', completed_at: at },
    { type: 'outcome_evaluation', outcome_id: 'out_1', iteration: 1, result: 'satisfied', explanation: 'from the session', description: 'All tests pass', completed_at: at },
  ],
  agent: {
    id: 'agent_lead',
    name: 'Team lead',
    type: 'agent',
    version: 4,
    description: 'Plans the work',
    execution_identity: { type: 'service_account' },
    model: { id: 'claude-opus-4-6', effort: { type: 'high' } },
    system: 'You lead a team.\nBe brief.',
    mcp_servers: [{ name: 'github', type: 'url', url: 'https://mcp.example.com/github' }],
    skills: [{ type: 'anthropic', skill_id: 'xlsx', version: 'latest' }],
    tools: [
      {
        type: 'agent_toolset_20260401',
        default_config: { enabled: true, permission_policy: { type: 'always_allow' } },
        configs: [{ name: 'bash', type: 'bash', enabled: true, permission_policy: { type: 'always_ask' } }, { name: 'write', type: 'write', enabled: false, permission_policy: { type: 'always_allow' } }],
      },
      { type: 'mcp_toolset', mcp_server_name: 'github', default_config: { enabled: true, permission_policy: { type: 'always_ask' } }, configs: [] },
      { type: 'custom', name: 'lookup_order', description: 'Finds an order', input_schema: { type: 'object' } },
    ],
    multiagent: { type: 'coordinator' },
  },
});

const RESOURCES: SessionResource[] = [
  { type: 'file', id: 'sres_1', file_id: 'file_1', mount_path: '/mnt/session/uploads/notes.md', created_at: at, updated_at: at },
  { type: 'github_repository', id: 'sres_2', url: 'https://github.com/acme/app', mount_path: '/workspace/app', checkout: { type: 'branch', name: 'main' }, created_at: at, updated_at: at },
  { type: 'memory_store', memory_store_id: 'mem_1', name: 'Team notes', access: 'read_only' },
];

const agentSnapshot = { ...SESSION.agent } as SessionThread['agent'];
const THREADS: SessionThread[] = [
  {
    type: 'session_thread', id: 'sthr_primary', session_id: SESSION.id, parent_thread_id: null, agent: agentSnapshot, archived_at: null, created_at: at, updated_at: at, status: 'idle', workflow_run_id: null,
    stats: { active_seconds: 75 }, usage: { input_tokens: 12_345, output_tokens: 678, cache_read_input_tokens: 90_000, list_cost: { amount: '142', currency: 'USD' } },
  },
  { type: 'session_thread', id: 'sthr_advisor', session_id: SESSION.id, parent_thread_id: 'sthr_primary', agent: { type: 'advisor', model: 'claude-haiku-4-5' }, archived_at: at, created_at: at, updated_at: at, status: 'running', workflow_run_id: null, stats: null, usage: null },
];

const EVENTS: SessionEvent[] = [
  { id: 'ev_define', type: 'user.define_outcome', outcome_id: 'out_1', description: 'All tests pass', rubric: { type: 'text', content: 'CI is green' }, max_iterations: 3, processed_at: at },
  { id: 'ev_start_1', type: 'span.outcome_evaluation_start', outcome_id: 'out_1', iteration: 1, processed_at: at },
  { id: 'ev_end_1', type: 'span.outcome_evaluation_end', outcome_id: 'out_1', outcome_evaluation_start_id: 'ev_start_1', iteration: 1, result: 'satisfied', explanation: 'CI is green.', usage: {}, processed_at: at },
  { id: 'ev_define_2', type: 'user.define_outcome', outcome_id: 'out_2', description: 'Docs updated', rubric: { type: 'file', file_id: 'file_rubric' }, max_iterations: null, processed_at: at },
  { id: 'ev_start_2', type: 'span.outcome_evaluation_start', outcome_id: 'out_2', iteration: 0, processed_at: at },
  { id: 'ev_message', type: 'agent.message', content: [{ type: 'text', text: 'working' }], processed_at: at },
] as SessionEvent[];

const input = (overrides: Partial<InspectorInput> = {}): InspectorInput => ({
  session: SESSION,
  environmentName: 'Staging',
  events: EVENTS,
  threads: { state: 'loaded', items: THREADS },
  resources: { state: 'loaded', items: RESOURCES },
  ...overrides,
});

describe('the inspector view model', () => {
  it('shows the agent snapshot: model, folded system prompt, tools with their policies, MCP servers and skills', () => {
    const agent = toInspectorView(input()).session?.agent;
    assert.deepEqual(agent, {
      id: 'agent_lead',
      name: 'Team lead',
      version: 4,
      description: 'Plans the work',
      model: 'claude-opus-4-6 · effort high',
      system: 'You lead a team.\nBe brief.',
      toolsets: [
        {
          title: 'Built-in tools',
          defaults: { enabled: true, permission: 'always allow' },
          tools: [{ name: 'bash', enabled: true, permission: 'always ask' }, { name: 'write', enabled: false, permission: 'always allow' }],
        },
        { title: 'MCP server github', defaults: { enabled: true, permission: 'always ask' }, tools: [] },
        { title: 'Custom tool', tools: [{ name: 'lookup_order', enabled: true, permission: '', description: 'Finds an order' }] },
      ],
      mcpServers: [{ name: 'github', url: 'https://mcp.example.com/github' }],
      skills: [{ id: 'xlsx', type: 'anthropic', version: 'latest' }],
      multiagent: 'coordinator',
    });
  });

  it('shows the environment, vaults, metadata and the budget against the spend', () => {
    const session = toInspectorView(input()).session!;
    assert.deepEqual(session.environment, { name: 'Staging', id: 'env_staging' });
    assert.deepEqual(session.vaultIds, ['vlt_1', 'vlt_2']);
    assert.deepEqual(session.metadata, [['ticket', 'ABC-1'], ['owner', 'docs']]);
    assert.equal(session.budget, '$0.42 of $5.00 spent');
    assert.equal(session.budgetReached, false);
    assert.equal(session.spent, '$0.42');
    // Without a budget, an environment name or vaults: empty, for the tab to say so.
    const bare = toInspectorView(input({ session: { ...SESSION, budget: null, vault_ids: [], metadata: {} }, environmentName: undefined })).session!;
    assert.deepEqual([bare.budget, bare.environment, bare.vaultIds, bare.metadata], ['', { name: '', id: 'env_staging' }, [], []]);
    assert.equal(toInspectorView(input({ session: { ...SESSION, usage: { list_cost: { amount: '900', currency: 'USD' } } } })).session!.budgetReached, true);
  });

  it('lists the resources with their mount paths', () => {
    assert.deepEqual(toInspectorView(input()).resources, {
      state: 'loaded',
      items: [
        { id: 'sres_1', type: 'file', name: 'file_1', mountPath: '/mnt/session/uploads/notes.md', detail: '' },
        { id: 'sres_2', type: 'github_repository', name: 'https://github.com/acme/app', mountPath: '/workspace/app', detail: 'branch main' },
        { id: 'mem_1', type: 'memory_store', name: 'Team notes', mountPath: '', detail: 'read only' },
      ],
    });
  });

  it('pairs each outcome defined with its evaluations: ended, in progress, and those only the session lists', () => {
    assert.deepEqual(toInspectorView(input()).outcomes, [
      {
        outcomeId: 'out_1',
        description: 'All tests pass',
        rubric: 'CI is green',
        maxIterations: 3,
        eventId: 'ev_define',
        evaluations: [
          { iteration: 0, result: 'needs_revision', explanation: 'Listed by the session only' },
          { iteration: 1, result: 'satisfied', explanation: 'CI is green.', eventId: 'ev_end_1' },
        ],
      },
      { outcomeId: 'out_2', description: 'Docs updated', rubric: 'file file_rubric', maxIterations: null, eventId: 'ev_define_2', evaluations: [{ iteration: 0, result: 'in progress', explanation: '', eventId: 'ev_start_2' }] },
    ]);
    assert.deepEqual(toInspectorView(input({ events: [], session: { ...SESSION, outcome_evaluations: [] } })).outcomes, []);
  });

  it('shows each thread with its status, agent and usage; the primary first as the API lists it', () => {
    assert.deepEqual(toInspectorView(input()).threads, {
      state: 'loaded',
      items: [
        {
          id: 'sthr_primary', primary: true, parentId: '', status: 'idle', archived: false, agentName: 'Team lead', agentType: 'agent', agentVersion: 4, model: 'claude-opus-4-6',
          tokens: '12.3k in · 678 out · 90k cache read', cost: '$1.42', activeTime: '1m 15s', createdAt: at,
        },
        {
          id: 'sthr_advisor', primary: false, parentId: 'sthr_primary', status: 'running', archived: true, agentName: 'Advisor (claude-haiku-4-5)', agentType: 'advisor', agentVersion: null, model: 'claude-haiku-4-5',
          tokens: '', cost: '', activeTime: '', createdAt: at,
        },
      ],
    });
  });

  it('passes on what is not loaded, under way or failed, and has no session section before the session is loaded', () => {
    const view = toInspectorView(input({ session: null, threads: { state: 'failed', error: 'HTTP 503' }, resources: { state: 'loading' } }));
    assert.equal(view.session, null);
    assert.deepEqual(view.threads, { state: 'failed', error: 'HTTP 503' });
    assert.deepEqual(view.resources, { state: 'loading' });
    assert.deepEqual(toInspectorView(input({ threads: { state: 'notLoaded' } })).threads, { state: 'notLoaded' });
  });

  it('reads what the server sent defensively: fields of the wrong type show as absent', () => {
    const hostile = {
      ...SESSION,
      vault_ids: 'vlt_1',
      metadata: { good: 'yes', bad: 3 },
      agent: { ...SESSION.agent, tools: [null, { type: 'future_toolset' }], skills: 'none', mcp_servers: [{ name: 7 }], model: null, system: { text: 'x' } },
    } as unknown as Session;
    const session = toInspectorView(input({ session: hostile, threads: { state: 'loaded', items: [null, { id: 'sthr_x', parent_thread_id: null }] as unknown as SessionThread[] } }));
    assert.deepEqual(session.session?.vaultIds, []);
    assert.deepEqual(session.session?.metadata, [['good', 'yes']]);
    assert.deepEqual(session.session?.agent.toolsets, [{ title: 'future_toolset', tools: [] }]);
    assert.deepEqual(session.session?.agent.skills, []);
    assert.deepEqual(session.session?.agent.mcpServers, [{ name: '', url: '' }]);
    assert.equal(session.session?.agent.model, '');
    assert.equal(session.session?.agent.system, '');
    assert.deepEqual(session.threads.state === 'loaded' && session.threads.items.map((t) => [t.id, t.agentName, t.status, t.primary]), [['sthr_x', 'sthr_x', 'unknown', true]]);
  });

  it('gives the Events tab an event\'s JSON pretty-printed, cut at the limit with the whole length said, and null for an event not held', () => {
    const event = { id: 'sevt_1', type: 'agent.message', processed_at: at, content: [{ type: 'text', text: 'x'.repeat(500) }] } as SessionEvent;
    const whole = toEventJsonView(event);
    assert.equal(whole?.json, JSON.stringify(event, undefined, 2));
    assert.deepEqual({ id: whole?.eventId, type: whole?.eventType, total: whole?.totalChars }, { id: 'sevt_1', type: 'agent.message', total: whole?.json.length });
    const cut = toEventJsonView(event, 100);
    assert.equal(cut?.json, JSON.stringify(event, undefined, 2).slice(0, 100));
    assert.equal(cut?.totalChars, JSON.stringify(event, undefined, 2).length);
    assert.ok(cut.totalChars > cut.json.length);
    assert.equal(toEventJsonView(undefined), null);
  });
});
