// Where the cursor is, for completion: the value of a top-level `agent:` (or `agent: {id:}` block),
// of `environment_id:`, or the `type:` of an event inside `events:` / `initial_events:`. Read from
// the lines around the cursor, because a buffer being typed rarely parses. Pure (no vscode).

export type CompletionTargetKind = 'agent' | 'environment' | 'eventType';

export interface CompletionTarget {
  kind: CompletionTargetKind;
  /** For eventType: the list the event is in. */
  list?: 'events' | 'initial_events';
  line: number;
  /** The value being typed: [start, end) on `line` (after an opening quote, before a comment). */
  valueStart: number;
  valueEnd: number;
  /** What is typed so far (start to cursor). */
  prefix: string;
}

const KEY_LINE_RE = /^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:(\s*)(["']?)/;

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function isContent(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

/** A key line `key:` (optionally behind `- `): its key and the column the key starts at. */
function keyLine(text: string): { key: string; column: number; dash?: number } | undefined {
  const match = KEY_LINE_RE.exec(text);
  if (!match) return undefined;
  const dash = match[2] ? match[1].length : undefined;
  return { key: match[3], column: match[1].length + (match[2]?.length ?? 0), ...(dash !== undefined ? { dash } : {}) };
}

/** The nearest content line above `line` that starts left of `column` (or at it, for `key:` parents of `- ` items). */
function parentLine(lineAt: (n: number) => string, line: number, column: number, itemDash: boolean): number | undefined {
  for (let n = line - 1; n >= 0; n--) {
    const text = lineAt(n);
    if (!isContent(text)) continue;
    const indent = indentOf(text);
    if (indent < column) return n;
    // `events:` followed by `- type:` at the same column is valid YAML.
    if (itemDash && indent === column && !text.trimStart().startsWith('-')) return n;
  }
  return undefined;
}

/** The top-level list an item at this position belongs to (`events`, `initial_events`, ...). */
function listOfItem(lineAt: (n: number) => string, line: number, dashColumn: number): string | undefined {
  const parent = parentLine(lineAt, line, dashColumn, true);
  if (parent === undefined) return undefined;
  const parentKey = keyLine(lineAt(parent));
  if (!parentKey || parentKey.dash !== undefined || parentKey.column !== 0) return undefined;
  return parentKey.key;
}

export function completionTargetAt(lineAt: (n: number) => string, line: number, character: number): CompletionTarget | undefined {
  const text = lineAt(line);
  const before = text.slice(0, character);
  const match = KEY_LINE_RE.exec(before);
  if (!match) return undefined;
  const valueStart = match[0].length;
  // Right after the colon a value would be glued to it (`agent:x`); wait for the space.
  if (character < valueStart || (!match[4] && !match[5])) return undefined;
  const typed = before.slice(valueStart);
  if (/[\s"',[\]{}#]/.test(typed)) return undefined;
  const rest = text.slice(valueStart);
  const token = /^[^\s"'#,\]}]*/.exec(rest)?.[0] ?? '';
  const valueEnd = valueStart + token.length;
  const base = { line, valueStart, valueEnd, prefix: typed };
  const key = match[3];
  const keyColumn = match[1].length + (match[2]?.length ?? 0);
  const dash = match[2] ? match[1].length : undefined;

  if (key === 'agent' && keyColumn === 0) return { kind: 'agent', ...base };
  if (key === 'environment_id' && keyColumn === 0) return { kind: 'environment', ...base };
  if (key === 'id' && dash === undefined && keyColumn > 0) {
    const parent = parentLine(lineAt, line, keyColumn, false);
    const parentKey = parent === undefined ? undefined : keyLine(lineAt(parent));
    if (parentKey?.key === 'agent' && parentKey.column === 0) return { kind: 'agent', ...base };
  }
  if (key === 'type') {
    let dashColumn = dash;
    if (dashColumn === undefined) {
      // A later key of a list item: the item starts on the nearest line left of this key.
      const start = parentLine(lineAt, line, keyColumn, false);
      const startKey = start === undefined ? undefined : keyLine(lineAt(start));
      if (startKey?.dash === undefined || startKey.column !== keyColumn) return undefined;
      dashColumn = startKey.dash;
      const list = listOfItem(lineAt, start!, dashColumn);
      return list === 'events' || list === 'initial_events' ? { kind: 'eventType', list, ...base } : undefined;
    }
    const list = listOfItem(lineAt, line, dashColumn);
    return list === 'events' || list === 'initial_events' ? { kind: 'eventType', list, ...base } : undefined;
  }
  return undefined;
}
