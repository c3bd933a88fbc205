// Generators of create / update / send bodies for the fuzz tests: valid values, changes that
// certainly break them, wild changes, and text mutations. Shared by the unit fuzzers
// (yamlFuzz.test.ts, ../yaml/fuzz.test.ts) and the in-editor sample (test/integration/reliability.hostile.test.ts).
import YAML from 'yaml';
import { createTemplate, updateTemplate, type BodyKind } from '../../../src/yaml/bodies';
import { sendTemplate } from '../yaml/sendBody';

export const TEMPLATES: Record<BodyKind, string> = {
  create: createTemplate({ agentId: 'agent_011CZkYpogX7uDKUyvBTophP', agentName: 'A', environmentId: 'env_011CZkZ9X2dpNyB7HsEFoRfW', environmentName: 'E' }),
  update: updateTemplate({ id: 'sesn_1', title: 't', metadata: { a: 'b' }, agent: { tools: [{ type: 'custom', name: 'c', description: 'd', input_schema: { type: 'object' } }], mcp_servers: [] } }),
  send: sendTemplate({ sessionId: 'sesn_011CZkZAtmR3yMPDzynEDxu7' }),
};

/** Valid values of each kind, richer than the templates, to mutate as values. */
export const VALID: Record<BodyKind, unknown[]> = {
  create: [
    { agent: 'agent_1', environment_id: 'env_1' },
    {
      agent: { type: 'agent', id: 'agent_1', version: 2 },
      environment_id: 'env_1',
      title: 'Triage',
      metadata: { team: 'support', ticket: '1234' },
      initial_events: [{ type: 'user.message', content: [{ type: 'text', text: 'Where is my order?' }] }],
      resources: [{ type: 'github_repository', url: 'https://github.com/o/r', mount_path: '/workspace/r' }],
    },
  ],
  update: [{ title: 'new title' }, { metadata: { a: 'b', gone: null } }, { title: null, agent: { tools: [] } }],
  send: [
    { events: [{ type: 'user.message', content: [{ type: 'text', text: 'hello' }] }] },
    { events: [{ type: 'user.interrupt' }, { type: 'user.tool_confirmation', tool_use_id: 'sevt_1', result: 'deny', deny_message: 'no' }] },
    { events: [{ type: 'user.custom_tool_result', custom_tool_use_id: 'sevt_2', content: [{ type: 'text', text: 'done' }] }] },
  ],
};

/** Mutations after which a body is certainly invalid for its kind. */
export const BREAKERS: Record<BodyKind, ((value: Record<string, unknown>, rand: () => number) => void)[]> = {
  create: [
    (v) => delete v.agent,
    (v) => delete v.environment_id,
    (v, r) => (v.agent = [42, true, null, [], 3.5][Math.floor(r() * 5)]),
    (v, r) => (v.environment_id = [42, false, {}, []][Math.floor(r() * 4)]),
    (v, r) => (v[['agnet', 'environment', 'titel', 'initial_event', 'meta'][Math.floor(r() * 5)]] = 'x'),
    (v) => (v.metadata = { key: 12 }),
    (v) => (v.initial_events = 'hello'),
    (v) => (v.initial_events = [{ type: 'user.hologram', content: [] }]),
    (v) => (v.title = 12345),
  ],
  update: [
    (v, r) => (v[['titel', 'agent_id', 'environment_id', 'status', 'events'][Math.floor(r() * 5)]] = 'x'),
    (v) => (v.title = { not: 'a string' }),
    (v) => (v.metadata = ['a', 'b']),
    (v) => (v.agent = 'agent_1'),
  ],
  send: [
    (v) => delete v.events,
    (v) => (v.events = { type: 'user.message' }),
    (v) => (v.events = [{ type: 'user.hologram' }]),
    (v) => (v.events = [{ type: 'user.message' }]),
    (v) => (v.events = [{ type: 'user.message', content: 'not a list' }]),
    (v) => (v.events = [{ type: 'user.tool_confirmation', tool_use_id: 'sevt_1', result: 'maybe' }]),
    (v, r) => (v[['event', 'session_id', 'messages'][Math.floor(r() * 3)]] = []),
  ],
};

/** Changes that may or may not keep the value valid (a type, a key, a nesting, a huge string). */
export function wildMutation(value: unknown, rand: () => number, depth = 0): unknown {
  const atoms: unknown[] = [null, true, 0, -1, 1e21, '', 'x'.repeat(1 + Math.floor(rand() * 5000)), '<script>alert(1)</script>', '🚀é\u0000', '__proto__', [], {}];
  if (depth > 6 || rand() < 0.15) return atoms[Math.floor(rand() * atoms.length)];
  if (Array.isArray(value)) {
    const copy = value.map((item) => (rand() < 0.3 ? wildMutation(item, rand, depth + 1) : item));
    if (rand() < 0.2) copy.push(wildMutation(copy[0] ?? {}, rand, depth + 1));
    if (rand() < 0.1) copy.splice(0, 1);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys[Math.floor(rand() * keys.length)];
    if (key !== undefined && rand() < 0.6) copy[key] = wildMutation(copy[key], rand, depth + 1);
    if (rand() < 0.1) Object.defineProperty(copy, ['constructor', '__proto__', 'type', 'extra'][Math.floor(rand() * 4)], { value: wildMutation({}, rand, depth + 1), enumerable: true, configurable: true, writable: true });
    if (key !== undefined && rand() < 0.1) delete copy[key];
    return copy;
  }
  return atoms[Math.floor(rand() * atoms.length)];
}

/** Fragments that YAML, JSON and our header treat specially, plus names the schemas use. */
export const PIECES = [
  ' ', '  ', '\n', '\r\n', '\t', ':', ': ', '- ', '-', '#', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!', '!!str ',
  '|', '>', '?', '---\n', '...', '%', '@', '`', '\\', 'type', 'user.message', 'events', 'agent', 'text', 'null', '~', '0', '1e9',
  '.inf', 'é', '🚀', '\u0000', '\uFEFF', '__proto__', 'constructor',
  '# managed-agents: send sesn_1\n', '# managed-agents: update\n', '# managed-agents: update sesn_1\n', '# managed-agents: creat\n',
];

/** One to four random edits: insert, delete or replace text, indent or dedent, repeat, drop or cut lines. */
export function mutateText(text: string, rand: () => number): string {
  let t = text;
  for (let step = 1 + Math.floor(rand() * 4); step > 0; step--) {
    const at = Math.floor(rand() * (t.length + 1));
    const piece = PIECES[Math.floor(rand() * PIECES.length)];
    const lines = t.split('\n');
    const line = Math.floor(rand() * lines.length);
    switch (Math.floor(rand() * 8)) {
      case 0: t = t.slice(0, at) + piece + t.slice(at); break;
      case 1: t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rand() * 8)); break;
      case 2: t = t.slice(0, at) + piece + t.slice(at + 1); break;
      case 3: lines[line] = ' '.repeat(1 + Math.floor(rand() * 3)) + (lines[line] ?? ''); t = lines.join('\n'); break;
      case 4: lines.splice(line, 0, lines[Math.floor(rand() * lines.length)] ?? ''); t = lines.join('\n'); break;
      case 5: lines[line] = (lines[line] ?? '').replace(/^ {1,2}/, ''); t = lines.join('\n'); break;
      case 6: t = t.slice(0, at); break;
      default: lines.splice(line, 1); t = lines.join('\n');
    }
  }
  return t;
}

/** Up to 60 pieces and random characters. */
export function randomText(rand: () => number): string {
  let t = '';
  for (let n = Math.floor(rand() * 60); n > 0; n--) t += rand() < 0.8 ? PIECES[Math.floor(rand() * PIECES.length)] : String.fromCharCode(Math.floor(rand() * 0x3000));
  return t;
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
export const toYaml = (value: unknown, rand: () => number): string => (rand() < 0.2 ? JSON.stringify(value, null, rand() < 0.5 ? 2 : 0) : YAML.stringify(value));

/** A body that is certainly invalid for `kind`: a valid one with one breaking change. */
export function certainlyInvalid(kind: BodyKind, rand: () => number): string {
  const value = clone(VALID[kind][Math.floor(rand() * VALID[kind].length)]) as Record<string, unknown>;
  const breakers = BREAKERS[kind];
  breakers[Math.floor(rand() * breakers.length)](value, rand);
  return toYaml(value, rand);
}
