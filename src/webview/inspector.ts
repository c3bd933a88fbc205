// The inspector under the header: what the session is made of (its agent snapshot, environment, vaults,
// resources, metadata, budget and outcomes), its tool calls' figures, its threads and any event's raw
// JSON, in four ARIA tabs. The host computes what it shows (src/history/inspector.ts, toolStats.ts);
// everything here is text from the server, put in with textContent. Opening it asks the host to load the
// threads and resources (`inspect`); its open state, tab and chosen event are kept in the webview state,
// so they survive the panel reloading.
import { clear, codicon, h } from './dom';
import { eventsTab, type EventsTabState } from './inspectorEvents';
import { toolsTab } from './inspectorTools';
import type { EventJsonView, InspectorAgentView, InspectorLoad, InspectorSessionView, InspectorTab, InspectorThreadView, InspectorView, ToolStatView } from './protocol';
import { post } from './vscodeApi';
import { saveState, webviewState } from './webviewState';

const TABS: readonly { id: InspectorTab; label: string }[] = [
  { id: 'session', label: 'Session' },
  { id: 'tools', label: 'Tools' },
  { id: 'threads', label: 'Threads' },
  { id: 'events', label: 'Events' },
];

type Child = Node | string | null | undefined | false;

export class Inspector {
  readonly element: HTMLElement;
  /** Said by the header's Inspector button (its aria-expanded). */
  open: boolean;
  selected: InspectorTab;

  private view: InspectorView | null = null;
  private tools: readonly ToolStatView[] = [];
  private olderRemain = false;
  /** Whose tool calls the Tools tab counts, in a multiagent session. */
  private toolsScope: string | undefined;
  private events: EventsTabState;
  /** The event whose JSON was asked for and not answered yet. */
  private askedEventId: string | undefined;
  /** Says "Copied" to a screen reader; outside the panels, so it is never replaced. */
  private readonly status = h('span', { class: 'sr-only', role: 'status' });
  private readonly tabs = new Map<InspectorTab, HTMLButtonElement>();
  private readonly panels = new Map<InspectorTab, HTMLElement>();
  private readonly tablist = h('div', { class: 'inspector-tabs', role: 'tablist', 'aria-label': 'Inspector' });

  readonly actions = {
    'inspector-retry': () => post({ type: 'inspect' }),
    'inspector-copy-json': (button: HTMLElement) => {
      post({ type: 'copyEventJson', eventId: button.dataset.eventId ?? '' });
      this.status.textContent = '';
      this.status.textContent = 'Copied the event’s JSON';
      button.classList.add('done');
      setTimeout(() => button.classList.remove('done'), 900);
    },
    'inspector-open-json': (button: HTMLElement) => post({ type: 'openEventJson', eventId: button.dataset.eventId ?? '' }),
  };

  constructor(private readonly onToggle: (open: boolean) => void) {
    const saved = webviewState();
    this.open = saved.inspectorOpen === true;
    this.selected = TABS.some((tab) => tab.id === saved.inspectorTab) ? (saved.inspectorTab as InspectorTab) : 'session';
    this.events = typeof saved.inspectorEventId === 'string' ? { chosen: saved.inspectorEventId } : { chosen: undefined };
    this.element = h('section', { id: 'inspector', class: 'inspector', 'aria-label': 'Inspector', hidden: !this.open }, this.tablist);
    for (const { id, label } of TABS) {
      const tab = h('button', { type: 'button', role: 'tab', id: `inspector-tab-${id}`, class: 'inspector-tab', 'aria-controls': `inspector-panel-${id}` }, label);
      tab.addEventListener('click', () => this.select(id));
      this.tabs.set(id, tab);
      this.tablist.append(tab);
      // Focusable itself: a panel may hold no control, and it scrolls when long.
      const panel = h('div', { role: 'tabpanel', id: `inspector-panel-${id}`, class: 'inspector-panel', 'aria-labelledby': tab.id, tabindex: 0 });
      this.panels.set(id, panel);
      this.element.append(panel);
    }
    this.element.append(this.status);
    this.tablist.addEventListener('keydown', (e) => this.onTabKey(e));
    this.showSelected();
    this.render();
  }

  toggle(): void {
    this.setOpen(!this.open);
  }

  setOpen(open: boolean): void {
    this.open = open;
    this.element.hidden = !open;
    saveState({ inspectorOpen: open });
    this.onToggle(open);
    if (open) {
      post({ type: 'inspect' });
      this.askForEvent();
      this.tabs.get(this.selected)?.focus();
    }
  }

  /** A new `init`: the host starts over, and loads the threads and resources again if the inspector is open. */
  sessionStarted(): void {
    this.view = null;
    this.tools = [];
    // The chosen event stays (a reload of the same session); its JSON is asked for again.
    if (this.events.chosen !== undefined) this.events = { chosen: this.events.chosen };
    this.askedEventId = undefined;
    this.render();
    if (this.open) post({ type: 'inspect' });
    this.askForEvent();
  }

  show(view: InspectorView): void {
    this.view = view;
    this.render();
  }

  /** The host's figures per tool (sent again whenever an event changes them). */
  showTools(tools: readonly ToolStatView[]): void {
    this.tools = tools;
    this.fill('tools', toolsTab(this.tools, this.olderRemain, this.toolsScope));
  }

  /** Whose tool calls the figures are (a multiagent session's coordinator, or the thread shown). */
  setToolsScope(scope: string | undefined): void {
    if (scope === this.toolsScope) return;
    this.toolsScope = scope;
    this.fill('tools', toolsTab(this.tools, this.olderRemain, this.toolsScope));
  }

  /** Whether older events remain unloaded: the Tools tab says its figures leave them out. */
  setOlderRemain(olderRemain: boolean): void {
    if (olderRemain === this.olderRemain) return;
    this.olderRemain = olderRemain;
    this.fill('tools', toolsTab(this.tools, this.olderRemain, this.toolsScope));
  }

  /** A transcript row got the focus: the Events tab follows it. */
  followEvent(eventId: string): void {
    if (eventId === this.events.chosen) return;
    this.events = { chosen: eventId };
    saveState({ inspectorEventId: eventId });
    this.askForEvent();
    this.fill('events', eventsTab(this.events));
  }

  /** The history is in (after a refresh): an event the host did not hold a moment ago may be there now. */
  historyLoaded(): void {
    if (this.events.chosen === undefined || !('answer' in this.events) || this.events.answer !== null) return;
    this.events = { chosen: this.events.chosen };
    this.fill('events', eventsTab(this.events));
    this.askForEvent();
  }

  /** The host's answer to `inspectEvent`; an answer for an event no longer chosen is dropped. */
  showEvent(eventId: string, event: EventJsonView | null): void {
    if (this.askedEventId === eventId) this.askedEventId = undefined;
    if (eventId !== this.events.chosen) return;
    this.events = { chosen: eventId, answer: event };
    this.fill('events', eventsTab(this.events));
  }

  select(tab: InspectorTab, focus = false): void {
    this.selected = tab;
    saveState({ inspectorTab: tab });
    this.showSelected();
    this.askForEvent();
    if (focus) this.tabs.get(tab)?.focus();
  }

  /** Asks the host for the chosen event's JSON, only while the Events tab shows and only once. */
  private askForEvent(): void {
    const { chosen } = this.events;
    if (!this.open || this.selected !== 'events' || chosen === undefined) return;
    if ('answer' in this.events || this.askedEventId === chosen) return;
    this.askedEventId = chosen;
    post({ type: 'inspectEvent', eventId: chosen });
  }

  private showSelected(): void {
    for (const [id, tab] of this.tabs) {
      const selected = id === this.selected;
      tab.setAttribute('aria-selected', String(selected));
      // Only the selected tab is in the Tab order; the arrows move between the tabs.
      tab.tabIndex = selected ? 0 : -1;
      this.panels.get(id)!.hidden = !selected;
    }
  }

  private onTabKey(e: KeyboardEvent): void {
    const index = TABS.findIndex((tab) => tab.id === this.selected);
    const next =
      e.key === 'ArrowRight' ? (index + 1) % TABS.length
      : e.key === 'ArrowLeft' ? (index - 1 + TABS.length) % TABS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? TABS.length - 1
      : undefined;
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    this.select(TABS[next].id, true);
  }

  private render(): void {
    this.fill('session', this.view ? sessionTab(this.view) : [loadingLine('Loading…')]);
    this.fill('tools', toolsTab(this.tools, this.olderRemain, this.toolsScope));
    this.fill('threads', this.view ? threadsTab(this.view.threads) : [loadingLine('Loading…')]);
    this.fill('events', eventsTab(this.events));
  }

  /** Replaces a panel's content; focus inside what is replaced goes to the panel, not to the page. */
  private fill(id: InspectorTab, children: Child[]): void {
    const panel = this.panels.get(id)!;
    const hadFocus = panel.contains(document.activeElement) && document.activeElement !== panel;
    clear(panel);
    for (const child of children) if (child) panel.append(child);
    if (hadFocus) panel.focus();
  }
}

// ---- the Session tab ------------------------------------------------------------------------------

function sessionTab(view: InspectorView): Child[] {
  const session = view.session;
  return [
    section('Agent', session ? agentPart(session.agent) : [loadingLine('Loading the session…')]),
    section('Environment', session ? [session.environment.id ? fields([['Name', session.environment.name], ['Id', session.environment.id]]) : empty('No environment')] : [loadingLine('Loading the session…')]),
    section('Vaults', session ? [session.vaultIds.length ? plainList(session.vaultIds) : empty('No vault')] : [loadingLine('Loading the session…')]),
    section('Resources', loadPart(view.resources, 'resources', (items) =>
      items.length
        ? [h('ul', { class: 'inspector-list' }, ...items.map((resource) => h('li', {}, h('span', { class: 'inspector-name' }, resource.name || resource.id), ` ${resourceType(resource.type)}`, resource.mountPath ? h('div', { class: 'muted' }, 'Mounted at ', h('code', {}, resource.mountPath)) : null, resource.detail ? h('div', { class: 'muted' }, resource.detail) : null)))]
        : [empty('No resources')],
    )),
    section('Metadata', session ? [session.metadata.length ? fields(session.metadata) : empty('No metadata')] : [loadingLine('Loading the session…')]),
    section('Budget', session ? [budgetLine(session)] : [loadingLine('Loading the session…')]),
    section('Outcomes', view.outcomes.length
      ? [
          h(
            'ul',
            { class: 'inspector-list' },
            ...view.outcomes.map((outcome) =>
              h(
                'li',
                {},
                h('div', {}, h('span', { class: 'inspector-name' }, outcome.description || outcome.outcomeId), ' ', showEvent(outcome.eventId, 'the outcome defined')),
                fields([
                  ['Rubric', outcome.rubric],
                  ['Iterations', outcome.maxIterations !== null ? `up to ${outcome.maxIterations}` : ''],
                  ['Id', outcome.outcomeId],
                ]),
                outcome.evaluations.length
                  ? h('ol', { class: 'inspector-evaluations', 'aria-label': 'Evaluations' }, ...outcome.evaluations.map((evaluation) => h('li', {}, `Iteration ${evaluation.iteration}: `, h('span', { class: `evaluation evaluation-${tone(evaluation.result)}` }, evaluation.result.replace(/_/g, ' ') || 'done'), ' ', showEvent(evaluation.eventId, `the evaluation of iteration ${evaluation.iteration}`), evaluation.explanation ? h('div', { class: 'muted' }, evaluation.explanation) : null)))
                  : empty('Not evaluated yet'),
              ),
            ),
          ),
        ]
      : [empty('No outcome defined')]),
  ];
}

function agentPart(agent: InspectorAgentView): Child[] {
  return [
    fields([
      ['Name', agent.name ? `${agent.name}${agent.version !== null ? ` v${agent.version}` : ''}` : ''],
      ['Id', agent.id],
      ['Model', agent.model],
      ['Description', agent.description],
      ['Multiagent', agent.multiagent],
    ]),
    agent.system
      ? h('details', { class: 'inspector-system' }, h('summary', { 'aria-expanded': 'false' }, codicon('chevron-right', 'twistie'), ' System prompt'), h('pre', { class: 'inspector-pre' }, agent.system))
      : empty('No system prompt'),
    h('h4', {}, 'Tools'),
    agent.toolsets.length
      ? h(
          'ul',
          { class: 'inspector-list' },
          ...agent.toolsets.map((toolset) =>
            h(
              'li',
              {},
              h('span', { class: 'inspector-name' }, toolset.title),
              toolset.defaults ? h('div', { class: 'muted' }, `Any other: ${policyWords(toolset.defaults.enabled, toolset.defaults.permission)}`) : null,
              toolset.tools.length
                ? h('ul', { class: 'inspector-tools' }, ...toolset.tools.map((tool) => h('li', {}, h('code', {}, tool.name), ` ${toolState(tool.enabled, tool.permission)}`, tool.description ? h('div', { class: 'muted' }, tool.description) : null)))
                : null,
            ),
          ),
        )
      : empty('No tools'),
    h('h4', {}, 'MCP servers'),
    agent.mcpServers.length ? h('ul', { class: 'inspector-list' }, ...agent.mcpServers.map((server) => h('li', {}, h('span', { class: 'inspector-name' }, server.name), ' ', h('code', {}, server.url)))) : empty('No MCP servers'),
    h('h4', {}, 'Skills'),
    agent.skills.length ? h('ul', { class: 'inspector-list' }, ...agent.skills.map((skill) => h('li', {}, h('code', {}, skill.id), ` ${[skill.type, skill.version && `version ${skill.version}`].filter(Boolean).join(' · ')}`))) : empty('No skills'),
  ];
}

/** A link to an event in the transcript (the transcript's `jump` action), when the event is loaded. */
function showEvent(eventId: string | undefined, what: string): HTMLElement | null {
  return eventId ? h('button', { class: 'link-button', type: 'button', 'data-action': 'jump', 'data-target': eventId, 'aria-label': `Show ${what} in the transcript` }, 'Show') : null;
}

function budgetLine(session: InspectorSessionView): HTMLElement {
  if (!session.budget) return empty(session.spent ? `No budget (${session.spent} spent)` : 'No budget');
  return h('p', { class: session.budgetReached ? 'inspector-budget reached' : 'inspector-budget' }, session.budget, session.budgetReached ? ' · budget reached' : '');
}

function policyWords(enabled: boolean, permission: string): string {
  if (!enabled) return 'off';
  return permission || 'answered by your app';
}

function toolState(enabled: boolean, permission: string): string {
  return `(${policyWords(enabled, permission)})`;
}

function resourceType(type: string): string {
  return type === 'file' ? '(file)' : type === 'github_repository' ? '(GitHub repository)' : type === 'memory_store' ? '(memory store)' : `(${type})`;
}

function tone(result: string): string {
  return /^(satisfied|pass|passed|success|succeeded|complete|completed)$/i.test(result) ? 'good' : /^(fail|failed|failure|error|unsatisfied|not_satisfied)$/i.test(result) ? 'bad' : 'other';
}

// ---- the Threads tab ------------------------------------------------------------------------------

function threadsTab(threads: InspectorLoad<InspectorThreadView>): Child[] {
  return loadPart(threads, 'threads', (items) =>
    items.length
      ? [
          h(
            'ul',
            { class: 'inspector-list inspector-threads' },
            ...items.map((thread) =>
              h(
                'li',
                { 'data-thread-id': thread.id },
                h('span', { class: 'inspector-name' }, thread.agentName),
                ` ${thread.primary ? 'primary' : 'subagent'} · `,
                h('span', { class: `thread-status status-${thread.status}` }, thread.status),
                thread.archived ? ' · archived' : '',
                fields([
                  ['Agent', [thread.agentType, thread.agentVersion !== null ? `v${thread.agentVersion}` : ''].filter(Boolean).join(' ')],
                  ['Model', thread.model],
                  ['Tokens', thread.tokens],
                  ['Cost', thread.cost],
                  ['Active', thread.activeTime],
                  ['Id', thread.id],
                  ['Parent', thread.parentId],
                ]),
              ),
            ),
          ),
        ]
      : [empty('No threads')],
  );
}

// ---- parts ------------------------------------------------------------------------------------------

function section(title: string, children: Child[]): HTMLElement {
  return h('section', { class: 'inspector-section' }, h('h3', {}, title), ...children);
}

/** A list loaded on demand: its items, or that it is loading, or why it failed with a Retry. */
function loadPart<T>(load: InspectorLoad<T>, what: string, items: (items: T[]) => Child[]): Child[] {
  switch (load.state) {
    case 'loaded':
      return items(load.items);
    case 'failed':
      return [
        h(
          'div',
          { class: 'inspector-error', role: 'alert' },
          codicon('error'),
          ` Could not load the ${what}: `,
          h('span', { class: 'inspector-error-reason' }, load.error),
          ' ',
          h('button', { class: 'secondary', type: 'button', 'data-action': 'inspector-retry', title: `Load the ${what} again` }, 'Retry'),
        ),
      ];
    default:
      return [loadingLine(`Loading the ${what}…`)];
  }
}

/** Label and value pairs, the empty ones left out. */
function fields(pairs: readonly (readonly [string, string])[]): HTMLElement {
  return h('dl', { class: 'inspector-fields' }, ...pairs.filter(([, value]) => value).map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))));
}

function plainList(items: readonly string[]): HTMLElement {
  return h('ul', { class: 'inspector-list' }, ...items.map((item) => h('li', {}, h('code', {}, item))));
}

function empty(text: string): HTMLElement {
  return h('p', { class: 'inspector-empty muted' }, text);
}

function loadingLine(text: string): HTMLElement {
  return h('p', { class: 'inspector-loading muted' }, text);
}
