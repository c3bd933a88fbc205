import assert from 'node:assert/strict';
import type { EventSendParams, SessionCreateParams, SessionUpdateParams } from '../../../src/api';
import { BODY_KINDS, BODY_SCHEMAS, topLevelFields } from '../../../src/yaml/schemas';
import { closest, SUPPORTED_KEYWORDS, validateValue } from '../../../src/yaml/validate';
import type { Schema } from '../../../src/yaml/validate';

const create = BODY_SCHEMAS.create;
const send = BODY_SCHEMAS.send;
const update = BODY_SCHEMAS.update;
const messages = (value: unknown, schema: Schema) => validateValue(value, schema).map((i) => i.message);

describe('yaml: closest (did you mean)', () => {
  const fields = ['agent', 'environment_id', 'title', 'metadata', 'initial_events'];
  it('finds typos, transpositions and case slips', () => {
    assert.equal(closest('enviroment_id', fields), 'environment_id');
    assert.equal(closest('titel', fields), 'title');
    assert.equal(closest('Title', fields), 'title');
    assert.equal(closest('initial_event', fields), 'initial_events');
  });
  it('suggests nothing far away', () => {
    assert.equal(closest('colour', fields), undefined);
    assert.equal(closest('x', fields), undefined);
    assert.equal(closest('', fields), undefined);
  });
});

describe('yaml: validateValue', () => {
  it('accepts full bodies of every kind', () => {
    const body: SessionCreateParams = {
      agent: {
        type: 'agent_with_overrides',
        id: 'agent_1',
        model: { id: 'some-future-model', effort: { type: 'high' }, speed: null },
        tools: [
          {
            type: 'agent_toolset_20260401',
            configs: [
              { name: 'bash', type: 'bash', permission_policy: { type: 'always_ask' } },
              { name: 'web_fetch', url_sources: { client_tool_results: 'none', server_tool_results: { type: 'except', tools: [{ type: 'tool_reference', name: 'x' }] } } },
            ],
          },
          { type: 'custom', name: 'lookup', description: 'd', input_schema: { type: 'object', properties: { q: { type: 'string' } }, anything: [1] } },
        ],
      },
      environment_id: 'env_1',
      metadata: { a: 'b' },
      initial_events: [{ type: 'user.define_outcome', description: 'd', rubric: { type: 'file', file_id: 'file_1' }, max_iterations: 3 }],
    };
    assert.deepEqual(messages(body, create), []);
    const patch: SessionUpdateParams = { metadata: { gone: null, kept: 'x' }, budget: null, title: null };
    assert.deepEqual(messages(patch, update), []);
    const events: EventSendParams = { events: [{ type: 'user.interrupt' }, { type: 'user.tool_result', tool_use_id: 't', content: [] }] };
    assert.deepEqual(messages(events, send), []);
  });

  it('checks a discriminated union against the member its `type` selects only', () => {
    const issues = validateValue({ events: [{ type: 'user.tool_confirmation', tool_use_id: 't', result: 'allow', content: [] }] }, send);
    assert.deepEqual(
      issues.map((i) => [i.path.join('.'), i.code, i.message]),
      [['events.0.content', 'unknown-field', 'unknown field `content` in `events[0]`; known fields: `result`, `tool_use_id`, `type`, `deny_message`']],
    );
  });

  it('selects built-in tool configs by `name`', () => {
    const issues = validateValue({ agent: { tools: [{ type: 'agent_toolset_20260401', configs: [{ name: 'bash', type: 'grep' }] }] } }, update);
    assert.deepEqual(issues.map((i) => i.message), ['`agent.tools[0].configs[0].type` must be `bash`, not `grep`']);
  });

  it('reports the member fields of the selected union member as missing', () => {
    const issues = validateValue({ events: [{ type: 'user.define_outcome' }] }, send);
    assert.deepEqual(
      issues.map((i) => [i.code, i.at, i.message.split(' (')[0]]),
      [
        ['missing-field', 'head', 'missing required field `description` in `events[0]`'],
        ['missing-field', 'head', 'missing required field `rubric` in `events[0]`'],
      ],
    );
  });

  it('suggests and does not repeat a missing field the user misspelt', () => {
    const issues = validateValue({ agent: 'a', environmentid: 'e' }, create);
    assert.deepEqual(issues.map((i) => [i.code, i.suggestion]), [['unknown-field', 'environment_id']]);
  });

  it('says what the root must be', () => {
    assert.deepEqual(messages([1], create), ['`(top level)` must be an object, not a list']);
    assert.deepEqual(messages('x', send), ['`(top level)` must be an object, not a string']);
  });

  it('counts string length in characters, not UTF-16 units', () => {
    const ok = { agent: 'a', environment_id: 'e', metadata: { k: '🚀'.repeat(512) } };
    assert.deepEqual(messages(ok, create), []);
    const long = { agent: 'a', environment_id: 'e', metadata: { k: '🚀'.repeat(513) } };
    assert.deepEqual(messages(long, create), ['`metadata.k` is 513 characters long; at most 512 are allowed']);
  });

  it('never throws on a broken schema', () => {
    const broken = { $ref: '#/definitions/Nope', anyOf: [{ $ref: '#/x/y' }], pattern: '(' } as unknown as Schema;
    assert.ok(Array.isArray(validateValue({ a: 1 }, broken)));
    const cyclic = { $ref: '#', definitions: {} } as unknown as Schema;
    assert.ok(Array.isArray(validateValue({ a: 1 }, cyclic)));
  });
});

describe('yaml: generated schemas', () => {
  // Exhaustive at compile time: adding a field to the types without regenerating fails here.
  const fields: { [K in 'create' | 'update' | 'send']: Record<string, true> } = {
    create: {
      agent: true,
      environment_id: true,
      budget: true,
      initial_events: true,
      metadata: true,
      resources: true,
      title: true,
      vault_ids: true,
    } satisfies Record<keyof SessionCreateParams, true>,
    update: { agent: true, budget: true, metadata: true, title: true, vault_ids: true } satisfies Record<keyof SessionUpdateParams, true>,
    send: { events: true } satisfies Record<keyof EventSendParams, true>,
  };

  for (const kind of BODY_KINDS) {
    it(`${kind}: top-level fields are the type's fields`, () => {
      assert.deepEqual([...topLevelFields(kind)].sort(), Object.keys(fields[kind]).sort());
    });

    it(`${kind}: draft-07, every $ref resolves, only keywords the validator knows`, () => {
      const schema = BODY_SCHEMAS[kind];
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      const known = new Set<string>(SUPPORTED_KEYWORDS);
      const walk = (s: unknown, where: string): void => {
        if (!s || typeof s !== 'object') return;
        for (const [k, v] of Object.entries(s)) {
          assert.ok(known.has(k), `unsupported keyword ${k} at ${where}`);
          if (k === '$ref') assert.ok(schema.definitions?.[String(v).replace('#/definitions/', '')], `dangling ${String(v)}`);
          if (k === 'properties' || k === 'definitions') for (const [n, sub] of Object.entries(v as object)) walk(sub, `${where}/${n}`);
          if (k === 'anyOf') (v as unknown[]).forEach((sub, i) => walk(sub, `${where}/anyOf/${i}`));
          if (k === 'items' || k === 'additionalProperties' || k === 'propertyNames') walk(v, `${where}/${k}`);
        }
      };
      walk(schema, kind);
    });

    it(`${kind}: objects are closed except maps and the custom tool input schema`, () => {
      const open: string[] = [];
      for (const [name, def] of Object.entries(BODY_SCHEMAS[kind].definitions ?? {})) {
        for (const s of def.anyOf ? def.anyOf : [def]) {
          if (s.properties && s.additionalProperties !== false) open.push(name);
        }
      }
      assert.deepEqual(open, kind === 'send' ? [] : ['CustomToolInputSchema']);
    });
  }

  it('carries the SDK doc comments and limits', () => {
    const def = create.definitions!.SessionCreateParams;
    assert.match(def.properties!.environment_id.description ?? '', /environment/);
    assert.equal(def.properties!.metadata.maxProperties, 16);
    assert.equal(def.properties!.initial_events.maxItems, 50);
    assert.deepEqual(def.required, ['agent', 'environment_id']);
    assert.deepEqual(send.definitions!.EventSendParams.required, ['events']);
  });
});
