// The panel's header: the session's title, status and connection (polite live regions: a screen
// reader hears "idle" when a turn ends and "reconnecting…" when the stream drops; their icons are
// decoration), its agent, model and usage, and the buttons that act on the session.
import { SESSION_STATUS_ICONS } from './eventView';
import { append, clear, codicon, h } from './dom';
import type { Notice } from './notice';
import type { ConnectionIndicator, SessionHeader } from './protocol';
import { request } from './requests';
import { post } from './vscodeApi';

const CONNECTION_LABELS: Record<ConnectionIndicator, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', offline: 'offline' };

export class HeaderBar {
  readonly element: HTMLElement;
  /** The header the host sent last. */
  header: SessionHeader | null = null;

  private readonly title = h('h1', { class: 'session-title' }, 'Session');
  private readonly status = h('span', { class: 'status status-unknown', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, '…');
  private readonly connectionText = h('span', {}, 'connecting');
  private readonly connection = h('span', { class: 'connection connecting' }, codicon('circle-filled', 'connection-dot'), this.connectionText);
  private readonly meta = h('div', { class: 'meta' });
  private readonly interruptButton = button('Interrupt', 'interrupt', 'Stop the running turn (user.interrupt)');
  private readonly archiveButton = button('Archive', 'archive', 'Archive this session');
  private readonly deleteButton = button('Delete', 'delete', 'Delete this session and its history for good');
  private readonly raiseBudgetButton = button('Raise Budget', 'raise-budget', 'Open an update of this session with a higher budget');
  private readonly refreshButton = button('Refresh', 'refresh', 'Reload the session and its history');
  private readonly exportButton = button('Export', 'export', 'Save the transcript as Markdown or JSON');
  private readonly consoleButton = button('Console', 'open-in-console', 'Open this session in the Claude Console');
  private readonly inspectorButton = h('button', { class: 'secondary', type: 'button', 'data-action': 'toggle-inspector', title: 'Show what the session is made of, and its threads', 'aria-controls': 'inspector', 'aria-expanded': 'false' }, 'Inspector');

  readonly actions = {
    interrupt: () => {
      this.interruptButton.disabled = true;
      request((requestId) => ({ type: 'interrupt', requestId }), (ok, error) => {
        if (!ok && error !== 'cancelled') this.notice.show(`Interrupt failed: ${error}`, 'error');
        if (this.header) this.interruptButton.disabled = !isRunning(this.header);
      });
    },
    archive: () =>
      request((requestId) => ({ type: 'archive', requestId }), (ok, error) => {
        if (!ok && error !== 'cancelled') this.notice.show(`Archive failed: ${error}`, 'error');
      }),
    delete: () =>
      request((requestId) => ({ type: 'delete', requestId }), (ok, error) => {
        if (!ok && error !== 'cancelled') this.notice.show(`Delete failed: ${error}`, 'error');
      }),
    'raise-budget': () => post({ type: 'raiseBudget' }),
    refresh: () => post({ type: 'refresh' }),
    export: () => post({ type: 'export' }),
    'open-in-console': () => post({ type: 'openInConsole' }),
  };

  constructor(private readonly notice: Notice) {
    this.raiseBudgetButton.hidden = true;
    // Until the host says the Console can show this session.
    this.consoleButton.hidden = true;
    const connectionRegion = h('span', { class: 'connection-region', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, h('span', { class: 'sr-only' }, 'Connection: '), this.connection);
    this.element = h(
      'header',
      { class: 'header' },
      h(
        'div',
        { class: 'title-row' },
        this.title,
        this.status,
        connectionRegion,
        h('span', { class: 'spacer-flex' }),
        this.raiseBudgetButton,
        this.interruptButton,
        this.archiveButton,
        this.deleteButton,
        this.refreshButton,
        this.exportButton,
        this.consoleButton,
        this.inspectorButton,
      ),
      this.meta,
    );
  }

  /** The Console can show this session (it cannot show a local server's, such as the simulator's). */
  setConsoleAvailable(available: boolean): void {
    this.consoleButton.hidden = !available;
  }

  /** Before the session is loaded: its id. */
  showSessionId(sessionId: string): void {
    this.title.textContent = sessionId;
  }

  show(next: SessionHeader): void {
    this.header = next;
    this.title.textContent = next.title;
    this.title.title = next.id;
    const stoppedByBudget = next.budgetReached && next.status === 'idle' && !next.archived;
    const words = next.archived ? `${next.status} · archived` : stoppedByBudget ? `${next.status} · budget reached` : next.status;
    const status = this.status;
    if (status.dataset.words !== words) {
      status.dataset.words = words;
      clear(status);
      append(status, codicon(SESSION_STATUS_ICONS[next.status]), ` ${words}`);
      status.title = `Session status: ${words.replace(' · ', ', ')}`;
    }
    status.className = `status status-${next.status}${next.archived ? ' archived' : ''}${stoppedByBudget ? ' budget-reached' : ''}`;
    clear(this.meta);
    const items: [string, string][] = [
      ['Agent', next.agentName ? `${next.agentName}${next.agentVersion !== null ? ` v${next.agentVersion}` : ''}` : ''],
      ['Model', next.model],
      ['Environment', next.environment],
      ['Tokens', next.tokens],
      ['Cost', next.cost],
      ['Active', next.activeTime],
      ['Budget', next.budget],
    ];
    for (const [label, value] of items) {
      if (value) this.meta.appendChild(h('span', { class: 'meta-item' }, h('span', { class: 'meta-label' }, `${label} `), value));
    }
    this.interruptButton.disabled = !isRunning(next);
    this.archiveButton.disabled = next.archived;
    this.raiseBudgetButton.hidden = !stoppedByBudget;
  }

  /** The inspector opened or closed (the button says which). */
  setInspectorOpen(open: boolean): void {
    this.inspectorButton.setAttribute('aria-expanded', String(open));
  }

  setConnection(next: ConnectionIndicator, detail?: string, retryInMs?: number): void {
    this.connectionText.textContent = CONNECTION_LABELS[next];
    this.connection.className = `connection ${next}`;
    this.connection.title = [detail, retryInMs !== undefined ? `retrying in ${Math.round(retryInMs / 100) / 10}s` : ''].filter(Boolean).join(' · ') || CONNECTION_LABELS[next];
    if (next === 'offline' && detail) this.notice.show(`Not following the session: ${detail}`, 'error');
    else if (next === 'live' && this.notice.fromConnection) this.notice.hide();
    if (next === 'offline') this.notice.markFromConnection();
  }
}

function isRunning(header: SessionHeader): boolean {
  return header.status === 'running' || header.status === 'rescheduling';
}

function button(label: string, action: string, title: string): HTMLButtonElement {
  return h('button', { class: 'secondary', type: 'button', 'data-action': action, title }, label);
}
