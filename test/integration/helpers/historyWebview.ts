// What a history panel's webview shows, read from its DOM through the runner's browser bridge: the
// webview draws what the host sends it, and these wait until it has. Without the bridge (desktop VS
// Code) there is no DOM to read: they return at once, and the callers' checks of the host's state
// remain.
import type { HistoryPanel } from '../../../src/history/historyPanel';
import { bridgeAvailable, browser } from './bridge';
import { waitFor } from './wait';

/** How long one look into the webview waits for its selector before the caller's wait tries again. */
const LOOK_MS = 2_000;

/** The text of the first element matching `selector` in the webview, or undefined. */
async function textOf(selector: string): Promise<string | undefined> {
  return (await browser.queryAll(selector, { timeout: LOOK_MS }))[0];
}

/**
 * Waits until the webview holds every event of the panel's transcript (its count line says how many
 * it holds) and, at the bottom, draws the newest one as the last row of the list.
 */
export async function webviewShowsTranscript(panel: HistoryPanel, what: string, { timeout = 20_000, atBottom = true } = {}): Promise<void> {
  if (!bridgeAvailable()) return;
  await waitFor(
    what,
    async () => {
      const events = panel.transcript.events;
      const count = `${events.length}${panel.hasOlder ? '+' : ''} events`;
      if ((await textOf('.toolbar[aria-label="Filter events"] .count')) !== count) return false;
      if (!events.length) return (await textOf('main.scroller .empty')) === 'No events yet. Send a message to start.';
      if (atBottom) await browser.query(`.list .row[data-event-id="${events[events.length - 1].id}"][aria-posinset="${events.length}"][aria-setsize="${events.length}"]`, { timeout: LOOK_MS });
      return true;
    },
    { timeout },
  );
}

/** Waits until the webview offers answers for `count` waiting tool calls (none: the section is hidden). */
export async function webviewShowsWaitingCalls(count: number, what: string, { timeout = 20_000 } = {}): Promise<void> {
  if (!bridgeAvailable()) return;
  await waitFor(
    what,
    async () => {
      if (count === 0) return Boolean(await browser.query('section.actions[aria-label="Waiting for you"][hidden]', { timeout: LOOK_MS }));
      return (await browser.queryAll('section.actions[aria-label="Waiting for you"]:not([hidden]) .action[data-action-id]', { timeout: LOOK_MS })).length === count;
    },
    { timeout },
  );
}

/** The number of rows of the transcript in the webview's DOM (the list is windowed). */
export async function webviewRowsInDom(): Promise<number> {
  return (await browser.queryAll('.list .row[data-event-id]', { timeout: LOOK_MS })).length;
}
