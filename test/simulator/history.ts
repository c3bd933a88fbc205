/**
 * Writes finished (or paused) turns straight into a session's history with chosen timestamps:
 * used for seed data and for the `appendTurn` test helper ("a turn that ran elsewhere").
 */
import * as build from './events';
import type { SessionRecord, Store } from './store';
import type { SimEvent } from './types';

const SECOND = 1000;

export type TurnEnding =
  /** Complete turn ending idle / end_turn. */
  | 'end_turn'
  /** Paused on a bash tool call that needs confirmation (idle / requires_action). */
  | 'awaiting_confirmation'
  /** Paused on a custom tool call (idle / requires_action). */
  | 'awaiting_custom_tool'
  /** Still running: the agent is mid-way through its first model request. */
  | 'running'
  /** A transient error put the session in `rescheduling`. */
  | 'rescheduling'
  /** A terminal error ended the session. */
  | 'terminated'
  /** One model request, then idle / budget_reached (give the session a budget that request reaches). */
  | 'budget_reached';

export class HistoryWriter {
  constructor(
    private readonly store: Store,
    private readonly record: SessionRecord,
    /** Timestamp of the last event written; advances per event. */
    private atMs: number,
    /** One "second" of the synthetic clock: 1000 for seed history, ~1 for turns appended now. */
    private readonly secondMs = SECOND,
  ) {}

  get time(): number {
    return this.atMs;
  }

  private log(draft: SimEvent, gapSeconds = 2): SimEvent {
    this.atMs += gapSeconds * this.secondMs;
    return this.store.log(this.record, draft, this.atMs);
  }

  private status(status: 'running' | 'rescheduling' | 'terminated'): void {
    this.atMs += this.secondMs;
    this.store.setStatus(this.record, status, { atMs: this.atMs });
  }

  private modelRequest(outputChars: number, body: () => void): void {
    const start = this.log(build.modelRequestStart(), 1);
    body();
    const usage = { input_tokens: 2100, output_tokens: 40 + Math.round(outputChars / 4), cache_read_input_tokens: 9400, cache_creation_input_tokens: 600 };
    this.log(build.modelRequestEnd(start.id, usage, false), 1);
    this.store.addUsage(this.record, usage);
  }

  /** Appends one turn prompted by `prompt` and returns the events written. */
  turn(prompt: string, ending: TurnEnding = 'end_turn', answer = 'Done: the change is in place and the tests pass.'): SimEvent[] {
    const firstSeq = this.record.log.length;
    const session = this.record.session;
    this.log(build.userMessage(prompt), 5);
    this.status('running');
    if (ending === 'running') {
      this.log(build.modelRequestStart(), 1);
      this.log(build.agentThinking(), 3);
      this.log(build.agentMessage(`Working on it: I am reading the code related to "${prompt.slice(0, 40)}".`), 4);
      return this.written(firstSeq);
    }
    if (ending === 'rescheduling' || ending === 'terminated') {
      const start = this.log(build.modelRequestStart(), 1);
      this.log(build.modelRequestEnd(start.id, { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, true), 6);
      if (ending === 'rescheduling') {
        this.log(build.sessionError('model_request_failed_error', 'The sandbox host went away; rescheduling.', 'retrying'), 1);
        this.status('rescheduling');
      } else {
        this.log(build.sessionError('unknown_error', 'The session hit an unrecoverable error.', 'terminal'), 1);
        this.status('terminated');
      }
      return this.written(firstSeq);
    }
    let pending: SimEvent | undefined;
    const opening = 'Let me look at the code first.\n\n```sh\ngit log --oneline -5\n```';
    this.modelRequest(opening.length, () => {
      this.log(build.agentThinking(), 3);
      this.log(build.agentMessage(opening), 4);
      if (ending === 'awaiting_confirmation') {
        pending = this.log(build.agentToolUse('bash', { command: 'rm -rf dist && npm run build' }, 'always_ask'), 1);
      } else if (ending === 'awaiting_custom_tool') {
        const tool = session.agent.tools.find((candidate) => candidate.type === 'custom');
        pending = this.log(build.agentCustomToolUse(tool?.type === 'custom' ? tool.name : 'lookup_order', { order_id: '1234' }), 1);
      } else {
        const toolUse = this.log(build.agentToolUse('bash', { command: 'npm test' }, 'always_allow'), 1);
        this.log(build.agentToolResult(toolUse.id, '  20 passing (1s)', false), 5);
      }
    });
    if (pending) {
      this.atMs += this.secondMs;
      this.store.setStatus(this.record, 'idle', { atMs: this.atMs, stopReason: { type: 'requires_action', event_ids: [pending.id] } });
      return this.written(firstSeq);
    }
    if (ending === 'budget_reached') {
      this.log(build.sessionUsage(this.store.toWire(this.record, this.atMs).usage, session.budget), 1);
      this.atMs += this.secondMs;
      this.store.setStatus(this.record, 'idle', { atMs: this.atMs, stopReason: { type: 'budget_reached' } });
      return this.written(firstSeq);
    }
    this.modelRequest(answer.length, () => {
      this.log(build.agentMessage(answer), 6);
    });
    this.log(build.sessionUsage(this.store.toWire(this.record, this.atMs).usage, session.budget), 1);
    this.atMs += this.secondMs;
    this.store.setStatus(this.record, 'idle', { atMs: this.atMs, stopReason: { type: 'end_turn' } });
    return this.written(firstSeq);
  }

  private written(fromIndex: number): SimEvent[] {
    return this.store.events(this.record).slice(fromIndex);
  }
}
