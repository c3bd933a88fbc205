// Links out of the editor and into it, in a real extension host against the simulator: Open in Console
// from a session's row, the panel's Console button and an event's row menu (what would open in the
// browser is read off the extension's opener: no browser here), Copy Link to Event, and following that
// link back into the history panel, at an event further back than the history first loaded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Session } from '../../src/api';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { ShownMessage } from '../../src/shared/errors';
import { bridgeAvailable, browser } from './helpers/bridge';
import { EXTENSION_ID } from './helpers/env';
import { extensionWithAgent } from './helpers/fixtures';
import { openPanel } from './helpers/panel';
import { simulatorControl } from './helpers/simulator';
import { waitFor } from './helpers/wait';

let api: ManagedAgentsExtensionApi;
let agentId: string;
let environmentId: string;
let originalOpen: ManagedAgentsExtensionApi['links']['opener']['open'];
const opened: string[] = [];
const runTag = `links-${Date.now().toString(36)}`;

async function createSession(name: string): Promise<Session> {
  const session = await api.services.client.sessions.create({ agent: agentId, environment_id: environmentId, title: `${runTag} ${name}` });
  await api.sessions.store.refresh();
  return session;
}

/** The messages the extension shows while `action` runs. */
async function messagesDuring(action: () => PromiseLike<unknown>): Promise<ShownMessage[]> {
  const shown: ShownMessage[] = [];
  const subscription = api.onDidShowMessage((message) => shown.push(message));
  try {
    await action();
  } finally {
    subscription.dispose();
  }
  return shown;
}

async function setConsoleUrl(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('managedAgents').update('consoleUrl', value, vscode.ConfigurationTarget.Global);
}

describe('links: Open in Console, Copy Link to Event, and links into the history', function () {
  this.timeout(90_000);

  before(async () => {
    const fixture = await extensionWithAgent();
    api = fixture.api;
    agentId = fixture.agent.id;
    environmentId = fixture.environment.id;
    originalOpen = api.links.opener.open;
    api.links.opener.open = (uri) => {
      opened.push(uri.toString(true));
      return Promise.resolve(true);
    };
  });

  after(async () => {
    api.links.opener.open = originalOpen;
    await setConsoleUrl(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("Open in Console opens the session's Console page from its row, at the address the setting gives; not the sessions of a server on this machine", async () => {
    const session = await createSession('console');
    const row = api.sessions.view.tree.nodeForSession(session.id);
    assert.ok(row, 'the session has a row');
    // The simulator is on this machine: the Console (the default address) cannot show its sessions.
    const count = opened.length;
    const local = await messagesDuring(() => vscode.commands.executeCommand('managedAgents.openInConsole', row));
    assert.equal(opened.length, count, 'nothing opened');
    assert.ok(local.some((message) => message.severity === 'info' && /does not know the sessions of http:\/\/127\.0\.0\.1/.test(message.text) && /managedAgents\.consoleUrl/.test(message.text)), JSON.stringify(local));

    // A Console of the user's own for them: it opens there.
    await setConsoleUrl('https://console.example.test/claude/');
    await vscode.commands.executeCommand('managedAgents.openInConsole', row);
    assert.equal(opened.at(-1), `https://console.example.test/claude/workspaces/default/sessions/${session.id}`);
    await vscode.commands.executeCommand('managedAgents.openInConsole', session.id);
    assert.equal(opened.length, count + 2);

    // An address it cannot open: nothing opens, and the message names the setting.
    await setConsoleUrl('javascript:alert(1)');
    const shown = await messagesDuring(() => vscode.commands.executeCommand('managedAgents.openInConsole', session.id));
    assert.equal(opened.length, count + 2, 'nothing opened');
    assert.ok(shown.some((message) => message.severity === 'error' && /managedAgents\.consoleUrl/.test(message.text)), JSON.stringify(shown));
    await setConsoleUrl(undefined);
  });

  it("the panel's Console button shows only where the Console knows the session; it opens the session, an event row's menu opens it at that event", async () => {
    const session = await createSession('panel');
    await simulatorControl('POST', `/_sim/sessions/${session.id}/turns`, { prompt: 'Explain the build', ending: 'end_turn' });
    const panel = await openPanel(session.id);
    const told: boolean[] = [];
    const watch = panel.onDidPost((posted) => posted.type === 'console' && told.push(posted.available));
    try {
      await waitFor('the turn in the panel', () => panel.transcript.events.some((event) => event.type === 'agent.message'));
      panel.refresh(); // the webview is told everything again, the Console button included
      await waitFor('the button hidden for the simulator', () => told.at(-1) === false);
      if (bridgeAvailable()) await browser.query('button[data-action="open-in-console"][hidden]', { timeout: 10_000 });
      await setConsoleUrl('https://console.example.test');
      await waitFor('the button shown once a Console is set', () => told.at(-1) === true);
      if (bridgeAvailable()) await browser.query('button[data-action="open-in-console"]:not([hidden])', { timeout: 10_000 });

      await panel.receive({ type: 'openInConsole' });
      await waitFor('the Console to open', () => opened.at(-1) === `https://console.example.test/workspaces/default/sessions/${session.id}`);

      // What VS Code passes a `webview/context` command: the row's context and the page's, merged.
      const message = panel.transcript.events.find((event) => event.type === 'agent.message');
      assert.ok(message);
      const address = await vscode.commands.executeCommand<string>('managedAgents.openInConsole', { webview: 'managedAgents.history', webviewSection: 'event', sessionId: session.id, eventId: message.id });
      assert.equal(address, `https://console.example.test/workspaces/default/sessions/${session.id}?event=${message.id}`);
      assert.equal(opened.at(-1), address);
    } finally {
      watch.dispose();
      await setConsoleUrl(undefined);
    }
  });

  it('a link in a transcript opens through the same opener; one that is not http(s) or mailto opens nothing', async () => {
    const session = await createSession('transcript link');
    const panel = await openPanel(session.id);
    const count = opened.length;
    await panel.receive({ type: 'openLink', url: 'javascript:alert(1)' });
    await panel.receive({ type: 'openLink', url: 'command:workbench.action.quit' });
    await panel.receive({ type: 'openLink', url: 'https://docs.example.test/build?step=2#logs' });
    assert.deepEqual(opened.slice(count), ['https://docs.example.test/build?step=2#logs']);
  });

  it('Copy Link to Event copies a link that opens the history at that event, loading the older pages it is in', async () => {
    const session = await createSession('deep link');
    // More than the newest page: the first event is on an older page, not loaded when the panel opens.
    const events = Array.from({ length: 260 }, (_, index) => ({ type: 'agent.message', content: [{ type: 'text', text: `Step ${index + 1} of the long job` }] }));
    await simulatorControl('POST', `/_sim/sessions/${session.id}/events`, { events });
    const [first] = await api.services.client.sessions.events.list(session.id, { order: 'asc', limit: 1 }).toArray();
    assert.ok(first);

    const link = await vscode.commands.executeCommand<string>('managedAgents.copyEventLink', { webview: 'managedAgents.history', webviewSection: 'event', sessionId: session.id, eventId: first.id });
    assert.equal(await vscode.env.clipboard.readText(), link);
    const uri = vscode.Uri.parse(link);
    assert.equal(uri.scheme, vscode.env.uriScheme);
    assert.equal(uri.authority, EXTENSION_ID);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(uri.query)), { session: session.id, event: first.id });

    // Followed from outside (VS Code hands the link to the extension's URI handler).
    api.links.handler.handleUri(uri);
    const panel = await waitFor('the panel to open', () => api.history.get(session.id));
    await waitFor('the older pages with the linked event to load', () => Boolean(panel.transcript.event(first.id)), { timeout: 30_000 });
    if (bridgeAvailable()) {
      // The row is the one that has the focus (the panel scrolled to it).
      await browser.query(`.list .row[data-event-id="${first.id}"][tabindex="0"]`, { timeout: 20_000 });
    }
  });

  it('a link that names no session, or an id the API never writes, says so and opens nothing', async () => {
    const before = api.history.get('nothing') === undefined;
    assert.ok(before);
    for (const query of ['event=sevt_1', 'session=../../etc', 'session=sesn_1&event=%3Cscript%3E']) {
      const shown = await messagesDuring(async () => api.links.handler.handleUri(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/open?${query}`)));
      assert.ok(shown.some((message) => message.severity === 'error' && /Could not open the link/.test(message.text)), `${query}: ${JSON.stringify(shown)}`);
    }
    assert.equal(api.history.get('../../etc'), undefined);
  });
});
