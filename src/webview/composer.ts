// The reply box: Enter sends, Shift+Enter starts a new line. The draft is kept in the webview's state
// at once and with the host shortly after; a message that could not be sent stays, with the reason.
import { h } from './dom';
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
  private sending = false;
  private draftTimer = 0;

  readonly actions = {
    send: () => this.send(),
    attach: () => post({ type: 'attachFiles' }),
  };

  /** `sent`: a message went out (the transcript goes back to the newest event). */
  constructor(private readonly sent: () => void) {
    this.draft.value = webviewState().draft ?? '';
    const hint = h('span', { id: 'draft-hint', class: 'sr-only' }, 'Enter sends, Shift+Enter starts a new line.');
    this.element = h('footer', { class: 'composer', role: 'region', 'aria-label': 'Reply to the agent' }, h('div', { class: 'composer-row' }, this.draft, h('div', { class: 'composer-buttons' }, this.sendButton, this.attachButton)), hint, this.error);
    this.draft.addEventListener('input', () => {
      saveState({ draft: this.draft.value });
      clearTimeout(this.draftTimer);
      // A draft beyond the bound stays in the webview's own state only.
      this.draftTimer = window.setTimeout(() => this.draft.value.length <= MAX_DRAFT_CHARS && post({ type: 'draft', text: this.draft.value }), 300);
    });
    this.draft.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        this.send();
      }
    });
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

  /** An archived or terminated session takes no messages. */
  setClosed(closed: 'archived' | 'terminated' | undefined): void {
    this.draft.disabled = closed !== undefined;
    this.sendButton.disabled = closed !== undefined;
    this.attachButton.disabled = closed !== undefined;
    this.draft.placeholder = closed ? `This session is ${closed}; it cannot take new messages.` : PLACEHOLDER;
  }

  private send(): void {
    const text = this.draft.value;
    if (this.sending || !text.trim() || this.draft.disabled) return;
    this.sending = true;
    this.sendButton.disabled = true;
    this.error.hidden = true;
    request(
      (requestId) => ({ type: 'send', requestId, text }),
      (ok, error) => {
        this.sending = false;
        this.sendButton.disabled = this.draft.disabled;
        if (ok) {
          // Only clear what was sent: the user may have kept typing.
          if (this.draft.value === text) this.draft.value = '';
          saveState({ draft: this.draft.value });
          this.sent();
        } else {
          this.error.textContent = `Not sent: ${error ?? 'unknown error'}. Your message is still here.`;
          this.error.hidden = false;
        }
      },
    );
  }
}
