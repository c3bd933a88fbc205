// The panel's message line (an alert): what the host reports (exported, failed...) and why the panel
// stopped following the session, with a Dismiss button.
import { codicon, clear, h } from './dom';

export class Notice {
  readonly element = h('div', { class: 'notice', role: 'alert', hidden: true });

  readonly actions = {
    'dismiss-notice': () => this.hide(),
  };

  show(text: string, level: 'info' | 'error'): void {
    const notice = this.element;
    notice.textContent = text;
    notice.className = `notice ${level}`;
    notice.hidden = false;
    delete notice.dataset.source;
    notice.appendChild(h('button', { class: 'icon-button', type: 'button', 'data-action': 'dismiss-notice', 'aria-label': 'Dismiss', title: 'Dismiss' }, codicon('close')));
  }

  hide(): void {
    this.element.hidden = true;
    clear(this.element);
  }

  /** Whether what it shows is about the connection (going live again hides it). */
  get fromConnection(): boolean {
    return this.element.dataset.source === 'connection';
  }

  markFromConnection(): void {
    this.element.dataset.source = 'connection';
  }
}
