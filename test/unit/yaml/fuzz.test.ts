/*
 * Property checks: parsing, checking and detecting never throw, and every problem is well formed,
 * on thousands of random and mutated buffers (deterministic seed).
 */
import assert from 'node:assert/strict';
import { checkBody, createTemplate, detectBodyKind, parseHeader, updateTemplate } from '../../../src/yaml/bodies';
import { sendTemplate } from './sendBody';
import type { BodyKind } from '../../../src/yaml/bodies';
import { TextLines } from '../../../src/yaml/parse';
import type { Problem } from '../../../src/yaml/parse';
import { BODY_SCHEMAS } from '../../../src/yaml/schemas';
import { validateValue } from '../../../src/yaml/validate';
import { mutateText, randomText } from '../reliability/yamlBodies';
import { rng } from '../reliability/soak';
import { BAD_BUFFERS } from './corpus';

const SEEDS = [
  createTemplate({ agentId: 'agent_1', agentName: 'A', environmentId: 'env_1', environmentName: 'E' }),
  updateTemplate({ id: 'sesn_1', title: 't', metadata: { a: 'b' }, agent: { tools: [{ type: 'custom', name: 'c', description: 'd', input_schema: { type: 'object' } }], mcp_servers: [] } }),
  sendTemplate({ sessionId: 'sesn_1' }),
  ...BAD_BUFFERS.map((e) => e.text),
];
const KINDS: Array<BodyKind | undefined> = [undefined, 'create', 'update', 'send'];

function assertWellFormed(problems: Problem[], text: string, label: string): void {
  const lines = new TextLines(text);
  for (const p of problems) {
    const where = `${label}: ${JSON.stringify(p)} in ${JSON.stringify(text.slice(0, 300))}`;
    assert.ok(typeof p.message === 'string' && p.message.length > 0, where);
    assert.ok(['error', 'warning', 'info'].includes(p.severity), where);
    const r = p.range;
    for (const n of [r.line, r.character, r.endLine, r.endCharacter]) assert.ok(Number.isInteger(n) && n >= 0, where);
    assert.ok(r.line < lines.lineCount && r.endLine < lines.lineCount, where);
    assert.ok(r.line < r.endLine || (r.line === r.endLine && r.character <= r.endCharacter), where);
    assert.ok(r.character <= lines.lineText(r.line).length + 1, where);
    assert.ok(r.endCharacter <= lines.lineText(r.endLine).length + 1, where);
  }
}

describe('yaml: fuzz (never throws, problems well formed)', function () {
  this.timeout(120_000);

  it('12,000 mutated and random buffers', () => {
    const rand = rng(20260401);
    let withProblems = 0;
    for (let i = 0; i < 12_000; i++) {
      const text = i % 4 === 3 ? randomText(rand) : mutateText(SEEDS[Math.floor(rand() * SEEDS.length)], rand);
      const kind = KINDS[i % KINDS.length];
      const result = checkBody(text, kind);
      assertWellFormed(result.problems, text, `case ${i}`);
      assert.doesNotThrow(() => JSON.stringify(result.value));
      if (result.problems.length) withProblems++;
      if (i % 10 === 0) {
        detectBodyKind(text);
        parseHeader(text);
      }
    }
    // The generator does produce broken buffers (otherwise this test proves little).
    assert.ok(withProblems > 6_000, `only ${withProblems} buffers had problems`);
  });

  it('3,000 random JSON values against each schema', () => {
    const rand = rng(7);
    const atoms: unknown[] = [null, true, false, 0, -1.5, 1e300, Infinity, NaN, '', 'text', 'user.message', 'agent', 'bash', 'url'];
    const keys = ['type', 'text', 'name', 'id', 'events', 'agent', 'content', 'source', 'configs', 'tools', '__proto__', 'constructor', 'hasOwnProperty'];
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 5 || r < 0.4) return atoms[Math.floor(rand() * atoms.length)];
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 5); i > 0; i--) {
        Object.defineProperty(o, keys[Math.floor(rand() * keys.length)], { value: value(depth + 1), enumerable: true, configurable: true, writable: true });
      }
      return o;
    };
    for (let i = 0; i < 3_000; i++) {
      const v = value(0);
      for (const schema of Object.values(BODY_SCHEMAS)) {
        const issues = validateValue(v, schema);
        for (const issue of issues) assert.ok(issue.message && Array.isArray(issue.path));
      }
    }
  });
});
