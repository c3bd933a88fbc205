/*
 * The three kinds of YAML buffer (create / update / send request bodies): telling them apart,
 * checking one, and templates for new ones.
 *
 * Header comment (optional): among the comment lines at the top of a buffer, one line
 *
 *     # managed-agents: create
 *     # managed-agents: update sesn_011CZ...
 *     # managed-agents: send sesn_011CZ...
 *
 * names the body's kind and, for update / send, the target session. It is a YAML comment, so the
 * buffer stays exactly the request body the `ant` CLI reads. Without it, the kind is guessed from
 * the fields (`events` -> send; a field only create has, or none that only update has -> create).
 *
 * Pure module (no `vscode`); nothing here throws.
 */
import { stringify } from 'yaml';
import { firstLine, parseYaml, TextLines } from './parse';
import type { ParsedYaml, Problem, Range } from './parse';
import { BODY_KINDS, BODY_SCHEMAS, topLevelFields } from './schemas';
import type { BodyKind } from './schemas';
import { closest, rangeFor, validate, validateValue } from './validate';
import type { Session } from '../api';
import { withUploadedFiles, workspaceFileIssues } from './workspaceFileResources';

export { BODY_KINDS, BODY_SCHEMAS, BODY_SCHEMA_FILES, topLevelFields } from './schemas';
export type { BodyKind } from './schemas';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------------------
// Header comment
// ---------------------------------------------------------------------------

export interface BodyHeader {
  /** The kind named by the header; undefined when the word is not a kind. */
  kind?: BodyKind;
  /** The target session of an update / send body. */
  sessionId?: string;
  /** The header line. */
  range: Range;
  /** Problems with the header itself. */
  problems: Problem[];
}

const HEADER_RE = /^\s*#\s*managed-agents\s*:(.*)$/i;
const SESSION_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

/** `# managed-agents: update sesn_...` */
export function formatHeader(kind: BodyKind, sessionId?: string): string {
  return `# managed-agents: ${kind}${sessionId && kind !== 'create' ? ` ${sessionId}` : ''}`;
}

/** The line numbers of the leading comment block (comments and blank lines before any content). */
function leadingCommentLines(lines: TextLines): number[] {
  const out: number[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const t = lines.lineText(line).trim();
    if (t === '' || t.startsWith('#')) out.push(line);
    else break;
  }
  return out;
}

/** Read the header comment, if the buffer has one. Never throws. */
export function parseHeader(text: string): BodyHeader | undefined {
  if (typeof text !== 'string') return undefined;
  const lines = new TextLines(text);
  let header: BodyHeader | undefined;
  for (const line of leadingCommentLines(lines)) {
    const m = HEADER_RE.exec(lines.lineText(line));
    if (!m) continue;
    const range = lines.lineContentRange(line);
    const problem = (message: string, severity: Problem['severity'] = 'error', suggestion?: string): Problem => ({
      message,
      range,
      severity,
      code: 'header',
      ...(suggestion ? { suggestion } : {}),
    });
    if (header) {
      header.problems.push(problem('a second `managed-agents:` header; only the first one counts', 'warning'));
      continue;
    }
    header = { range, problems: [] };
    const words = m[1].trim().split(/\s+/).filter(Boolean);
    const [word, sessionId, ...rest] = words;
    if (!word) {
      header.problems.push(problem('the header needs a kind: `# managed-agents: create`, `update <session id>` or `send <session id>`'));
      continue;
    }
    const kind = BODY_KINDS.find((k) => k === word.toLowerCase());
    if (!kind) {
      const guess = closest(word, BODY_KINDS);
      header.problems.push(
        problem(
          `unknown body kind \`${word}\` in the header${guess ? `; did you mean \`${guess}\`?` : ''} (one of create, update, send)`,
          'error',
          guess,
        ),
      );
      continue;
    }
    header.kind = kind;
    if (sessionId !== undefined) {
      if (kind === 'create') {
        header.problems.push(problem(`a create body makes a new session; the session id \`${sessionId}\` is ignored`, 'warning'));
      } else if (!SESSION_ID_RE.test(sessionId)) {
        header.problems.push(problem(`\`${sessionId}\` is not a session id (letters, digits, \`_\` and \`-\` only)`));
      } else {
        header.sessionId = sessionId;
        if (!sessionId.startsWith('sesn_')) {
          header.problems.push(problem(`session ids start with \`sesn_\`; is \`${sessionId}\` right?`, 'warning'));
        }
      }
    }
    if (rest.length) header.problems.push(problem(`unexpected \`${rest.join(' ')}\` after the session id in the header`, 'warning'));
  }
  return header;
}

/** Put (or replace) the header comment of a buffer. */
export function setHeader(text: string, kind: BodyKind, sessionId?: string): string {
  const source = typeof text === 'string' ? text : '';
  const lines = new TextLines(source);
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  for (const line of leadingCommentLines(lines)) {
    if (HEADER_RE.test(lines.lineText(line))) {
      return source.slice(0, lines.lineStart(line)) + formatHeader(kind, sessionId) + source.slice(lines.lineEnd(line));
    }
  }
  return formatHeader(kind, sessionId) + newline + source;
}

// ---------------------------------------------------------------------------
// Detecting the kind
// ---------------------------------------------------------------------------

const CREATE_ONLY = ['environment_id', 'initial_events', 'resources'];
const AGENT_REFERENCE_FIELDS = ['id', 'type', 'version', 'model', 'system', 'skills'];

/**
 * The kind of a body: from its header (text only), else from its fields. A string is read as YAML
 * text; anything else as an already parsed value. Undefined when the body is not a mapping.
 */
export function detectBodyKind(input: unknown): BodyKind | undefined {
  try {
    if (typeof input === 'string') {
      return headerKind(parseHeader(input)) ?? kindFromValue(parseYaml(input).value);
    }
    return kindFromValue(input);
  } catch {
    return undefined;
  }
}

/** The header's kind; a misspelt one (`updat`) still says what the buffer is meant to be. */
function headerKind(header: BodyHeader | undefined): BodyKind | undefined {
  if (!header) return undefined;
  return header.kind ?? BODY_KINDS.find((k) => header.problems.some((p) => p.suggestion === k));
}

function kindFromValue(value: unknown): BodyKind | undefined {
  if (!isObject(value)) return undefined;
  // Read each key as the top-level field it most likely means (typos included).
  const known = [...new Set(BODY_KINDS.flatMap((k) => topLevelFields(k)))];
  const fields = new Set(Object.keys(value).map((k) => (known.includes(k) ? k : closest(k, known) ?? k)));
  if (fields.has('events')) return 'send';
  if (CREATE_ONLY.some((f) => fields.has(f))) return 'create';
  const agent = value.agent;
  if (typeof agent === 'string') return 'create';
  if (isObject(agent) && Object.keys(agent).some((k) => AGENT_REFERENCE_FIELDS.includes(k))) return 'create';
  const metadata = value.metadata;
  const updateOnly =
    isObject(agent) ||
    metadata === null ||
    (isObject(metadata) && Object.values(metadata).some((v) => v === null)) ||
    (hasOwn(value, 'budget') && value.budget === null);
  return updateOnly ? 'update' : 'create';
}

// ---------------------------------------------------------------------------
// Checking a buffer
// ---------------------------------------------------------------------------

export interface BodyCheck {
  /** The kind the buffer was checked as (undefined: not a body, nothing checked). */
  kind: BodyKind | undefined;
  /** The JSON value of the buffer (`null` when empty). */
  value: unknown;
  /** Syntax, header and schema problems, sorted by position. */
  problems: Problem[];
  /** The header comment, if any. */
  header?: BodyHeader;
  /** The target session id from the header (update / send). */
  sessionId?: string;
  /** The parse (for callers that need ranges). */
  parsed: ParsedYaml;
}

/**
 * Parse and check a buffer as the body of `kind` (default: its header's kind, else the detected
 * kind). Schema problems are only reported when the YAML parses without errors. Never throws.
 * `parsed`: the buffer's parse, when the caller already has it (it is not parsed twice).
 */
export function checkBody(text: string, kind?: BodyKind, parsed?: ParsedYaml): BodyCheck {
  const source = typeof text === 'string' ? text : '';
  if (!parsed || parsed.text !== source) {
    try {
      parsed = parseYaml(source);
    } catch {
      parsed = { value: null, errors: [], ranges: new Map(), text: source };
    }
  }
  const problems: Problem[] = [...parsed.errors];
  let header: BodyHeader | undefined;
  try {
    header = parseHeader(source);
  } catch {
    header = undefined;
  }
  if (header) problems.push(...header.problems);
  const given = kind && BODY_KINDS.includes(kind) ? kind : undefined;
  if (given && header?.kind && header.kind !== given) {
    problems.push({
      message: `the header says \`${header.kind}\`, but this buffer is used as a ${given} body`,
      range: header.range,
      severity: 'warning',
      code: 'header',
    });
  }
  const chosen = given ?? headerKind(header) ?? kindFromValue(parsed.value);
  const result = (k: BodyKind | undefined): BodyCheck => ({
    kind: k,
    value: parsed.value,
    problems: sortAll(problems),
    ...(header ? { header } : {}),
    ...(header?.sessionId ? { sessionId: header.sessionId } : {}),
    parsed,
  });
  if (parsed.errors.some((p) => p.severity === 'error')) return result(chosen);

  const lines = new TextLines(source);
  const top = firstLine(rangeFor(parsed, lines, [], 'head'), lines);
  if (parsed.value === null) {
    if (chosen) {
      problems.push({
        message: `empty body: ${EMPTY_HINT[chosen]}`,
        range: header?.range ?? top,
        severity: 'error',
        code: 'not-a-body',
      });
    } else {
      problems.push({
        message: 'empty body: write a create body (`agent`, `environment_id`), an update body, or `events:` to send',
        range: top,
        severity: 'info',
        code: 'not-a-body',
      });
    }
    return result(chosen);
  }
  if (!isObject(parsed.value)) {
    problems.push({
      message: `a request body is a mapping of fields (like \`title: ...\`), not ${Array.isArray(parsed.value) ? 'a list' : 'a single value'}`,
      range: top,
      severity: 'error',
      code: 'not-a-body',
    });
    return result(chosen);
  }
  if (chosen) {
    try {
      // Workspace files (`path:`) are uploaded when the body runs: the schema sees them as the `file_id` they become.
      const checked = chosen === 'create' ? { ...parsed, value: withUploadedFiles(parsed.value) } : parsed;
      // One by one: a body with hundreds of thousands of problems is more than a spread call takes.
      for (const problem of validate(checked, BODY_SCHEMAS[chosen])) problems.push(problem);
      if (chosen === 'create') {
        for (const issue of workspaceFileIssues(parsed.value)) {
          problems.push({ message: issue.message, range: firstLine(rangeFor(parsed, lines, issue.path, 'key'), lines), severity: 'error', code: 'bad-value' });
        }
      }
    } catch {
      // validate() does not throw; this is belt and braces for the fuzz test.
    }
  }
  return result(chosen);
}

const EMPTY_HINT: Record<BodyKind, string> = {
  create: 'a create body needs at least `agent` and `environment_id`',
  update: 'add the fields to change (`title`, `metadata`, `agent`, `budget`, `vault_ids`)',
  send: 'add `events:` with at least one event',
};

function sortAll(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.range.line - b.range.line || a.range.character - b.range.character,
  );
}

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

/** A YAML scalar for a string: plain when that is unambiguous, else double-quoted (JSON). */
function scalar(value: string): string {
  const plain =
    /^[A-Za-z0-9_][A-Za-z0-9_./@+-]*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|~|[-+]?(\d|\.\d)[\d._eExXoObB+-]*|\.inf|\.nan)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** One line of human text for a comment (no newlines or control characters). */
function oneLine(text: string | undefined | null): string {
  return String(text ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, 200);
}

export interface CreateTemplateOptions {
  agentId: string;
  agentName?: string;
  /** Pins the session to this version of the agent; left out, the session runs the latest one. */
  agentVersion?: number;
  environmentId: string;
  environmentName?: string;
}

/** The `agent` line: the id alone runs the latest version; a reference with a version pins that one. */
function agentLine(agentId: string, agentVersion: number | undefined): string {
  const id = scalar(agentId);
  if (agentVersion === undefined) return `agent: ${id}  # runs the latest version; pin one with {type: agent, id: ${id}, version: 1}`;
  return `agent: {type: agent, id: ${id}, version: ${agentVersion}}  # pinned to version ${agentVersion}, even after the agent changes; \`agent: ${id}\` runs the latest`;
}

/**
 * A complete create body: `agent` and `environment_id` set, every optional field shown commented
 * out with a one-line explanation (uncommenting all of them gives a valid body too).
 */
export function createTemplate(options: CreateTemplateOptions): string {
  const o = isObject(options) ? options : ({} as CreateTemplateOptions);
  const agentId = typeof o.agentId === 'string' && o.agentId ? o.agentId : 'agent_...';
  const environmentId = typeof o.environmentId === 'string' && o.environmentId ? o.environmentId : 'env_...';
  // The API takes versions from 1 up; anything else would only make a body it refuses.
  const agentVersion = Number.isInteger(o.agentVersion) && (o.agentVersion as number) >= 1 ? o.agentVersion : undefined;
  const agentName = oneLine(o.agentName);
  const environmentName = oneLine(o.environmentName);
  const title = agentName ? `${agentName} session` : 'My session';
  const agent = `${agentName ? `${agentName} (${agentId})` : agentId}${agentVersion === undefined ? '' : `, version ${agentVersion}`}`;
  return [
    formatHeader('create'),
    '# A new session: the body of POST /v1/sessions, the same as `ant beta:sessions create` reads.',
    `# Agent: ${agent}; environment: ${environmentName ? `${environmentName} (${environmentId})` : environmentId}.`,
    '# Optional fields are commented out: uncomment a block (Ctrl+/) to use it.',
    '',
    agentLine(agentId, agentVersion),
    `environment_id: ${scalar(environmentId)}  # the container configuration the session runs in`,
    `# title: ${scalar(title)}  # human-readable title`,
    '# metadata:  # string key-value pairs: at most 16, keys up to 64 characters, values up to 512',
    '#   project: example',
    '# vault_ids: [vlt_...]  # vaults holding credentials the agent may use',
    "# resources:  # mounted into the session's container: github_repository, file or memory_store",
    '#   - type: file',
    '#     path: data/input.csv  # a workspace file, uploaded when this body runs (or file_id: an uploaded one)',
    '#   - type: github_repository',
    '#     url: https://github.com/owner/repo',
    '#     mount_path: /workspace/repo',
    '#     checkout: {type: branch, name: main}',
    '# budget:  # spend ceiling; leave out for an uncapped session',
    '#   type: limit',
    '#   max_list_cost: {amount: "2500", currency: USD}  # minor units: "2500" is $25.00',
    '# initial_events:  # sent at creation, in order: user.message or user.define_outcome (at most 50)',
    '#   - type: user.message',
    '#     content:',
    '#       - type: text',
    '#         text: Describe the task for the agent here.',
    '',
  ].join('\n');
}

/** The fields of a session an update template shows (a `Session` from the API fits). */
export type UpdatableSession = Partial<Pick<Session, 'id' | 'title' | 'metadata' | 'budget' | 'vault_ids'>> & {
  agent?: { tools?: unknown; mcp_servers?: unknown } | null;
};

export interface UpdateTemplateOptions {
  /**
   * Writes the budget out (not commented) with this `max_list_cost.amount` (minor units), ready to
   * apply: the "raise the budget" body. Ignored for a session without a budget.
   */
  raiseBudgetTo?: string;
}

/**
 * An update body holding the session's current title, metadata, agent tools and MCP servers
 * (budget and vault_ids commented out, unless the budget is to be raised), with comments on how
 * each field updates.
 */
export function updateTemplate(session: UpdatableSession, options: UpdateTemplateOptions = {}): string {
  try {
    return updateTemplateOf(isObject(session) ? (session) : {}, options);
  } catch {
    // Data that cannot be written as YAML (cycles, BigInt): fall back to the id alone.
    const id = isObject(session) && typeof session.id === 'string' ? session.id : undefined;
    return updateTemplateOf(id ? { id } : {}, {});
  }
}

function updateTemplateOf(s: UpdatableSession, options: UpdateTemplateOptions): string {
  const id = typeof s.id === 'string' && SESSION_ID_RE.test(s.id) ? s.id : undefined;
  const title = typeof s.title === 'string' ? s.title : null;
  const metadata = isObject(s.metadata)
    ? Object.fromEntries(Object.entries(s.metadata).filter(([, v]) => typeof v === 'string'))
    : {};
  const agent = isObject(s.agent) ? s.agent : {};
  const agentUpdate = toParams(
    {
      tools: Array.isArray(agent.tools) ? agent.tools : [],
      mcp_servers: Array.isArray(agent.mcp_servers) ? agent.mcp_servers : [],
    },
    BODY_SCHEMAS.update,
    ['agent'],
  );
  const out: string[] = [
    formatHeader('update', id),
    `# Update session ${id ?? '(no id)'}${title ? ` "${oneLine(title)}"` : ''}: the body of POST /v1/sessions/{id}, as \`ant beta:sessions update\` reads it.`,
    '# Fields left out are kept as they are. Edit what should change, then run the update.',
    '',
    '# Human-readable title; null clears it.',
    block({ title }),
    '# A patch: a key set to a string is added or changed, a key set to null is deleted, keys left out are kept.',
    block({ metadata }),
    '# agent.tools and agent.mcp_servers each REPLACE the whole list (they are not merged); leave one out to keep it.',
    '# The agent can only be updated while the session is not running.',
    block({ agent: agentUpdate }),
  ];
  const budget = isObject(s.budget) ? toParams(s.budget, BODY_SCHEMAS.update, ['budget']) : undefined;
  out.push('# Spend ceiling: an object replaces it, null removes it for good (a session created without one cannot get one).');
  const raiseTo = options.raiseBudgetTo;
  if (budget && typeof raiseTo === 'string' && /^\d+$/.test(raiseTo)) {
    out.push('# The new ceiling, in cents ("2500" is $25.00), must be above what the session has already spent.');
    out.push(block({ budget: { ...budget, max_list_cost: { ...budget.max_list_cost, amount: raiseTo } } }));
  } else {
    out.push(budget ? comment(block({ budget })) : '# budget: null');
  }
  out.push('# Vaults holding credentials the agent may use; the list replaces the whole list.');
  out.push(comment(block({ vault_ids: Array.isArray(s.vault_ids) ? s.vault_ids.filter((v) => typeof v === 'string') : [] })));
  return out.join('\n') + '\n';
}

/** YAML for a small object, without the trailing newline. */
function block(value: Record<string, unknown>): string {
  return stringify(value, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).replace(/\n$/, '');
}

function comment(text: string): string {
  return text
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n');
}

/**
 * A copy of `value` (response data) cut down to what the request schema accepts at `path`:
 * fields the schema does not know are dropped (e.g. fields a newer API adds to responses).
 */
function toParams<T>(value: T, schema: typeof BODY_SCHEMAS.update, path: string[]): T {
  let copy: unknown = JSON.parse(JSON.stringify(value ?? null));
  for (let round = 0; round < 8; round++) {
    const wrapper: Record<string, unknown> = path.length === 1 ? { [path[0]]: copy } : {};
    const unknown = validateValue(wrapper, schema).filter((i) => i.code === 'unknown-field');
    if (unknown.length === 0) break;
    for (const issue of unknown) deletePath(wrapper, issue.path);
    copy = wrapper[path[0]];
  }
  return copy as T;
}

function deletePath(root: unknown, path: ReadonlyArray<string | number>): void {
  let node: unknown = root;
  for (const part of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[part];
  }
  const last = path[path.length - 1];
  if (node !== null && typeof node === 'object' && last !== undefined) delete (node as Record<string | number, unknown>)[last];
}

/**
 * The top-level fields of an edited update body that differ from the template's original values
 * (so an unchanged `agent` block is not sent to a running session). Deep comparison.
 */
export function changedFields(original: unknown, edited: unknown): Record<string, unknown> {
  if (!isObject(edited)) return {};
  const before = isObject(original) ? original : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(edited)) {
    if (!hasOwn(before, key) || !deepEqual(before[key], value)) out[key] = value;
  }
  return out;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
