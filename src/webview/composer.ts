// The reply box: Enter sends, Shift+Enter starts a new line. The draft is kept in the webview's state
// at once and with the host shortly after; a message that could not be sent stays, with the reason.
// Steer reveals a second box: a system note sent with the reply (a `system.message` right after it).
// Define outcome… opens the form that defines one (outcomeForm.ts).
import { h } from './dom';
import { OutcomeForm } from './outcomeForm';
import { MAX_DRAFT_CHARS } from './protocol';
import { request } from './requests';
import { post } from './vscodeApi';
import { saveState, webviewState } from './webviewState';

const PLACEHOLDER = 'Reply to the agent… (Enter to send, Shift+Enter for a new line)';

export class Composer {
  readonly element: HTMLElement;
  private readonly draft = h('textarea', { class: 'draft', rows: 3, placeholder: PLACEHOLDER, 'aria-label': 'Reply', 'aria-describedby': 'draft-hint composer-error' });
  private readonly sendButton = h('button', { class: 'primary', type: 'button', 'data-action': 'send', 'aria-label': 'Send reply' }, 'Send');
  private readonly attachButton = h('button', { class: 'secondary', type: 'button', 'data-action': 'attach', title: 'Attach workspace files to the session' }, 'Attach…');
  private readonly error = h('div', { id: 'composer-error', class: 'composer-error', role: 'alert', hidden: true });
  private readonly steerButton = h('button', { class: 'link-button', type: 'button', 'data-action': 'toggle-steer', 'aria-expanded': 'false', 'aria-controls': 'steer-box' }, 'Steer');
  private readonly steer = h('textarea', { id: 'steer', class: 'field steer', rows: 2, 'aria-describedby': 'steer-hint composer-error' });
  private readonly steerBox = h(
    'div',
    { id: 'steer-box', class: 'steer-box', hidden: true },
    h('label', { for: 'steer' }, 'System note sent with this reply'),
    h('div', { id: 'steer-hint', class: 'field-hint' }, "Added to the agent's system prompt from this turn on. Only models that accept mid-conversation system messages take it."),
    this.steer,
  );
  private readonly outcomeButton = h('button', { class: 'link-button', type: 'button', 'data-action': 'toggle-outcome', 'aria-expanded': 'false', 'aria-controls': 'outcome-form' }, 'Define outcome…');
  private readonly outcome = new OutcomeForm(this.outcomeButton, () => this.sent());
  private sending = false;
  private draftTimer = 0;

  readonly actions = {
    send: () => this.send(),
    attach: () => post({ type: 'attachFiles' }),
    'toggle-steer': () => this.setSteerOpen(this.steerBox.hidden === true, true),
    'toggle-outcome': () => this.outcome.setOpen(!this.outcome.open),
    ...this.outcome.actions,
  };

  /** `sent`: a message went out (the transcript goes back to the newest event). */
  constructor(private readonly sent: () => void) {
    this.draft.value = webviewState().draft ?? '';
    const hint = h('span', { id: 'draft-hint', class: 'sr-only' }, 'Enter sends, Shift+Enter starts a new line.');
    this.steer.value = webviewState().steer ?? '';
    this.setSteerOpen(webviewState().steerOpen === true, false);
    this.element = h(
      'footer',
      { class: 'composer', role: 'region', 'aria-label': 'Reply to the agent' },
      this.outcome.element,
      h('div', { class: 'composer-row' }, this.draft, h('div', { class: 'composer-buttons' }, this.sendButton, this.attachButton)),
      this.steerBox,
      hint,
      this.error,
      h('div', { class: 'composer-tools' }, this.steerButton, this.outcomeButton),
    );
    this.steer.addEventListener('input', () => saveState({ steer: this.steer.value }));
    this.draft.addEventListener('input', () => {
      saveState({ draft: this.draft.value });
      clearTimeout(this.draftTimer);
      // A draft beyond the bound stays in the webview's own state only.
      this.draftTimer = window.setTimeout(() => this.draft.value.length <= MAX_DRAFT_CHARS && post({ type: 'draft', text: this.draft.value }), 300);
    });
    for (const box of [this.draft, this.steer]) {
      box.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
          e.preventDefault();
          this.send();
        }
      });
    }
  }

  /** Shows or hides the system note's box (its text stays either way, but is only sent while shown). */
  private setSteerOpen(open: boolean, focus: boolean): void {
    this.steerBox.hidden = !open;
    this.steerButton.setAttribute('aria-expanded', String(open));
    saveState({ steerOpen: open });
    if (focus) (open ? this.steer : this.steerButton).focus();
  }

  /** The draft the host kept, unless the box already holds one. */
  restore(draft: string): void {
    if (this.draft.value || !draft) return;
    this.draft.value = draft;
    saveState({ draft });
  }

  /** Files attached from here: the reply names where the agent finds them, for the user to go on from. */
  attached(paths: readonly string[]): void {
    if (paths.length === 0) return;
    const line = `Attached: ${paths.map((p) => `\`${p}\``).join(', ')}`;
    this.draft.value = this.draft.value.trim() ? `${this.draft.value.replace(/\s+$/, '')}\n${line}\n` : `${line}\n`;
    saveState({ draft: this.draft.value });
    if (this.draft.value.length <= MAX_DRAFT_CHARS) post({ type: 'draft', text: this.draft.value });
    this.draft.focus();
  }

  /** The host's answer to "Use a workspace file…": the outcome's rubric is that file. */
  rubricFileChosen(file: { token: string; name: string }): void {
    this.outcome.setRubricFile({ token: file.token, name: file.name });
  }

  /** An archived or terminated session takes no messages. */
  setClosed(closed: 'archived' | 'terminated' | undefined): void {
    this.draft.disabled = closed !== undefined;
    this.sendButton.disabled = closed !== undefined;
    this.attachButton.disabled = closed !== undefined;
    this.steer.disabled = closed !== undefined;
    this.outcome.setClosed(closed !== undefined);
    this.draft.placeholder = closed ? `This session is ${closed}; it cannot take new messages.` : PLACEHOLDER;
  }

  private send(): void {
    const text = this.draft.value;
    const steer = this.steerBox.hidden ? '' : this.steer.value;
    if (this.sending || this.draft.disabled) return;
    if (!text.trim()) {
      // A system note only goes with a reply (the API takes it right after a user message, never alone).
      if (steer.trim()) this.showError('A system note is sent with a reply: type the reply first, then send both.', this.draft);
      return;
    }
    this.sending = true;
    this.sendButton.disabled = true;
    this.error.hidden = true;
    request(
      (requestId) => ({ type: 'send', requestId, text, ...(steer.trim() ? { steer } : {}) }),
      (ok, error) => {
        this.sending = false;
        this.sendButton.disabled = this.draft.disabled;
        if (ok) {
          // Only clear what was sent: the user may have kept typing.
          if (this.draft.value === text) this.draft.value = '';
          if (steer && this.steer.value === steer) this.steer.value = '';
          saveState({ draft: this.draft.value, steer: this.steer.value });
          this.sent();
        } else {
          this.showError(`Not sent: ${error ?? 'unknown error'}. ${steer.trim() ? 'Your message and its system note are still here; to send the message alone, hide the note with Steer.' : 'Your message is still here.'}`);
        }
      },
    );
  }

  private showError(text: string, focus?: HTMLElement): void {
    this.error.textContent = text;
    this.error.hidden = false;
    focus?.focus();
  }
}
