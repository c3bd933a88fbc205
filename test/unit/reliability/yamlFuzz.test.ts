// The YAML front end under hostile input: create, update and send bodies, random, mutated as text and
// mutated as values (then written back as YAML). The checker never throws; every rejection is located
// (a range inside the document); and a body that is certainly invalid (a required field removed, a
// wrong type, an unknown field, an unknown event type) is always rejected, so the commands, which send
// only what the checker accepts, send nothing for it. In the editor the same is shown end to end by
// reliability.hostile.test.ts (real commands, request count 0).
import assert from 'node:assert/strict';
import { checkBody, detectBodyKind, parseHeader, type BodyKind } from '../../../src/yaml/bodies';
import { TextLines, type Problem } from '../../../src/yaml/parse';
import { BAD_BUFFERS } from '../yaml/corpus';
import { TEMPLATES, VALID, certainlyInvalid, clone, mutateText, randomText, toYaml, wildMutation } from './yamlBodies';
import { count, report, rng } from './soak';

/** Every problem has a message and a range inside the document; returns the errors. */
function located(problems: Problem[], text: string, label: string): Problem[] {
  const lines = new TextLines(text);
  for (const p of problems) {
    const where = () => `${label}: ${JSON.stringify(p)} in ${JSON.stringify(text.slice(0, 300))}`;
    if (!(typeof p.message === 'string' && p.message.length > 0)) assert.fail(where());
    const r = p.range;
    if (![r.line, r.character, r.endLine, r.endCharacter].every((n) => Number.isInteger(n) && n >= 0)) assert.fail(where());
    if (!(r.line < lines.lineCount && r.endLine < lines.lineCount)) assert.fail(where());
    if (!(r.line < r.endLine || (r.line === r.endLine && r.character <= r.endCharacter))) assert.fail(where());
    if (!(r.character <= lines.lineText(r.line).length + 1 && r.endCharacter <= lines.lineText(r.endLine).length + 1)) assert.fail(where());
  }
  return problems.filter((p) => p.severity === 'error');
}

/** What Create / Send / Apply do with a checked buffer: send it only with no errors and a matching header. */
function wouldSend(text: string, kind: BodyKind): boolean {
  const check = checkBody(text, kind);
  if (check.header?.kind && check.header.kind !== kind) return false;
  return !check.problems.some((p) => p.severity === 'error');
}

const KINDS: BodyKind[] = ['create', 'update', 'send'];

describe('reliability: YAML front end fuzz', function () {
  this.timeout(600_000);
  const total = count(10_000, 100_000);

  it(`${total.toLocaleString('en-US')} random and mutated create / update / send bodies: no throw, every rejection located, nothing invalid accepted`, () => {
    const rand = rng(20261021);
    const stats = { cases: 0, rejected: 0, certainlyInvalid: 0, accepted: 0, byKind: { create: 0, update: 0, send: 0 } as Record<BodyKind, number> };
    const seeds = [...Object.values(TEMPLATES), ...BAD_BUFFERS.map((entry) => entry.text)];
    for (let i = 0; i < total; i++) {
      const kind = KINDS[i % 3];
      const mode = Math.floor(rand() * 4);
      let text: string;
      let invalid = false;
      if (mode === 0) {
        text = certainlyInvalid(kind, rand);
        invalid = true;
      } else if (mode === 1) {
        text = toYaml(wildMutation(clone(VALID[kind][Math.floor(rand() * VALID[kind].length)]), rand), rand);
      } else if (mode === 2) {
        text = mutateText(rand() < 0.5 ? TEMPLATES[kind] : seeds[Math.floor(rand() * seeds.length)], rand);
      } else {
        text = randomText(rand);
      }
      const label = `case ${i} (${kind}, mode ${mode})`;
      let check;
      try {
        check = checkBody(text, kind);
      } catch (error) {
        assert.fail(`${label}: checkBody threw ${String(error)} for ${JSON.stringify(text.slice(0, 300))}`);
      }
      const errors = located(check.problems, text, label);
      assert.doesNotThrow(() => JSON.stringify(check.value), label);
      if (i % 7 === 0) {
        detectBodyKind(check.value);
        parseHeader(text);
      }
      const sends = wouldSend(text, kind);
      if (invalid) {
        stats.certainlyInvalid++;
        if (sends) assert.fail(`${label}: a certainly invalid body would be sent: ${JSON.stringify(text.slice(0, 400))}`);
      }
      if (errors.length > 0 && sends) assert.fail(`${label}: a body with errors would be sent`);
      if (errors.length > 0) stats.rejected++;
      else stats.accepted++;
      stats.cases++;
      stats.byKind[kind]++;
    }
    assert.equal(stats.cases, total);
    assert.ok(stats.rejected > total * 0.5, `the generator makes mostly broken bodies (${stats.rejected} of ${total} rejected)`);
    assert.ok(stats.certainlyInvalid > total * 0.2);
    report('YAML fuzz cases', stats.cases);
    report('YAML fuzz: rejected, all located', stats.rejected);
    report('YAML fuzz: certainly invalid, all refused', stats.certainlyInvalid);
  });
});
