/** A scripted turn's handle on its session: paced, cancellable emission and tool-call answers. */
import { budgetReached } from './budget';
import * as build from './events';
import type { SessionRecord, Store } from './store';
import type { SessionStatus, SimEvent, StopReason } from './types';
import { Cancelled, sleep } from './util';

/**
 * Thrown inside a turn when the session's spend reaches its budget: the turn ends at once, idle with
 * stop reason `budget_reached` (the scripted agent catches it).
 */
export class BudgetReached extends Error {
  constructor() {
    super('budget reached');
    this.name = 'BudgetReached';
  }
}

/** A running turn's view of its session: paced, cancellable emission. */
export class Turn {
  /** The open model request span, closed by an interrupt if the turn is cut short. */
  openRequestId: string | null = null;

  constructor(
    readonly store: Store,
    readonly record: SessionRecord,
    readonly signal: AbortSignal,
    private readonly stepDelayMs: number,
  ) {}

  step(multiplier = 1): Promise<void> {
    return sleep(this.stepDelayMs * multiplier, this.signal);
  }

  emit(draft: SimEvent): SimEvent {
    if (this.signal.aborted) throw new Cancelled();
    return this.store.log(this.record, draft);
  }

  status(status: SessionStatus, stopReason?: StopReason, stopDetails?: { type: 'refusal'; category: string | null; explanation: string | null }): void {
    if (this.signal.aborted) throw new Cancelled();
    this.store.setStatus(this.record, status, { stopReason, stopDetails });
  }

  /** Refused once the budget is reached: the session stops issuing model requests. */
  startModelRequest(): string {
    if (budgetReached(this.record.session)) throw new BudgetReached();
    const start = this.emit(build.modelRequestStart());
    this.openRequestId = start.id;
    return start.id;
  }

  endModelRequest(usage: build.ModelUsage, isError = false): void {
    if (this.openRequestId === null) return;
    this.emit(build.modelRequestEnd(this.openRequestId, usage, isError));
    this.openRequestId = null;
    this.store.addUsage(this.record, usage);
    // The request that crosses the limit is the turn's last.
    if (budgetReached(this.record.session)) throw new BudgetReached();
  }

  async thinking(): Promise<void> {
    const draft = build.agentThinking();
    this.store.preview(this.record, build.previewStart(draft.id, 'agent.thinking'), 'agent.thinking');
    await this.step();
    this.emit(draft);
  }

  /** An agent.message, previewed as event_start + content_delta fragments on opted-in streams. */
  async message(markdown: string): Promise<SimEvent> {
    const draft = build.agentMessage(markdown);
    this.store.preview(this.record, build.previewStart(draft.id, 'agent.message'), 'agent.message');
    const fragments = markdown.match(/[\s\S]{1,48}(?=\s|$)|[\s\S]{1,48}/g) ?? [markdown];
    const pause = Math.max(1, Math.round(this.stepDelayMs / 4));
    for (const fragment of fragments) {
      await sleep(pause, this.signal);
      this.store.preview(this.record, build.previewDelta(draft.id, 0, fragment), 'agent.message');
    }
    await this.step();
    return this.emit(draft);
  }

  private readonly answers = new Map<string, SimEvent>();
  private waiting: { ids: Set<string>; resolve: () => void } | null = null;

  /**
   * Registers a tool call the client must answer. Registered as soon as the tool use is emitted,
   * because clients may answer before `session.status_idle` arrives.
   */
  expect(id: string, kind: 'confirmation' | 'custom_tool' | 'tool_result'): void {
    this.answers.delete(id);
    this.record.blockers.set(id, { kind, resolve: (input) => this.onAnswer(id, input) });
  }

  private onAnswer(id: string, input: SimEvent): void {
    this.answers.set(id, input);
    const waiting = this.waiting;
    if (!waiting || !waiting.ids.delete(id)) return;
    if (waiting.ids.size > 0) {
      // Resolving fewer than all re-emits session.status_idle with the remainder.
      this.store.setStatus(this.record, 'idle', { stopReason: { type: 'requires_action', event_ids: [...waiting.ids] } });
    } else {
      this.waiting = null;
      waiting.resolve();
    }
  }

  /**
   * Goes idle with `requires_action` until every listed event is answered (skipped when all were
   * answered already). Resolves with the answering events by id.
   */
  async waitForAnswers(ids: string[], options: { emitIdle?: boolean } = {}): Promise<Map<string, SimEvent>> {
    const remaining = new Set(ids.filter((id) => !this.answers.has(id)));
    if (remaining.size > 0) {
      if (options.emitIdle !== false) this.status('idle', { type: 'requires_action', event_ids: [...remaining] });
      await new Promise<void>((resolve, reject) => {
        if (this.signal.aborted) return reject(new Cancelled());
        const onAbort = (): void => reject(new Cancelled());
        this.signal.addEventListener('abort', onAbort, { once: true });
        this.waiting = {
          ids: remaining,
          resolve: () => {
            this.signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
      });
      this.status('running');
      await this.step();
    }
    return this.answers;
  }
}
