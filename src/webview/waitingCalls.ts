// "Waiting for you": the tool calls the session waits on, as the host lists them, each with its
// answer: Allow / Deny and a reason, or a result form (a custom tool, or a self-hosted run). What the
// user typed survives the list being drawn again.
import { clear, codicon, h } from './dom';
import type { PendingActionKind, WaitingView } from './protocol';
import { summary } from './renderEvent';
import { request } from './requests';

/** What the announcer says the agent waits for. */
const PROMPTS: Record<PendingActionKind, (name: string) => string> = {
  confirm: (name) => `allow or deny ${name}`,
  custom: (name) => `a result for ${name}`,
  client: (name) => `run ${name} on your runner and send its output`,
};

const LABELS: Record<PendingActionKind, string> = {
  confirm: 'Tool call waiting for approval',
  custom: 'Custom tool waiting for a result',
  client: 'Tool call waiting for its output from your runner',
};

interface Typed {
  reason?: string;
  result?: string;
  isError?: boolean;
}

export class WaitingCalls {
  readonly element = h('section', { class: 'actions', 'aria-label': 'Waiting for you', hidden: true });
  private readonly typed = new Map<string, Typed>();

  readonly actions = {
    allow: (button: HTMLElement) => this.confirm(button),
    deny: (button: HTMLElement) => this.confirm(button),
    'tool-result': (button: HTMLElement) => {
      const toolUseId = button.dataset.target ?? '';
      const tool = button.dataset.tool === 'client' ? 'client' : 'custom';
      const typed = this.typed.get(toolUseId) ?? {};
      this.answer(toolUseId, (requestId) => ({ type: 'toolResult', requestId, tool, toolUseId, text: typed.result ?? '', isError: Boolean(typed.isError) }));
    },
  };

  /** Shows these calls (the list replaces the one shown); returns what the announcer should say. */
  show(calls: readonly WaitingView[]): string | undefined {
    clear(this.element);
    this.element.hidden = calls.length === 0;
    if (!calls.length) return undefined;
    this.element.appendChild(h('div', { class: 'actions-title' }, calls.length === 1 ? 'The agent is waiting for you' : `The agent is waiting for you (${calls.length} tool calls)`));
    for (const call of calls) this.element.appendChild(this.render(call));
    const first = calls[0];
    return `The agent is waiting for you: ${PROMPTS[first.kind](first.name)}.`;
  }

  private render(call: WaitingView): HTMLElement {
    const typed = this.typed.get(call.eventId) ?? {};
    this.typed.set(call.eventId, typed);
    const error = h('div', { class: 'action-error', role: 'alert', hidden: true });
    const head = h(
      'div',
      { class: 'action-head' },
      codicon('tools', 'icon'),
      h('span', { class: 'title' }, call.name),
      h('span', { class: 'detail' }, call.summary),
      h('button', { class: 'link-button', type: 'button', 'data-action': 'jump', 'data-target': call.eventId, 'aria-label': `Show call of ${call.name} in the transcript` }, 'Show call', codicon('arrow-right')),
    );
    const input = h('details', { class: 'payload' }, summary({ class: 'payload-head', 'aria-label': `Input of ${call.name}` }, false, 'Input'), h('pre', { class: 'payload-text json' }, call.input));
    const item = h('div', { class: 'action', 'data-action-id': call.eventId, 'data-kind': call.kind, role: 'group', 'aria-label': `${LABELS[call.kind]}: ${call.name}` }, head, input);
    if (call.kind === 'confirm') {
      const reason = h('input', { class: 'deny-reason', type: 'text', placeholder: 'Reason for denying (optional)', 'aria-label': 'Reason for denying', value: typed.reason ?? '' });
      reason.addEventListener('input', () => (typed.reason = reason.value));
      const allow = h('button', { class: 'primary', type: 'button', 'data-action': 'allow', 'data-target': call.eventId, 'aria-label': `Allow ${call.name}` }, 'Allow');
      const deny = h('button', { class: 'secondary', type: 'button', 'data-action': 'deny', 'data-target': call.eventId, 'aria-label': `Deny ${call.name}` }, 'Deny');
      item.appendChild(h('div', { class: 'action-row' }, allow, deny, reason));
    } else {
      if (call.kind === 'client') item.appendChild(h('div', { class: 'action-hint' }, 'This environment is self-hosted: run the call on your runner, then send what it printed.'));
      const placeholder = call.kind === 'client' ? `Output of ${call.name} on your runner (text the agent receives)` : `Result of ${call.name} (text the agent receives)`;
      const result = h('textarea', { class: 'custom-result', rows: 3, placeholder, 'aria-label': `Result of ${call.name}` });
      result.value = typed.result ?? '';
      result.addEventListener('input', () => (typed.result = result.value));
      const isError = h('input', { type: 'checkbox', class: 'custom-is-error' });
      isError.checked = typed.isError ?? false;
      isError.addEventListener('change', () => (typed.isError = isError.checked));
      const submit = h('button', { class: 'primary', type: 'button', 'data-action': 'tool-result', 'data-tool': call.kind, 'data-target': call.eventId, 'aria-label': `Send the result of ${call.name}` }, 'Send result');
      item.append(result, h('div', { class: 'action-row' }, submit, h('label', { class: 'checkbox' }, isError, ' Report as an error')));
    }
    item.appendChild(error);
    return item;
  }

  private confirm(button: HTMLElement): void {
    const toolUseId = button.dataset.target ?? '';
    const result = button.dataset.action === 'deny' ? 'deny' : 'allow';
    const denyMessage = result === 'deny' ? (this.typed.get(toolUseId)?.reason ?? '') : undefined;
    this.answer(toolUseId, (requestId) => ({ type: 'confirm', requestId, toolUseId, result, ...(denyMessage ? { denyMessage } : {}) }));
  }

  /** Sends an answer with the call's buttons disabled until the host replies; a failure is shown in the call. */
  private answer(toolUseId: string, build: Parameters<typeof request>[0]): void {
    const item = this.element.querySelector<HTMLElement>(`[data-action-id="${CSS.escape(toolUseId)}"]`);
    const buttons = item ? [...item.querySelectorAll('button')] : [];
    for (const b of buttons) b.disabled = true;
    const error = item?.querySelector<HTMLElement>('.action-error');
    if (error) error.hidden = true;
    request(build, (ok, message) => {
      for (const b of buttons) b.disabled = false;
      if (ok) {
        this.typed.delete(toolUseId);
        return; // the answer event arrives and removes the call
      }
      if (error) {
        error.textContent = `Failed: ${message ?? 'unknown error'}`;
        error.hidden = false;
      }
    });
  }
}
