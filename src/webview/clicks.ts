// One delegated click handler for the whole page (the CSP allows no inline handlers): a link opens
// through the host, and an element with `data-action` runs the handler registered for that action.
import { isSafeLink } from './links';
import { post } from './vscodeApi';

/** Runs for a click on an element with `data-action`; gets that element. */
export type ActionHandler = (element: HTMLElement) => void;

export function handleClicks(handlers: Readonly<Record<string, ActionHandler>>): void {
  document.addEventListener('click', (e) => {
    const target = e.target as HTMLElement | null;
    const anchor = target?.closest('a');
    if (anchor) {
      e.preventDefault();
      const href = anchor.getAttribute('href') ?? '';
      if (href && isSafeLink(href)) post({ type: 'openLink', url: href });
      return;
    }
    const element = target?.closest<HTMLElement>('[data-action]');
    if (!element) return;
    const handler = Object.hasOwn(handlers, element.dataset.action ?? '') ? handlers[element.dataset.action ?? ''] : undefined;
    handler?.(element);
  });
}
