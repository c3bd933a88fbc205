import assert from 'node:assert/strict';
import { firstLine, formatPath, parseYaml, pathKey, TextLines } from '../../../src/yaml/parse';
import type { Range } from '../../../src/yaml/parse';

const fmt = (r: Range | undefined) => (r ? `${r.line}:${r.character}-${r.endLine}:${r.endCharacter}` : 'none');

describe('yaml: parseYaml', () => {
  const text = [
    'agent: agent_1', //                 0
    'environment_id: env_1', //          1
    'initial_events:', //                2
    '  - type: user.message', //         3
    '    content:', //                   4
    '      - type: text', //             5
    '        text: |', //                6
    '          line one', //             7
    '          line two', //             8
    'title:', //                         9
    '',
  ].join('\n');
  const parsed = parseYaml(text);

  it('gives the JSON value', () => {
    assert.deepEqual(parsed.value, {
      agent: 'agent_1',
      environment_id: 'env_1',
      initial_events: [{ type: 'user.message', content: [{ type: 'text', text: 'line one\nline two\n' }] }],
      title: null,
    });
    assert.deepEqual(parsed.errors, []);
  });

  it('maps JSON paths to the ranges of keys and values', () => {
    const at = (path: Array<string | number>) => parsed.ranges.get(pathKey(path));
    const type = at(['initial_events', 0, 'content', 0, 'type']);
    assert.equal(fmt(type?.key), '5:8-5:12');
    assert.equal(fmt(type?.value), '5:14-5:18');
    assert.equal(type?.block, false);
    const events = at(['initial_events']);
    assert.equal(fmt(events?.key), '2:0-2:14');
    assert.equal(events?.block, true);
    assert.equal(fmt(at(['initial_events', 0])?.value).split('-')[0], '3:4');
    assert.equal(at(['initial_events', 0])?.key, undefined);
    const block = at(['initial_events', 0, 'content', 0, 'text']);
    assert.equal(fmt(block?.value).split('-')[0], '6:14');
    assert.ok(block!.value.endLine >= 8);
  });

  it('locates an empty value at its key', () => {
    const title = parsed.ranges.get(pathKey(['title']));
    assert.equal(fmt(title?.key), '9:0-9:5');
    assert.equal(fmt(title?.value), '9:0-9:5');
  });

  it('resolves aliases, locating them at the alias', () => {
    const p = parseYaml('base: &b {type: text, text: hi}\ncopy: *b\n');
    assert.deepEqual(p.value, { base: { type: 'text', text: 'hi' }, copy: { type: 'text', text: 'hi' } });
    assert.equal(fmt(p.ranges.get(pathKey(['copy']))?.value), '1:6-1:8');
    assert.equal(p.ranges.get(pathKey(['copy', 'type'])), undefined);
  });

  it('reports an alias inside its own anchor instead of recursing', () => {
    const p = parseYaml('a: &x [1, *x]\n');
    assert.equal(p.errors.length, 1);
    assert.match(p.errors[0].message, /alias `\*x` refers to a value that contains it/);
    assert.deepEqual(p.value, { a: [1, null] });
  });

  it('stops an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) {
      bomb.push(`${name}: &${name} [${Array(10).fill('*' + prev).join(', ')}]`);
    }
    const p = parseYaml(bomb.join('\n') + '\n');
    assert.ok(p.errors.some((e) => /too many values/.test(e.message)), JSON.stringify(p.errors));
  });

  it('survives very deep nesting', () => {
    const p = parseYaml('a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
    assert.ok(p.errors.some((e) => /nesting is deeper than/.test(e.message)));
  });

  it('keeps `__proto__` as a plain key (no prototype pollution)', () => {
    const p = parseYaml('__proto__: {polluted: yes}\n');
    const value = p.value as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(value, '__proto__'));
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reads YAML 1.2 scalars (yes/no/on stay strings)', () => {
    assert.deepEqual(parseYaml('a: yes\nb: on\nc: 0x10\nd: "1"\ne: ~\nf: true\n').value, {
      a: 'yes',
      b: 'on',
      c: 16,
      d: '1',
      e: null,
      f: true,
    });
  });

  it('turns scalar keys into strings', () => {
    assert.deepEqual(parseYaml('1: a\ntrue: b\nnull: c\n').value, { '1': 'a', true: 'b', null: 'c' });
  });

  it('never throws on odd input', () => {
    for (const input of ['', '\u0000', '\t', '- - - -', '{', '"', '&a', '*a', '? ', '%YAML 9\n---\n', '\uFEFFa: b', undefined as unknown as string]) {
      const p = parseYaml(input);
      assert.ok(Array.isArray(p.errors));
    }
  });
});

describe('yaml: positions', () => {
  it('counts lines with CRLF and characters in UTF-16 units', () => {
    const lines = new TextLines('a: 1\r\nb: "🚀"\r\nc');
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(lines.position(6), { line: 1, character: 0 });
    assert.equal(lines.lineText(1), 'b: "🚀"');
    assert.deepEqual(lines.position(14), { line: 1, character: 8 });
    assert.deepEqual(lines.position(999), { line: 2, character: 1 });
  });

  it('cuts a range to its first line', () => {
    const lines = new TextLines('key:   value  \nnext\n');
    assert.deepEqual(firstLine({ line: 0, character: 0, endLine: 1, endCharacter: 2 }, lines), {
      line: 0,
      character: 0,
      endLine: 0,
      endCharacter: 12,
    });
  });

  it('formats paths', () => {
    assert.equal(formatPath(['initial_events', 0, 'content', 1, 'type']), 'initial_events[0].content[1].type');
    assert.equal(formatPath(['metadata', 'a b']), 'metadata["a b"]');
    assert.equal(formatPath([]), '(top level)');
  });
});
