/**
 * The scripted agent: turns queued user input into plausible session activity.
 *
 * A `user.message` starts a turn (running → model request → thinking → message → tool use →
 * tool result → model request → message → usage → idle/end_turn). Cue words in the message text
 * (`#confirm`, `#custom`, `#error`, `#long=N`, ... see README.md) select other paths. Interrupts,
 * tool confirmations and tool results jump the queue; messages wait until the session is idle
 * and not blocked on `requires_action`.
 */
import { bashPolicy, closingMarkdown, openingMarkdown, OUTPUTS_DIR, outputFiles, parseCues, textOf } from './cues';
import * as build from './events';
import type { SessionRecord, Store, ThreadRecord } from './store';
import { BudgetReached, Turn } from './turn';
import type { SimEvent, StopReason } from './types';
import { Cancelled, sleep } from './util';

export interface ScriptedAgentOptions {
  stepDelayMs: number;
  log?: (line: string) => void;
}

const INPUT_RESOLUTION_TYPES = new Set(['user.tool_confirmation', 'user.custom_tool_result', 'user.tool_result']);
const TURN_STARTING_TYPES = new Set(['user.message', 'user.define_outcome']);
const LONG_TURN_BATCH = 500;

export class ScriptedAgent {
  private readonly turns = new Map<SessionRecord, Turn>();
  private readonly scheduled = new Set<SessionRecord>();
  /** Sessions whose coordinator waits on its subagent threads (`#team`): the session status follows theirs. */
  private readonly teamWaiting = new Set<SessionRecord>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly options: ScriptedAgentOptions,
  ) {
    store.inputs.on('queued', (record: SessionRecord) => this.schedule(record));
  }

  /** Stops every running turn (reset); new input is still processed afterwards. */
  abortAll(): void {
    for (const turn of this.turns.values()) turn.record.turn?.abort();
    this.turns.clear();
  }

  /** Stops every turn for good (server close). */
  stop(): void {
    this.stopped = true;
    this.abortAll();
  }

  /** Processes the session's queue on the next tick (coalesced). */
  schedule(record: SessionRecord): void {
    if (this.stopped || this.scheduled.has(record)) return;
    this.scheduled.add(record);
    setImmediate(() => {
      this.scheduled.delete(record);
      this.pump(record);
    });
  }

  private isLive(record: SessionRecord): boolean {
    return !this.stopped && this.store.findRecord(record.id) === record;
  }

  private pump(record: SessionRecord): void {
    if (!this.isLive(record)) return;
    // Interrupts and answers to requires_action are handled at once, whatever is queued before them.
    for (const event of [...record.pending]) {
      if (!record.pending.includes(event)) continue;
      if (event.type === 'user.interrupt') this.interrupt(record, event);
      else if (INPUT_RESOLUTION_TYPES.has(event.type)) this.resolveAction(record, event);
    }
    const session = record.session;
    if (record.turn !== null || record.blockers.size > 0 || session.status !== 'idle' || session.archived_at !== null) return;
    const next = record.pending.find((event) => TURN_STARTING_TYPES.has(event.type));
    if (next) this.startTurn(record, (turn) => this.userTurn(turn, next));
  }

  /** Logs a queued event as processed, plus a system.message sent right after it. */
  private process(record: SessionRecord, event: SimEvent): SimEvent {
    const index = record.pending.indexOf(event);
    const follower = record.pending[index + 1];
    const processed = this.store.markProcessed(record, event);
    if (follower?.type === 'system.message') this.store.markProcessed(record, follower);
    return processed;
  }

  private resolveAction(record: SessionRecord, event: SimEvent): void {
    const processed = this.process(record, event);
    const id = String(event.tool_use_id ?? event.custom_tool_use_id);
    const blocker = record.blockers.get(id);
    if (!blocker) return; // answered after an interrupt cleared it: recorded, nothing to resume
    record.blockers.delete(id);
    blocker.resolve(processed);
  }

  /**
   * `user.interrupt`: with the `session_thread_id` of a child thread, stops that thread only;
   * otherwise stops every thread: the turn, the children, drops the input queued before it, idle.
   */
  private interrupt(record: SessionRecord, event: SimEvent): void {
    const child = record.threads.find((thread) => thread.id === event.session_thread_id);
    if (child) {
      const processed = this.store.markProcessed(record, event);
      if (child.archivedAt === null) {
        this.store.log(child, { ...processed, processed_at: undefined });
        this.interruptThread(record, child);
        this.syncSessionStatus(record);
      }
      this.schedule(record);
      return;
    }
    const queuedBefore = record.pending.slice(0, record.pending.indexOf(event));
    this.store.markProcessed(record, event);
    record.pending = record.pending.filter((queued) => !queuedBefore.includes(queued));
    for (const thread of record.threads) if (thread.archivedAt === null) this.interruptThread(record, thread);
    this.teamWaiting.delete(record);
    const turn = this.turns.get(record);
    const status = record.session.status;
    const wasBusy = record.turn !== null || record.blockers.size > 0 || status === 'running' || status === 'rescheduling';
    record.turn?.abort();
    record.turn = null;
    this.turns.delete(record);
    record.blockers.clear();
    // A model request cut short has no buffered event; its span end closes any open preview.
    const openRequestId = turn?.openRequestId ?? this.openRequestInHistory(record);
    if (openRequestId) {
      this.store.log(record, build.modelRequestEnd(openRequestId, { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, false));
    }
    if (wasBusy && status !== 'terminated') this.store.setStatus(record, 'idle', { stopReason: { type: 'end_turn' } });
    this.schedule(record);
  }

  /**
   * Stops one child thread: its open model request is closed, each tool call it waits on gets an
   * error result, and it goes idle `end_turn` (`session.thread_status_idle` in the primary).
   */
  interruptThread(record: SessionRecord, thread: ThreadRecord): void {
    const busy = thread.turn !== null || thread.status === 'running' || thread.waitingOn.size > 0;
    thread.turn?.abort();
    thread.turn = null;
    if (thread.openRequestId !== null) {
      this.store.log(thread, build.modelRequestEnd(thread.openRequestId, { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, false));
      thread.openRequestId = null;
    }
    for (const id of thread.waitingOn) {
      record.blockers.delete(id);
      this.store.log(thread, build.agentToolResult(id, 'Tool execution was interrupted before completion. Please retry.', true));
    }
    thread.waitingOn.clear();
    if (busy && thread.status !== 'terminated') this.store.setThreadStatus(record, thread, 'idle', { type: 'end_turn' });
  }

  /**
   * The session status aggregates its threads: running while a child runs; while the coordinator
   * waits on its children and none runs, idle `requires_action` with the tool calls they wait on;
   * with no coordinator turn and no running child, idle.
   */
  syncSessionStatus(record: SessionRecord): void {
    const session = record.session;
    if (session.status === 'terminated' || session.archived_at !== null || !this.isLive(record)) return;
    const anyRunning = record.threads.some((thread) => thread.status === 'running');
    if (anyRunning) {
      if (session.status !== 'running') this.store.setStatus(record, 'running');
      return;
    }
    if (this.teamWaiting.has(record)) {
      const waitingOn = record.threads.flatMap((thread) => [...thread.waitingOn]);
      if (waitingOn.length === 0) {
        if (session.status !== 'running') this.store.setStatus(record, 'running');
        return;
      }
      const last = record.lastStopReason;
      const same = session.status === 'idle' && last?.type === 'requires_action' && last.event_ids.join() === waitingOn.join();
      if (!same) this.store.setStatus(record, 'idle', { stopReason: { type: 'requires_action', event_ids: waitingOn } });
      return;
    }
    if (record.turn === null && session.status === 'running') this.store.setStatus(record, 'idle', { stopReason: { type: 'end_turn' } });
  }

  /** A `span.model_request_start` with no end yet (a turn running "elsewhere", e.g. seed data). */
  private openRequestInHistory(record: SessionRecord): string | null {
    if (record.session.status !== 'running') return null;
    for (let index = record.log.length - 1; index >= 0; index--) {
      const event = record.log[index].event;
      if (event.type === 'span.model_request_end' || event.type === 'session.status_idle') return null;
      if (event.type === 'span.model_request_start') return event.id;
    }
    return null;
  }

  private startTurn(record: SessionRecord, script: (turn: Turn) => Promise<void>): void {
    const controller = new AbortController();
    record.turn = controller;
    const turn = new Turn(this.store, record, controller.signal, this.options.stepDelayMs);
    this.turns.set(record, turn);
    script(turn)
      .catch((error: unknown) => {
        if (error instanceof Cancelled) return;
        if (error instanceof BudgetReached) return this.stopAtBudget(turn);
        this.options.log?.(`scripted turn failed on ${record.id}: ${String(error)}`);
      })
      .finally(() => {
        if (record.turn === controller) {
          record.turn = null;
          this.turns.delete(record);
        }
        this.schedule(record);
      });
  }

  /** The spend reached the budget: tool calls in flight are dropped, usage reported, idle `budget_reached`. */
  private stopAtBudget(turn: Turn): void {
    const { record, store } = turn;
    if (turn.signal.aborted || !this.isLive(record)) return;
    record.blockers.clear();
    store.log(record, build.sessionUsage(store.usageSnapshot(record), store.budgetOf(record)));
    store.setStatus(record, 'idle', { stopReason: { type: 'budget_reached' } });
  }

  /**
   * Takes over `requires_action` event ids that were not produced by a scripted turn (seed data,
   * `handle.setStatus`): answering them finishes the turn like a scripted one.
   */
  adoptPendingActions(record: SessionRecord, eventIds: string[]): void {
    const events = this.store.events(record);
    const selfHosted = this.store.environment(record.session.environment_id).config.type === 'self_hosted';
    type Action = { id: string; kind: 'confirmation' | 'custom_tool' | 'tool_result'; event: SimEvent };
    const actions = eventIds.flatMap((id): Action[] => {
      const event = events.find((candidate) => candidate.id === id);
      if (!event) return [];
      if (event.type === 'agent.custom_tool_use') return [{ id, kind: 'custom_tool', event }];
      if (event.type === 'agent.tool_use' && event.evaluated_permission !== 'ask' && selfHosted) return [{ id, kind: 'tool_result', event }];
      return [{ id, kind: 'confirmation', event }];
    });
    if (actions.length === 0) return;
    record.turn?.abort();
    this.startTurn(record, async (turn) => {
      for (const action of actions) turn.expect(action.id, action.kind);
      // The caller already logged the idle/requires_action event.
      const answers = await turn.waitForAnswers(
        actions.map((action) => action.id),
        { emitIdle: false },
      );
      for (const action of actions) this.emitToolOutcome(turn, action.event, answers.get(action.id));
      await this.finishTurn(turn, 'Thanks, I have what I need. The task is complete.');
    });
  }

  /** What the agent does with an answered tool call (confirmation, custom tool result, client tool result). */
  private emitToolOutcome(turn: Turn, toolUse: SimEvent, answer: SimEvent | undefined): string {
    if (toolUse.type === 'agent.custom_tool_use') {
      const result = answer ? textOf(answer) || '(no content)' : '(no result)';
      return `The \`${String(toolUse.name)}\` tool returned${answer?.is_error ? ' an error' : ''}: ${result}`;
    }
    if (answer?.type === 'user.tool_result') return `The command finished on your runner${answer.is_error ? ' with an error' : ''}: ${textOf(answer) || '(no output)'}`;
    if (answer?.type === 'user.tool_confirmation' && answer.result === 'deny') {
      const reason = typeof answer.deny_message === 'string' ? answer.deny_message : 'no reason given';
      if (toolUse.type === 'agent.mcp_tool_use') turn.emit(build.agentMcpToolResult(toolUse.id, `Denied by the user: ${reason}`));
      else turn.emit(build.agentToolResult(toolUse.id, `Tool call denied by the user: ${reason}`, true));
      return `Understood, I did not run it (${reason}).`;
    }
    if (toolUse.type === 'agent.mcp_tool_use') turn.emit(build.agentMcpToolResult(toolUse.id, 'Created issue #42: "Flaky test in CI"'));
    else turn.emit(build.agentToolResult(toolUse.id, '> build\n> tsc -p .\n\nBuild finished in 2.4s.', false));
    return 'The command ran successfully.';
  }

  // ---- the scripted turn -------------------------------------------------------------------

  private usage(record: SessionRecord, outputChars: number): build.ModelUsage {
    const turnNumber = record.log.filter((logged) => logged.event.type === 'user.message').length;
    return {
      input_tokens: 1800 + 37 * turnNumber,
      output_tokens: 40 + Math.round(outputChars / 4),
      cache_read_input_tokens: 9000 + 400 * turnNumber,
      cache_creation_input_tokens: 600,
    };
  }

  private async userTurn(turn: Turn, trigger: SimEvent): Promise<void> {
    const { record, store } = turn;
    await turn.step();
    const processed = this.process(record, trigger);
    const prompt = trigger.type === 'user.define_outcome' ? String(trigger.description) : textOf(trigger);
    const cues = parseCues(prompt);
    if (trigger.type === 'user.define_outcome') {
      record.session.outcome_evaluations.push({
        type: 'outcome_evaluation',
        outcome_id: String(processed.outcome_id),
        description: String(processed.description),
        iteration: 0,
        result: 'running',
        explanation: null,
        completed_at: null,
      });
    }
    turn.status('running');
    await turn.step();

    if (cues.long > 0) return this.longTurn(turn, cues.long);
    // Only a coordinator has the tools to start threads: for any other agent `#team` is just words.
    if (cues.team && record.session.agent.multiagent) return this.teamTurn(turn, prompt, cues.confirm);

    turn.startModelRequest();
    await turn.step();
    if (cues.error || cues.exhaust) {
      const failures = cues.exhaust ? 2 : 1;
      for (let attempt = 1; attempt <= failures; attempt++) {
        turn.endModelRequest({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, true);
        turn.emit(build.sessionError('model_overloaded_error', 'The model is overloaded; retrying.', 'retrying'));
        await turn.step(2);
        turn.startModelRequest();
        await turn.step();
      }
      if (cues.exhaust) {
        turn.endModelRequest({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, true);
        turn.emit(build.sessionError('model_overloaded_error', 'The model is still overloaded; giving up on this turn.', 'exhausted'));
        // Exhausted: the turn is dead and queued inputs are flushed.
        record.pending = record.pending.filter((queued) => !TURN_STARTING_TYPES.has(queued.type) && queued.type !== 'system.message');
        turn.status('idle', { type: 'retries_exhausted' });
        return;
      }
    }
    if (cues.reschedule) {
      turn.endModelRequest({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, true);
      turn.emit(build.sessionError('model_request_failed_error', 'The sandbox host went away; rescheduling.', 'retrying'));
      turn.status('rescheduling');
      await turn.step(3);
      turn.status('running');
      await turn.step();
      turn.startModelRequest();
      await turn.step();
    }
    await turn.thinking();
    await turn.step();

    if (cues.refuse) {
      turn.endModelRequest(this.usage(record, 0));
      turn.status('idle', { type: 'refusal' }, { type: 'refusal', category: null, explanation: 'The simulated safety classifier declined this request.' });
      return;
    }
    if (cues.terminate) {
      turn.endModelRequest(this.usage(record, 0), true);
      turn.emit(build.sessionError('unknown_error', 'The session hit an unrecoverable error.', 'terminal'));
      record.pending = [];
      turn.status('terminated');
      return;
    }

    const opening = await turn.message(openingMarkdown(prompt, cues));
    await turn.step();
    if (cues.write) await this.writeOutputs(turn, prompt);
    const environment = store.environment(record.session.environment_id);
    const selfHosted = environment.config.type === 'self_hosted';
    const bash = bashPolicy(record.session.agent.tools);
    const confirm = cues.confirm || bash === 'always_ask';
    const outcomeId = trigger.type === 'user.define_outcome' ? String(processed.outcome_id) : null;
    const beforeIdle = outcomeId ? () => this.evaluateOutcome(turn, outcomeId) : undefined;

    // First model request ends with the tool call it made.
    let toolUse: SimEvent;
    if (cues.custom) {
      const tool = record.session.agent.tools.find((candidate) => candidate.type === 'custom');
      const name = tool?.type === 'custom' ? tool.name : 'lookup_order';
      const properties = tool?.type === 'custom' ? Object.keys(tool.input_schema.properties ?? {}) : [];
      const input = properties.length > 0 ? Object.fromEntries(properties.map((key) => [key, `example ${key}`])) : { query: prompt.slice(0, 80) };
      toolUse = turn.emit(build.agentCustomToolUse(name, input));
      turn.expect(toolUse.id, 'custom_tool');
    } else if (cues.mcp) {
      const server = record.session.agent.mcp_servers[0]?.name ?? 'github';
      toolUse = turn.emit(build.agentMcpToolUse(server, 'create_issue', { title: 'Flaky test in CI', labels: ['bug'] }));
    } else if (bash !== null || cues.confirm) {
      const command = cues.confirm ? 'rm -rf dist && npm run build' : 'npm test -- --reporter dot';
      toolUse = turn.emit(build.agentToolUse('bash', { command }, confirm ? 'always_ask' : (bash ?? 'always_allow')));
      if (confirm) turn.expect(toolUse.id, 'confirmation');
      else if (selfHosted) turn.expect(toolUse.id, 'tool_result');
    } else {
      // No enabled bash tool: a plain question-and-answer turn.
      turn.endModelRequest(this.usage(record, textOf(opening).length));
      await turn.step();
      await this.finishTurn(turn, 'That is all I can tell from here; no tools were needed.', beforeIdle);
      return;
    }
    turn.endModelRequest(this.usage(record, textOf(opening).length));
    await turn.step();

    let summary: string;
    if (toolUse.type === 'agent.mcp_tool_use') {
      summary = this.emitToolOutcome(turn, toolUse, undefined);
      await turn.step();
    } else if (toolUse.type === 'agent.tool_use' && !confirm && !selfHosted) {
      turn.emit(build.agentToolResult(toolUse.id, '....................\n\n  20 passing (1s)', false));
      await turn.step();
      summary = 'All 20 tests pass.';
    } else {
      let answer = (await turn.waitForAnswers([toolUse.id])).get(toolUse.id);
      const denied = answer?.type === 'user.tool_confirmation' && answer.result === 'deny';
      if (confirm && selfHosted && !denied && toolUse.type === 'agent.tool_use') {
        // Self-hosted environments run sandbox tools on the client, which answers with user.tool_result.
        turn.expect(toolUse.id, 'tool_result');
        answer = (await turn.waitForAnswers([toolUse.id])).get(toolUse.id);
      }
      summary = this.emitToolOutcome(turn, toolUse, answer);
    }

    turn.startModelRequest();
    await turn.step();
    await this.finishTurn(turn, closingMarkdown([summary]), beforeIdle);
  }

  /**
   * `#write`: one `write` tool call per output file, each answered once the file exists; the files are
   * the session's (scope), downloadable, as what tools write is.
   */
  private async writeOutputs(turn: Turn, prompt: string): Promise<void> {
    for (const output of outputFiles(prompt)) {
      const filePath = `${OUTPUTS_DIR}/${output.name}`;
      const toolUse = turn.emit(build.agentToolUse('write', { file_path: filePath, content: output.content }, 'always_allow'));
      await turn.step();
      this.store.files.addOutput(turn.record.id, output.name, output.mimeType, Buffer.from(output.content));
      turn.emit(build.agentToolResult(toolUse.id, `File created successfully at: ${filePath}`, false));
      await turn.step();
    }
  }

  /** Final message of a turn, usage snapshot and idle/end_turn. */
  private async finishTurn(turn: Turn, markdown: string, beforeIdle?: () => Promise<void>): Promise<void> {
    if (turn.openRequestId === null) {
      turn.startModelRequest();
      await turn.step();
    }
    await turn.message(markdown);
    turn.endModelRequest(this.usage(turn.record, markdown.length));
    await turn.step();
    if (beforeIdle) await beforeIdle();
    turn.emit(build.sessionUsage(this.store.usageSnapshot(turn.record), this.store.budgetOf(turn.record)));
    turn.status('idle', { type: 'end_turn' });
  }

  private async evaluateOutcome(turn: Turn, outcomeId: string): Promise<void> {
    const evaluation = turn.record.session.outcome_evaluations.find((candidate) => candidate.outcome_id === outcomeId);
    if (!evaluation) return;
    // The grader scores the deliverable before the session goes idle.
    const start = turn.emit(build.outcomeEvaluationStart(outcomeId, 0));
    evaluation.result = 'evaluating';
    await turn.step();
    turn.emit(build.outcomeEvaluationOngoing(outcomeId, 0));
    await turn.step();
    const end = turn.emit(build.outcomeEvaluationEnd(start.id, outcomeId, 0, { input_tokens: 900, output_tokens: 120, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }));
    evaluation.result = 'satisfied';
    evaluation.explanation = String(end.explanation);
    evaluation.completed_at = String(end.processed_at);
  }

  // ---- multiagent turns (`#team`) -----------------------------------------------------------

  /** The two subagents: the first two agents of the coordinator's roster (the only one, twice, if it names one). */
  private teamRoster(record: SessionRecord): ThreadRecord['agent'][] {
    const roster = record.session.agent.multiagent?.agents ?? [];
    const [first, second = first] = roster;
    return [structuredClone(first), structuredClone(second)];
  }

  /**
   * The coordinator (primary thread) starts two subagent threads, sends each a task, waits for
   * both reports, and ends with a summary. The children run at once, interleaved, each at its own
   * pace; with `confirm` the second child's bash call waits for a `user.tool_confirmation`.
   */
  private async teamTurn(turn: Turn, prompt: string, confirm: boolean): Promise<void> {
    const { record, store } = turn;
    const topic = prompt.replace(/#[a-z_-]+(?:[=:]\d+)?/gi, '').trim().slice(0, 60) || 'your request';
    turn.startModelRequest();
    await turn.step();
    await turn.thinking();
    await turn.step();
    const roster = this.teamRoster(record);
    const plan = await turn.message(`Splitting **${topic}** in two: *${roster[0].name}* updates the docs while *${roster[1].name}* reviews the change.`);
    turn.endModelRequest(this.usage(record, textOf(plan).length));
    await turn.step();
    const threads = roster.map((agent) => {
      const thread = store.addThread(record, agent);
      turn.emit(build.threadCreated({ session_thread_id: thread.id, agent_name: thread.agentName }));
      return thread;
    });
    // A step between creating the threads and starting them: a client can open a thread's stream first.
    await turn.step(2);
    const tasks = [`Update the docs for ${topic}: the README section and the changelog entry.`, `Review the change for ${topic} and run the checks.`];
    // Both tasks are sent in one go, so each child's first event precedes the other's second: they overlap.
    this.teamWaiting.add(record);
    const runs = threads.map((thread, index) => {
      turn.emit(build.threadMessageSent(thread.id, thread.agentName, tasks[index]));
      return this.runChild(turn, thread, tasks[index], { pace: index === 0 ? 1 : 1.5, confirm: confirm && index === 1 }).catch((error: unknown) => {
        // A child interrupted on its own: the coordinator goes on without its report.
        if (error instanceof Cancelled && !turn.signal.aborted) return null;
        throw error;
      });
    });
    let reports: (string | null)[];
    try {
      reports = await Promise.all(runs);
    } finally {
      this.teamWaiting.delete(record);
    }
    if (turn.signal.aborted) throw new Cancelled();
    if (record.session.status !== 'running') turn.status('running');
    turn.startModelRequest();
    await turn.step();
    const summaries = threads.map((thread, index) => (reports[index] === null ? `*${thread.agentName}* was interrupted before it reported back.` : `*${thread.agentName}*: ${reports[index]}`));
    await this.finishTurn(turn, ['Both subagents are done.', '', ...summaries.map((line) => `- ${line}`)].join('\n'));
  }

  /**
   * One subagent's turn in its own thread: the task arrives, running, a model request with a
   * message and a bash call, its result, a report sent back to the coordinator, idle. Resolves
   * with the report; rejects with Cancelled when the thread (or the whole session) is interrupted.
   */
  private async runChild(turn: Turn, thread: ThreadRecord, task: string, options: { pace: number; confirm: boolean }): Promise<string> {
    const { record, store } = turn;
    const controller = new AbortController();
    thread.turn = controller;
    const signal = controller.signal;
    const stopWithSession = (): void => controller.abort();
    turn.signal.addEventListener('abort', stopWithSession, { once: true });
    const live = (): void => {
      if (signal.aborted || !this.isLive(record)) throw new Cancelled();
    };
    const emit = (draft: SimEvent): SimEvent => {
      live();
      return store.log(thread, draft);
    };
    const step = (multiplier = 1): Promise<void> => sleep(Math.max(1, Math.round(this.options.stepDelayMs * options.pace * multiplier)), signal);
    const setStatus = (status: 'running' | 'idle', stopReason?: StopReason): void => {
      live();
      store.setThreadStatus(record, thread, status, stopReason);
      this.syncSessionStatus(record);
    };
    const modelRequest = async (markdown: string): Promise<SimEvent> => {
      const start = emit(build.modelRequestStart());
      thread.openRequestId = start.id;
      await step();
      const draft = build.agentMessage(markdown);
      store.preview(thread, build.previewStart(draft.id, 'agent.message'), 'agent.message');
      await step();
      store.preview(thread, build.previewDelta(draft.id, 0, markdown), 'agent.message');
      await step();
      return emit(draft);
    };
    const endRequest = (outputChars: number): void => {
      if (thread.openRequestId === null) return;
      const usage: build.ModelUsage = { input_tokens: 1200, output_tokens: 30 + Math.round(outputChars / 4), cache_read_input_tokens: 4000, cache_creation_input_tokens: 300 };
      emit(build.modelRequestEnd(thread.openRequestId, usage, false));
      thread.openRequestId = null;
      store.addUsage(record, usage, thread);
    };
    try {
      emit(build.threadMessageReceived(record.threadId, null, task));
      setStatus('running');
      await step();
      const first = await modelRequest(options.confirm ? 'I need a clean build before reviewing, which deletes `dist/`; asking first.' : 'Starting on it; first I will look at what is there.');
      const command = options.confirm ? 'rm -rf dist && npm run build' : 'git diff --stat HEAD~1';
      const toolUse = emit({ ...build.agentToolUse('bash', { command }, options.confirm ? 'always_ask' : 'always_allow'), session_thread_id: thread.id });
      endRequest(textOf(first).length);
      let denied: string | null = null;
      if (options.confirm) {
        // The blocking request shows in the primary thread too, so a client watching the session can answer it.
        store.log(record, { ...toolUse, processed_at: toolUse.processed_at });
        thread.waitingOn.add(toolUse.id);
        const answer = await new Promise<SimEvent>((resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Cancelled()), { once: true });
          record.blockers.set(toolUse.id, { kind: 'confirmation', resolve });
          setStatus('idle', { type: 'requires_action', event_ids: [toolUse.id] });
        });
        thread.waitingOn.delete(toolUse.id);
        emit({ ...answer, processed_at: undefined });
        if (answer.result === 'deny') denied = typeof answer.deny_message === 'string' ? answer.deny_message : 'no reason given';
        setStatus('running');
      }
      await step();
      if (denied !== null) emit(build.agentToolResult(toolUse.id, `Tool call denied by the user: ${denied}`, true));
      else emit(build.agentToolResult(toolUse.id, options.confirm ? '> build\n> tsc -p .\n\nBuild finished in 2.4s.' : ' README.md    | 12 ++++++------\n CHANGELOG.md |  3 +++\n 2 files changed', false));
      await step();
      const report = denied !== null ? `could not build (denied: ${denied}).` : options.confirm ? 'clean build passes; the change looks right.' : 'README and changelog updated.';
      const last = await modelRequest(`Done: ${report}`);
      endRequest(textOf(last).length);
      emit(build.threadMessageSent(record.threadId, null, report));
      live();
      store.log(record, build.threadMessageReceived(thread.id, thread.agentName, report));
      setStatus('idle', { type: 'end_turn' });
      return report;
    } finally {
      turn.signal.removeEventListener('abort', stopWithSession);
      if (thread.turn === controller) thread.turn = null;
    }
  }

  /** `#long=N`: N agent.message events of a few hundred bytes, emitted in batches as fast as streams drain. */
  private async longTurn(turn: Turn, count: number): Promise<void> {
    const { record, store } = turn;
    turn.startModelRequest();
    const filler = 'The quick brown fox jumps over the lazy dog while the build keeps running. '.repeat(3);
    for (let index = 0; index < count; index++) {
      turn.emit(build.agentMessage(`Progress ${index + 1} of ${count}: ${filler}`));
      if ((index + 1) % LONG_TURN_BATCH === 0) {
        await store.drained(record);
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (turn.signal.aborted) throw new Cancelled();
      }
    }
    turn.endModelRequest({ input_tokens: 2000, output_tokens: 60 * count, cache_read_input_tokens: 9000, cache_creation_input_tokens: 0 });
    turn.emit(build.sessionUsage(store.usageSnapshot(record), store.budgetOf(record)));
    turn.status('idle', { type: 'end_turn' });
  }
}
