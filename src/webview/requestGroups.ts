// The transcript grouped by model request: each span.model_request_start opens a group in its thread;
// that thread's thinking, messages and tool calls join it, its span.model_request_end closes it. A tool
// call's answers (results, confirmations) join the call's group, wherever they arrive, as a reader
// expects to find them with the call. Rows are known by index; the group of a request is known by the
// index of its start row, which the list shows as the group's heading. Pure: no DOM.

/** What grouping needs to know of a row (a RowView has it). */
export interface GroupableRow {
  id: string;
  type: string;
  /** The session thread the event belongs to (multiagent sessions), if it says. */
  thread?: string;
  links?: readonly { label: string; eventId: string }[];
}

export interface RequestGroup {
  /** The index of the span.model_request_start row (the group's heading). */
  readonly start: number;
  /** The indexes of its other rows, in the session's order (the end and tool answers included). */
  readonly members: number[];
  /** The index of its span.model_request_end row, once it came. */
  end?: number;
}

/** Events a model request produces: they join the open request of their thread. */
const REQUEST_OUTPUT_TYPES = new Set(['agent.thinking', 'agent.message', 'agent.tool_use', 'agent.mcp_tool_use', 'agent.custom_tool_use', 'agent.thread_message_sent']);
/** Events that answer a tool call: they join the call's group (their first link names the call). */
const TOOL_ANSWER_TYPES = new Set(['agent.tool_result', 'agent.mcp_tool_result', 'user.tool_confirmation', 'user.custom_tool_result', 'user.tool_result']);
const TOOL_CALL_TYPES = new Set(['agent.tool_use', 'agent.mcp_tool_use', 'agent.custom_tool_use']);

/** Where a row went: outside any request, the heading of a new one, or into the group started at `head`. */
export type Placement = { kind: 'outside' } | { kind: 'head' } | { kind: 'member'; head: number };

export class RequestGroups {
  /** For each row: -1 outside any request, else the index of its group's start (its own for a start). */
  private owner: number[] = [];
  private readonly groups = new Map<number, RequestGroup>();
  /** The start indexes, in order (for the requests' numbers). */
  private starts: number[] = [];
  /** The open request of each thread ('' for events that name none). */
  private readonly open = new Map<string, number>();
  /** Rows by event id: the starts (for an end's link) and the tool calls in a group (for their answers). */
  private readonly startById = new Map<string, number>();
  private readonly callById = new Map<string, number>();

  /** Groups rows from scratch (after older rows were put before the others). */
  static of(rows: readonly GroupableRow[]): RequestGroups {
    const groups = new RequestGroups();
    rows.forEach((row, index) => groups.add(index, row));
    return groups;
  }

  get length(): number {
    return this.owner.length;
  }

  /** -1 outside any request, else the index of the group's start. */
  ownerOf(index: number): number {
    return this.owner[index] ?? -1;
  }

  isHead(index: number): boolean {
    return this.owner[index] === index;
  }

  group(start: number): RequestGroup | undefined {
    return this.groups.get(start);
  }

  /** The request's number among those loaded, from 1. */
  numberOf(start: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] === start) return middle + 1;
      if (this.starts[middle] < start) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /** Takes the next row (rows come in the session's order, each index once). */
  add(index: number, row: GroupableRow): Placement {
    const thread = row.thread ?? '';
    if (row.type === 'span.model_request_start') {
      const group: RequestGroup = { start: index, members: [] };
      this.groups.set(index, group);
      this.starts.push(index);
      this.open.set(thread, index);
      if (row.id) this.startById.set(row.id, index);
      this.owner[index] = index;
      return { kind: 'head' };
    }
    let head: number | undefined;
    if (row.type === 'span.model_request_end') {
      const startId = row.links?.find((link) => link.label === 'Start')?.eventId;
      head = (startId !== undefined ? this.startById.get(startId) : undefined) ?? this.open.get(thread);
      const group = head === undefined ? undefined : this.groups.get(head);
      if (group && group.end === undefined) {
        group.end = index;
        if (this.open.get(thread) === head) this.open.delete(thread);
      } else head = undefined;
    } else if (REQUEST_OUTPUT_TYPES.has(row.type)) {
      head = this.open.get(thread);
      if (head !== undefined && TOOL_CALL_TYPES.has(row.type) && row.id) this.callById.set(row.id, head);
    } else if (TOOL_ANSWER_TYPES.has(row.type)) {
      const callId = row.links?.[0]?.eventId;
      head = callId === undefined ? undefined : this.callById.get(callId);
    }
    if (head === undefined) {
      this.owner[index] = -1;
      return { kind: 'outside' };
    }
    this.owner[index] = head;
    this.groups.get(head)!.members.push(index);
    return { kind: 'member', head };
  }

  /**
   * The rows to list, in order: rows outside any request, and for each request its heading (when it or
   * any of its rows passes the filter) followed by its rows that pass, unless it is collapsed.
   * `counted` gets how many rows pass the filter, collapsed ones included.
   */
  listed(matches: (index: number) => boolean, collapsed: (start: number) => boolean): { keys: number[]; counted: number } {
    const keys: number[] = [];
    let counted = 0;
    for (let index = 0; index < this.owner.length; index++) {
      const owner = this.owner[index];
      if (owner === -1) {
        if (matches(index)) {
          keys.push(index);
          counted++;
        }
        continue;
      }
      if (owner !== index) continue;
      const shown = this.groups.get(index)!.members.filter(matches);
      const headMatches = matches(index);
      if (!headMatches && !shown.length) continue;
      counted += shown.length + (headMatches ? 1 : 0);
      keys.push(index);
      if (!collapsed(index)) keys.push(...shown);
    }
    return { keys, counted };
  }
}

const OUTPUT_NAMES: readonly [type: string | readonly string[], one: string, many: string][] = [
  ['agent.thinking', 'thinking', 'thinking'],
  [[...TOOL_CALL_TYPES], 'tool call', 'tool calls'],
  ['agent.thread_message_sent', 'thread message', 'thread messages'],
  ['agent.message', 'message', 'messages'],
];

/** What a request did, from its rows' types: "thinking, 2 tool calls, message" ("" when nothing yet). */
export function activityOf(types: readonly string[]): string {
  const parts: string[] = [];
  for (const [type, one, many] of OUTPUT_NAMES) {
    const count = types.filter((t) => (typeof type === 'string' ? t === type : type.includes(t))).length;
    if (!count) continue;
    if (one === 'thinking') parts.push('thinking');
    else parts.push(count === 1 ? one : `${count} ${many}`);
  }
  return parts.join(', ');
}
