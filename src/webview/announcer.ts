// What a screen reader should hear as it happens (a new agent message, a tool call waiting for you):
// a polite live region.
import { h } from './dom';

export class Announcer {
  readonly element = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  private timer = 0;

  /** Says `text` (cleared first, so the same text is said again). */
  say(text: string): void {
    clearTimeout(this.timer);
    this.element.textContent = '';
    this.timer = window.setTimeout(() => (this.element.textContent = text.length > 400 ? `${text.slice(0, 400)}…` : text), 100);
  }
}
