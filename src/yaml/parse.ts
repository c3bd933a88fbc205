/*
 * YAML buffer -> JSON value, with located syntax errors and a map from JSON paths to source ranges.
 *
 * Pure module (no `vscode`): ranges are 0-based lines and UTF-16 characters, the same as
 * `vscode.Range`. Never throws.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Alias, Node as YamlNode, Scalar, YAMLError } from 'yaml';

/** A 0-based range; `endCharacter` is exclusive (as in `vscode.Range`). */
export interface Range {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export type JsonPath = ReadonlyArray<string | number>;

export type Severity = 'error' | 'warning' | 'info';

export type ProblemCode =
  | 'syntax'
  | 'duplicate-key'
  | 'yaml-warning'
  | 'not-a-body'
  | 'unknown-field'
  | 'wrong-type'
  | 'missing-field'
  | 'bad-value'
  | 'bad-type'
  | 'limit'
  | 'not-checked'
  | 'header';

/** A located problem in a buffer. */
export interface Problem {
  message: string;
  range: Range;
  severity: Severity;
  code: ProblemCode;
  /** The JSON path the problem is about (schema problems only). */
  path?: JsonPath;
  /** A replacement the editor can offer as a quick fix (e.g. the field name meant by a typo). */
  suggestion?: string;
}

/** Where a JSON path's key (for object members) and value are in the source. */
export interface NodeRanges {
  key?: Range;
  value: Range;
  /** The value is a block-style mapping or list (it starts on a later line than its key). */
  block: boolean;
}

export interface ParsedYaml {
  /** The JSON value of the document (`null` for an empty buffer). */
  value: unknown;
  /** Syntax errors and YAML warnings, sorted by position. */
  errors: Problem[];
  /** `pathKey(path)` -> ranges; the root is `pathKey([])`. */
  ranges: Map<string, NodeRanges>;
  /** The text that was parsed. */
  text: string;
}

/** The key of a JSON path in `ParsedYaml.ranges`. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/** `initial_events[0].content[0].type`; the root is `(top level)`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(top level)';
}

/** Offsets <-> 0-based positions for one text. */
export class TextLines {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  range(start: number, end: number): Range {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, character: a.character, endLine: b.line, endCharacter: b.character };
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
  /** Offset of the end of a line's content (before `\r\n` / `\n`). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13 && end - 1 >= this.lineStart(line)) end--;
    return end;
  }
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
  /** The non-blank part of one line, as a range. */
  lineContentRange(line: number): Range {
    const text = this.lineText(line);
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    return { line, character: start, endLine: line, endCharacter: Math.max(start, end) };
  }
}

/** Cut a range to its first line (to the end of that line's content). */
export function firstLine(range: Range, lines: TextLines): Range {
  if (range.endLine === range.line) return range;
  const content = lines.lineContentRange(range.line);
  return {
    line: range.line,
    character: range.character,
    endLine: range.line,
    endCharacter: Math.max(range.character, content.endCharacter),
  };
}

const MAX_DEPTH = 500;
const MAX_VALUES = 200_000;

/** Parse a YAML buffer. Never throws. */
export function parseYaml(text: string): ParsedYaml {
  const source = typeof text === 'string' ? text : '';
  const lines = new TextLines(source);
  const ranges = new Map<string, NodeRanges>();
  const errors: Problem[] = [];
  let value: unknown;
  try {
    const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2' });
    // A too-deep line yields BLOCK_AS_IMPLICIT_KEY and MULTILINE_IMPLICIT_KEY at one offset: keep the latter.
    const multiline = new Set(doc.errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos?.[0]));
    for (const e of doc.errors) {
      if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(e.pos?.[0])) continue;
      errors.push(syntaxProblem(e, lines, 'error'));
    }
    for (const w of doc.warnings) errors.push(syntaxProblem(w, lines, 'warning'));
    const builder = new Builder(lines, ranges, errors);
    value = builder.convert(doc.contents, [], 0, true);
    const rootRange = doc.contents ? builder.nodeRange(doc.contents) : lines.range(0, 0);
    const prev = ranges.get(pathKey([]));
    ranges.set(pathKey([]), { value: prev?.value ?? rootRange, block: prev?.block ?? false });
  } catch (e) {
    errors.push({
      message: `could not read this YAML: ${e instanceof Error ? e.message : String(e)}`,
      range: lines.range(0, 0),
      severity: 'error',
      code: 'syntax',
    });
    value = null;
  }
  return { value, errors: tidy(errors), ranges, text: source };
}

/** Sort by position and keep one syntax error per line (the parser tends to cascade). */
function tidy(problems: Problem[]): Problem[] {
  const sorted = sortProblems(problems);
  const out: Problem[] = [];
  const seenLines = new Set<number>();
  for (const p of sorted) {
    if (p.code === 'syntax') {
      if (seenLines.has(p.range.line)) continue;
      seenLines.add(p.range.line);
    }
    out.push(p);
  }
  return out;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.range.line - b.range.line ||
      a.range.character - b.range.character ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

class Builder {
  private values = 0;
  private readonly resolving = new Set<YamlNode>();
  /** Anchors seen so far in document order: an alias refers to the last one before it. */
  private readonly anchors = new Map<string, YamlNode>();
  constructor(
    private readonly lines: TextLines,
    private readonly ranges: Map<string, NodeRanges>,
    private readonly errors: Problem[],
  ) {}

  nodeRange(node: YamlNode): Range {
    const r = node.range;
    if (!r) return this.lines.range(0, 0);
    return this.lines.range(r[0], r[1]);
  }

  private isBlock(node: unknown): boolean {
    return (isMap(node) || isSeq(node)) && !node.flow;
  }

  private error(message: string, range: Range, code: ProblemCode = 'syntax'): void {
    this.errors.push({ message, range, severity: 'error', code });
  }

  /** Convert a node to JSON, recording ranges under `path` (when `record`). */
  convert(node: YamlNode | null | undefined, path: (string | number)[], depth: number, record: boolean): unknown {
    if (++this.values > MAX_VALUES) {
      if (this.values === MAX_VALUES + 1) {
        this.error(
          'this document expands to too many values (aliases that repeat large parts?)',
          node ? firstLine(this.nodeRange(node), this.lines) : this.lines.range(0, 0),
        );
      }
      return null;
    }
    if (node === null || node === undefined) return null;
    if (record && !this.ranges.has(pathKey(path))) {
      this.ranges.set(pathKey(path), { value: this.nodeRange(node), block: this.isBlock(node) });
    }
    if (depth > MAX_DEPTH) {
      if (record) this.error(`nesting is deeper than ${MAX_DEPTH} levels`, firstLine(this.nodeRange(node), this.lines));
      return null;
    }
    if (isAlias(node)) return this.alias(node, path, depth);
    this.anchor(node, record);
    if (isScalar(node)) return scalarValue(node);
    this.resolving.add(node);
    try {
      return this.collection(node, path, depth, record);
    } finally {
      this.resolving.delete(node);
    }
  }

  private collection(node: YamlNode, path: (string | number)[], depth: number, record: boolean): unknown {
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const firstSeen = new Map<string, number>();
      for (const pair of node.items) this.pair(obj, firstSeen, pair.key as YamlNode | null, pair.value as YamlNode | null, path, depth, record);
      return obj;
    }
    if (isSeq(node)) {
      const arr: unknown[] = [];
      node.items.forEach((item, i) => {
        if (isPair(item)) {
          // `[a: 1]`: a single-pair mapping inside a flow list.
          const obj: Record<string, unknown> = {};
          this.pair(obj, new Map(), item.key as YamlNode | null, item.value as YamlNode | null, [...path, i], depth + 1, record);
          arr.push(obj);
        } else {
          arr.push(this.convert(item as YamlNode | null, [...path, i], depth + 1, record));
        }
      });
      return arr;
    }
    return null;
  }

  private anchor(node: YamlNode, record: boolean): void {
    const name = (node as { anchor?: unknown }).anchor;
    if (record && typeof name === 'string' && name) this.anchors.set(name, node);
  }

  private alias(node: Alias, path: (string | number)[], depth: number): unknown {
    const target = this.anchors.get(node.source);
    if (!target) {
      this.error(`unknown alias \`*${node.source}\`: no anchor \`&${node.source}\` before it`, this.nodeRange(node));
      return null;
    }
    if (this.resolving.has(target)) {
      this.error(`alias \`*${node.source}\` refers to a value that contains it`, this.nodeRange(node));
      return null;
    }
    // Ranges inside an alias are the alias itself (already recorded for `path`).
    return this.convert(target, path, depth + 1, false);
  }

  private pair(
    obj: Record<string, unknown>,
    firstSeen: Map<string, number>,
    keyNode: YamlNode | null,
    valueNode: YamlNode | null,
    path: (string | number)[],
    depth: number,
    record: boolean,
  ): void {
    let key: string;
    let keyRange: Range | undefined = keyNode ? this.nodeRange(keyNode) : undefined;
    if (keyNode === null || keyNode === undefined) {
      key = '';
    } else if (isScalar(keyNode)) {
      this.anchor(keyNode, record);
      const v = keyNode.value;
      key = typeof v === 'string' ? v : keyNode.source !== undefined ? String(keyNode.source) : String(v);
    } else if (isAlias(keyNode)) {
      const target = this.anchors.get(keyNode.source);
      if (target && isScalar(target)) key = String(target.value);
      else {
        if (record) this.error('a key must be a plain string, not an alias to a mapping or list', keyRange!);
        return;
      }
    } else {
      if (record) this.error('a key must be a plain string, not a mapping or list', firstLine(keyRange!, this.lines));
      return;
    }
    const childPath = [...path, key];
    if (record) {
      const line = keyRange ? keyRange.line : this.valueLine(valueNode);
      const previous = firstSeen.get(key);
      if (previous !== undefined) {
        this.errors.push({
          message: `duplicate key \`${key}\` (first set on line ${previous + 1}); YAML keys must be unique`,
          range: keyRange ?? this.lines.range(0, 0),
          severity: 'error',
          code: 'duplicate-key',
          path: childPath,
        });
      } else {
        firstSeen.set(key, line);
      }
      if (!keyRange) keyRange = valueNode ? firstLine(this.nodeRange(valueNode), this.lines) : this.lines.range(0, 0);
      const valueRange = valueNode && valueNode.range ? this.nodeRange(valueNode) : keyRange;
      this.ranges.set(pathKey(childPath), {
        key: keyRange,
        value: this.isEmptyNull(valueNode) ? keyRange : valueRange,
        block: this.isBlock(valueNode),
      });
    }
    const value = this.convert(valueNode, childPath, depth + 1, record);
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  }

  private isEmptyNull(node: YamlNode | null): boolean {
    if (!node) return true;
    if (!isScalar(node)) return false;
    const r = node.range;
    return node.value === null && (!r || r[0] === r[1]);
  }

  private valueLine(node: YamlNode | null): number {
    return node?.range ? this.lines.position(node.range[0]).line : 0;
  }

}

function scalarValue(node: Scalar): unknown {
  const v = node.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  // Not produced by the YAML 1.2 core schema; written out rather than as "[object Object]".
  return JSON.stringify(v) ?? '';
}

// ---------------------------------------------------------------------------
// Syntax errors: clear messages at the place a person would look.
// ---------------------------------------------------------------------------

function syntaxProblem(e: YAMLError, lines: TextLines, severity: Severity): Problem {
  const text = lines.text;
  const [start, end] = Array.isArray(e.pos) ? e.pos : [0, 0];
  const at = (s: number, t: number) => lines.range(s, Math.max(s, Math.min(t, text.length)));
  const lineOf = (offset: number) => lines.position(offset).line;
  const contentOf = (line: number) => lines.lineContentRange(line);
  const problem = (message: string, range: Range): Problem => ({
    message,
    range,
    severity,
    code: severity === 'error' ? 'syntax' : 'yaml-warning',
  });
  const msg = String(e.message ?? '');

  switch (e.code) {
    case 'TAB_AS_INDENT':
      return problem('tab character used for indentation; YAML indents with spaces only', at(start, start + 1));
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const first = lineOf(start);
      const last = lineOf(Math.max(start, Math.min(end, text.length) - 1));
      if (last > first) {
        return problem(
          `bad indentation: this line is indented further than line ${first + 1}, whose value is already set (or is a \`:\` missing on line ${first + 1}?)`,
          contentOf(last),
        );
      }
      if (e.code === 'BLOCK_AS_IMPLICIT_KEY') {
        return problem(
          'a plain value cannot contain `: `; quote the value, or put the nested mapping on its own indented lines',
          at(start, lines.lineEnd(first)),
        );
      }
      return problem('a key must fit on one line; is a `:` missing?', contentOf(first));
    }
    case 'BAD_INDENT': {
      if (/^Flow (sequence|map)/.test(msg)) return unclosedFlow(msg.startsWith('Flow map') ? '{' : '[', start);
      const line = lineOf(Math.min(start, text.length));
      if (/same column/.test(msg)) {
        return problem('bad indentation: keys of one mapping must start at the same column', contentOf(line));
      }
      return problem(`bad indentation: ${lowerFirst(msg)}`, contentOf(line));
    }
    case 'MISSING_CHAR': {
      const quote = /Missing closing ("|')quote/.exec(msg);
      if (quote) return unclosedQuote(quote[1], start);
      if (/Sequence item without - indicator/.test(msg)) {
        return problem(
          'bad indentation: this line is not aligned with the list item above it (or is a `- ` missing?)',
          contentOf(lineOf(Math.min(start + 1, text.length))),
        );
      }
      if (/end with [\]}]/.test(msg)) return unclosedFlow(/\]/.test(msg) ? '[' : '{', start);
      if (/followed by map values/.test(msg)) return problem('a key must be followed by `:`', contentOf(lineOf(start)));
      return problem(lowerFirst(msg), at(start, end));
    }
    case 'BAD_SCALAR_START': {
      const ch = text.charAt(start);
      return problem(`a plain value cannot start with \`${ch}\`; put the value in quotes`, at(start, lines.lineEnd(lineOf(start))));
    }
    case 'MULTIPLE_DOCS':
      return problem(
        'a body is a single YAML document: remove the `---` or `...` line and what follows, or move it to its own file',
        firstLine(at(start, end), lines),
      );
    case 'DUPLICATE_KEY':
      return problem(`duplicate key; YAML keys must be unique`, at(start, end));
    case 'UNEXPECTED_TOKEN': {
      const token = text.slice(start, Math.max(start + 1, Math.min(end, start + 20))).split('\n')[0];
      const startsLine = lines.lineContentRange(lineOf(start)).character === lines.position(start).character;
      if (/at node end/.test(msg) && !startsLine) {
        return problem(`unexpected \`${token}\` after the value; quote the whole value if it is one string`, at(start, lines.lineEnd(lineOf(start))));
      }
      return problem(`unexpected \`${token}\` here (check the indentation and the \`:\` and \`- \` markers)`, at(start, end));
    }
    case 'TAG_RESOLVE_FAILED':
      return problem(`${lowerFirst(msg)}; request bodies are plain JSON, so tags are ignored`, at(start, end));
    default:
      return problem(lowerFirst(msg) || 'YAML syntax error', firstLine(at(start, end), lines));
  }

  function unclosedQuote(q: string, from: number): Problem {
    // The opening quote is the last unescaped quote before the error: nothing after it closed it.
    let i = Math.min(from, text.length) - 1;
    for (; i >= 0; i--) {
      if (text[i] !== q) continue;
      if (q === '"') {
        let slashes = 0;
        for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
        if (slashes % 2 === 0) break;
      } else if (i > 0 && text[i - 1] === "'") {
        i--; // `''` is an escaped quote
      } else {
        break;
      }
    }
    const open = i >= 0 ? i : Math.min(from, text.length);
    return problem(`unclosed quote: the string that starts here has no closing \`${q}\``, at(open, lines.lineEnd(lineOf(open))));
  }

  function unclosedFlow(open: '[' | '{', from: number): Problem {
    const close = open === '[' ? ']' : '}';
    let depth = 0;
    let i = Math.min(from, text.length) - 1;
    for (; i >= 0; i--) {
      const c = text[i];
      if (c === ']' || c === '}') depth++;
      else if (c === '[' || c === '{') {
        if (depth === 0 && c === open) break;
        depth = Math.max(0, depth - 1);
      }
    }
    const at0 = i >= 0 ? i : Math.min(from, text.length);
    const what = open === '[' ? 'list' : 'mapping';
    return problem(`unclosed \`${open}\`: the ${what} that starts here has no closing \`${close}\``, at(at0, at0 + 1));
  }
}

function lowerFirst(s: string): string {
  return s ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
