/*
 * A small JSON Schema validator for the subset of draft-07 that scripts/generate-schemas.mjs emits
 * ($ref to #/definitions, type, properties, required, additionalProperties, items, enum, const,
 * anyOf, maxProperties, propertyNames, min/maxItems, min/maxLength, pattern), tuned for messages a
 * person can act on:
 *   - an unknown field is named, with the closest known field as a suggestion;
 *   - a wrong type says what was expected and what was found;
 *   - a union discriminated by a field (`type`, or `name` for built-in tools) is checked against the
 *     one member that field selects, and a bad discriminator lists the allowed values.
 *
 * Pure module (no `vscode`); never throws.
 */
import { firstLine, formatPath, pathKey, sortProblems, TextLines } from './parse';
import type { JsonPath, ParsedYaml, Problem, ProblemCode, Range } from './parse';

/** The schema keywords this validator understands (the generator refuses to emit others). */
export interface Schema {
  $schema?: string;
  $comment?: string;
  $ref?: string;
  title?: string;
  description?: string;
  definitions?: Record<string, Schema>;
  type?: JsonTypeName | JsonTypeName[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  maxProperties?: number;
  propertyNames?: Schema;
  maxItems?: number;
  minItems?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
}

/** Every keyword of `Schema` (scripts/generate-schemas.mjs keeps the same list and emits no others). */
export const SUPPORTED_KEYWORDS: readonly (keyof Schema)[] = [
  '$schema', '$comment', '$ref', 'definitions', 'title', 'description',
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf',
  'maxProperties', 'propertyNames', 'maxItems', 'minItems', 'maxLength', 'minLength', 'pattern',
];

export type JsonTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

/** A schema problem before it is located in the source. */
export interface Issue {
  path: JsonPath;
  code: ProblemCode;
  message: string;
  /** What to underline: the member's key, its value, or the head of the object (missing fields). */
  at: 'key' | 'value' | 'head';
  suggestion?: string;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const code = (s: unknown): string => `\`${String(s)}\``;

/** Validate a JSON value; issues carry paths, not ranges. Never throws. */
export function validateValue(value: unknown, schema: Schema): Issue[] {
  try {
    const v = new Validator(schema);
    v.check(value, schema, []);
    return v.issues;
  } catch (e) {
    return [{ path: [], code: 'wrong-type', at: 'head', message: `could not validate: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

/** Validate a parsed buffer and locate each issue in its source. Never throws. */
export function validate(parsed: ParsedYaml, schema: Schema): Problem[] {
  return locate(validateValue(parsed.value, schema), parsed);
}

/** Turn path-based issues into located problems (cut to one line each), sorted by position. */
function locate(issues: Issue[], parsed: ParsedYaml): Problem[] {
  const lines = new TextLines(parsed.text);
  return sortProblems(
    issues.map((issue) => ({
      message: issue.message,
      range: rangeFor(parsed, lines, issue.path, issue.at),
      severity: 'error' as const,
      code: issue.code,
      path: issue.path,
      ...(issue.suggestion !== undefined ? { suggestion: issue.suggestion } : {}),
    })),
  );
}

/** The source range for a path (the nearest recorded ancestor's head when the path has none). */
export function rangeFor(parsed: ParsedYaml, lines: TextLines, path: JsonPath, at: Issue['at']): Range {
  let p = [...path];
  let part = at;
  for (;;) {
    const r = parsed.ranges.get(pathKey(p));
    if (r) {
      let range: Range;
      if (part === 'key') range = r.key ?? r.value;
      else if (part === 'value') range = r.block && r.key ? r.key : r.value;
      else range = r.key ?? r.value;
      return firstLine(range, lines);
    }
    if (p.length === 0) return { line: 0, character: 0, endLine: 0, endCharacter: 0 };
    p = p.slice(0, -1);
    part = 'head';
  }
}

// ---------------------------------------------------------------------------

class Validator {
  readonly issues: Issue[] = [];
  private readonly root: Schema;
  constructor(root: Schema) {
    this.root = root;
  }

  deref(schema: Schema | undefined, depth = 0): Schema {
    if (!schema || typeof schema !== 'object') return {};
    if (typeof schema.$ref === 'string' && depth < 32) {
      const target = this.resolvePointer(schema.$ref);
      return target ? this.deref(target, depth + 1) : {};
    }
    return schema;
  }

  private resolvePointer(ref: string): Schema | undefined {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = this.root;
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(node) || !hasOwn(node, part)) return undefined;
      node = node[part];
    }
    return isObject(node) ? (node) : undefined;
  }

  /** anyOf members, dereferenced, nested anyOfs flattened. */
  members(schema: Schema, depth = 0): Schema[] {
    const out: Schema[] = [];
    for (const m of schema.anyOf ?? []) {
      const s = this.deref(m);
      if (s.anyOf && !s.type && !s.properties && depth < 8) out.push(...this.members(s, depth + 1));
      else out.push(s);
    }
    return out;
  }

  check(value: unknown, schemaIn: Schema, path: JsonPath): void {
    const schema = this.deref(schemaIn);
    if (schema.anyOf) {
      this.checkAnyOf(value, schema, path);
      return;
    }
    // Literals first: their message lists the allowed values.
    if (schema.const !== undefined || schema.enum) {
      const allowed = schema.const !== undefined ? [schema.const] : schema.enum!;
      if (!allowed.some((a) => a === value)) {
        this.issues.push(badLiteral(path, allowed, value));
        return;
      }
    }
    const types = typesOf(schema);
    if (types.length > 0 && !types.some((t) => matchesType(value, t))) {
      this.issues.push(wrongType(path, describeExpected([schema], this), value));
      return;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      this.issues.push({ path, code: 'wrong-type', at: 'value', message: `${code(formatPath(path))} must be a finite number` });
      return;
    }
    if (typeof value === 'string') this.checkString(value, schema, path);
    else if (Array.isArray(value)) this.checkArray(value, schema, path);
    else if (isObject(value)) this.checkObject(value, schema, path);
  }

  private checkString(value: string, schema: Schema, path: JsonPath): void {
    const length = [...value].length;
    const name = code(formatPath(path));
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.issues.push({
        path,
        code: 'limit',
        at: 'value',
        message: schema.minLength === 1 ? `${name} must not be empty` : `${name} must be at least ${schema.minLength} characters long`,
      });
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.issues.push({
        path,
        code: 'limit',
        at: 'value',
        message: `${name} is ${fmt(length)} characters long; at most ${fmt(schema.maxLength)} are allowed`,
      });
    }
    if (typeof schema.pattern === 'string') {
      let re: RegExp | undefined;
      try {
        re = new RegExp(schema.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re && !re.test(value)) {
        this.issues.push({ path, code: 'bad-value', at: 'value', message: `${name} must match ${code(schema.pattern)}` });
      }
    }
  }

  private checkArray(value: unknown[], schema: Schema, path: JsonPath): void {
    const name = code(formatPath(path));
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      this.issues.push({
        path,
        code: 'limit',
        at: 'value',
        message:
          schema.minItems === 1 && value.length === 0
            ? `${name} must not be an empty list (leave the field out instead)`
            : `${name} has ${value.length} items; at least ${schema.minItems} are needed`,
      });
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      this.issues.push({
        path,
        code: 'limit',
        at: 'value',
        message: `${name} has ${value.length} items; at most ${schema.maxItems} are allowed`,
      });
    }
    if (schema.items) value.forEach((item, i) => this.check(item, schema.items!, [...path, i]));
  }

  private checkObject(value: Record<string, unknown>, schema: Schema, path: JsonPath): void {
    const props = schema.properties ?? {};
    const keys = Object.keys(value);
    const where = path.length ? ` in ${code(formatPath(path))}` : '';
    const suggested = new Set<string>();
    for (const key of keys) {
      const childPath = [...path, key];
      if (schema.propertyNames) this.checkKey(key, this.deref(schema.propertyNames), childPath, path);
      if (hasOwn(props, key)) {
        this.check(value[key], props[key], childPath);
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(props);
        const suggestion = closest(key, known.filter((k) => !hasOwn(value, k)));
        if (suggestion) suggested.add(suggestion);
        this.issues.push({
          path: childPath,
          code: 'unknown-field',
          at: 'key',
          message: suggestion
            ? `unknown field ${code(key)}${where}; did you mean ${code(suggestion)}?`
            : `unknown field ${code(key)}${where}; ${known.length ? `known fields: ${known.map(code).join(', ')}` : 'no fields are allowed here'}`,
          ...(suggestion ? { suggestion } : {}),
        });
      } else if (isObject(schema.additionalProperties)) {
        this.check(value[key], schema.additionalProperties, childPath);
      }
    }
    for (const req of schema.required ?? []) {
      if (hasOwn(value, req) || suggested.has(req)) continue;
      const about = firstSentence(this.deref(props[req]).description ?? props[req]?.description);
      this.issues.push({
        path,
        code: 'missing-field',
        at: 'head',
        message: `missing required field ${code(req)}${where}${about ? ` (${about})` : ''}`,
      });
    }
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
      this.issues.push({
        path,
        code: 'limit',
        at: 'head',
        message: `${code(formatPath(path))} has ${keys.length} entries; at most ${schema.maxProperties} are allowed`,
      });
    }
  }

  private checkKey(key: string, names: Schema, childPath: JsonPath, path: JsonPath): void {
    const length = [...key].length;
    if (names.maxLength !== undefined && length > names.maxLength) {
      this.issues.push({
        path: childPath,
        code: 'limit',
        at: 'key',
        message: `key ${code(key.length > 40 ? key.slice(0, 40) + '…' : key)} in ${code(formatPath(path))} is ${length} characters long; at most ${names.maxLength} are allowed`,
      });
    }
  }

  private checkAnyOf(value: unknown, schema: Schema, path: JsonPath): void {
    const all = this.members(schema);
    const candidates = all.filter((m) => this.accepts(m, value));
    if (candidates.length === 0) {
      const literals = literalsOf(all, this);
      if (typeof value === 'string' && literals.some((l) => typeof l === 'string')) {
        this.issues.push(badLiteral(path, literals, value, describeExpected(all, this)));
      } else {
        this.issues.push(wrongType(path, describeExpected(all, this), value));
      }
      return;
    }
    if (candidates.length === 1) {
      this.check(value, candidates[0], path);
      return;
    }
    if (isObject(value)) {
      const disc = this.discriminator(candidates);
      if (disc) {
        const tag = value[disc.prop];
        if (!hasOwn(value, disc.prop)) {
          this.issues.push({
            path,
            code: 'missing-field',
            at: 'head',
            message: `missing required field ${code(disc.prop)}${path.length ? ` in ${code(formatPath(path))}` : ''}: one of ${listOr(disc.values.map(code))}`,
          });
          return;
        }
        const member = typeof tag === 'string' && hasOwn(disc.byValue, tag) ? disc.byValue[tag] : undefined;
        if (!member) {
          const tagPath = [...path, disc.prop];
          const issue =
            typeof tag === 'string'
              ? badLiteral(tagPath, disc.values, tag)
              : wrongType(tagPath, `one of ${listOr(disc.values.map(code))}`, tag);
          this.issues.push({ ...issue, code: 'bad-type' });
          return;
        }
        this.check(value, member, path);
        return;
      }
    }
    // No discriminator: valid if any member accepts it; otherwise report the closest member.
    let best: Issue[] | undefined;
    for (const m of candidates) {
      const trial = new Validator(this.root);
      trial.check(value, m, path);
      if (trial.issues.length === 0) return;
      if (!best || trial.issues.length < best.length) best = trial.issues;
    }
    const literals = literalsOf(candidates, this);
    if (literals.length && candidates.every((c) => c.const !== undefined || c.enum)) {
      this.issues.push(badLiteral(path, literals, value));
    } else if (best) {
      for (const issue of best) this.issues.push(issue);
    }
  }

  /** Whether a member can take a value of this JSON type (its literals and structure aside). */
  private accepts(member: Schema, value: unknown): boolean {
    if (member.anyOf) return this.members(member).some((m) => this.accepts(m, value));
    const types = typesOf(member);
    if (types.length > 0) return types.some((t) => matchesType(value, t) || (t === 'integer' && typeof value === 'number'));
    if (member.const !== undefined) return jsonKind(member.const) === jsonKind(value);
    if (member.enum) return member.enum.some((e) => jsonKind(e) === jsonKind(value));
    if (member.properties || member.additionalProperties !== undefined) return isObject(value);
    if (member.items) return Array.isArray(value);
    return true;
  }

  /** A field present in every member whose literal values tell the members apart. */
  private discriminator(
    members: Schema[],
  ): { prop: string; values: string[]; byValue: Record<string, Schema> } | undefined {
    if (!members.every((m) => isObject(m.properties))) return undefined;
    const shared = Object.keys(members[0].properties!).filter((k) => members.every((m) => hasOwn(m.properties!, k)));
    const ranked = shared.sort((a, b) => {
      const ra = members.every((m) => m.required?.includes(a)) ? 0 : 1;
      const rb = members.every((m) => m.required?.includes(b)) ? 0 : 1;
      return ra - rb || (a === 'type' ? -1 : b === 'type' ? 1 : 0);
    });
    for (const prop of ranked) {
      const byValue = Object.create(null) as Record<string, Schema>;
      const values: string[] = [];
      let ok = true;
      for (const m of members) {
        const p = this.deref(m.properties![prop]);
        const lits = p.const !== undefined ? [p.const] : p.enum;
        if (!lits || lits.length === 0 || !lits.every((l) => typeof l === 'string')) {
          ok = false;
          break;
        }
        for (const l of lits) {
          if (byValue[l]) {
            ok = false;
            break;
          }
          byValue[l] = m;
          values.push(l);
        }
        if (!ok) break;
      }
      if (ok) return { prop, values, byValue };
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

function typesOf(schema: Schema): JsonTypeName[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

function matchesType(value: unknown, type: JsonTypeName): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return false;
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** "a list", "an object", "a number", ... for the value found. */
function describeValue(value: unknown): string {
  switch (jsonKind(value)) {
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    case 'number':
      return 'a number';
    case 'boolean':
      return `a boolean (${String(value)})`;
    case 'string':
      return 'a string';
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Record<JsonTypeName, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};
const TYPE_ORDER: JsonTypeName[] = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];

function literalsOf(members: Schema[], v: Validator): unknown[] {
  const out: unknown[] = [];
  for (const raw of members) {
    const m = v.deref(raw);
    const lits = m.const !== undefined ? [m.const] : m.enum ?? [];
    for (const l of lits) if (!out.includes(l)) out.push(l);
  }
  return out;
}

/** "a string or null", "one of `low`, `medium`, an object or null", ... */
function describeExpected(members: Schema[], v: Validator): string {
  const literals: string[] = [];
  const types = new Set<JsonTypeName>();
  const visit = (raw: Schema, depth: number) => {
    const m = v.deref(raw);
    if (m.anyOf && depth < 8) {
      for (const s of v.members(m)) visit(s, depth + 1);
      return;
    }
    const lits = m.const !== undefined ? [m.const] : m.enum;
    if (lits) {
      for (const l of lits) {
        if (l === null) types.add('null');
        else if (!literals.includes(code(l))) literals.push(code(l));
      }
      return;
    }
    const ts = typesOf(m);
    if (ts.length) ts.forEach((t) => types.add(t));
    else if (m.properties) types.add('object');
  };
  members.forEach((m) => visit(m, 0));
  const parts: string[] = [];
  if (literals.length === 1) parts.push(literals[0]);
  else if (literals.length > 1) parts.push(`one of ${literals.join(', ')}`);
  for (const t of TYPE_ORDER) if (types.has(t) && !(t === 'integer' && types.has('number'))) parts.push(TYPE_WORDS[t]);
  return parts.length ? listOr(parts) : 'something else';
}

function wrongType(path: JsonPath, expected: string, value: unknown): Issue {
  const hint = /a string/.test(expected) && (typeof value === 'number' || typeof value === 'boolean')
    ? '; put it in quotes to make it a string'
    : '';
  return {
    path,
    code: 'wrong-type',
    at: 'value',
    message: `${code(formatPath(path))} must be ${expected}, not ${describeValue(value)}${hint}`,
  };
}

function badLiteral(path: JsonPath, allowed: unknown[], value: unknown, expected?: string): Issue {
  const shown = allowed.map((a) => (a === null ? 'null' : code(a)));
  const what = expected ?? (shown.length === 1 ? shown[0] : `one of ${shown.join(', ')}`);
  const found = typeof value === 'string' ? code(value) : describeValue(value);
  const suggestion = typeof value === 'string' ? closest(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
  return {
    path,
    code: 'bad-value',
    at: 'value',
    message: `${code(formatPath(path))} must be ${what}, not ${found}${suggestion ? `; did you mean ${code(suggestion)}?` : ''}`,
    ...(suggestion ? { suggestion } : {}),
  };
}

function listOr(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const s = /^(.*?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  const out = s.replace(/\.$/, '');
  return out.length <= 120 ? out : undefined;
}

// ---------------------------------------------------------------------------
// "Did you mean": optimal string alignment distance, case-insensitive.
// ---------------------------------------------------------------------------

/** The closest candidate within a small edit distance, if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length === 0 || w.length > 64) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
