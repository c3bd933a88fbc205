// Hostile content: a session whose title, metadata and events carry 30 script-injection payloads
// (test/e2e/hostile-payloads.mjs) is listed in the side bar and opened in the history webview. Nothing
// may run (no frame gets window.__pwned or the title "PWNED", no dialog opens, the webview's CSP never
// has to block anything) and every payload must be readable as text.
import { HOSTILE_PAYLOADS, HOSTILE_TITLE, hostilePayloadEvents } from '../hostile-payloads.mjs';
import { SimulatorControl, assert } from '../helpers.mjs';

export default {
  name: `hostile content: ${HOSTILE_PAYLOADS.length} payloads in a session's title, metadata and events run nowhere and show as text`,
  timeout: 90000,
  async run({ workbench, page, simulator }) {
    assert.ok(HOSTILE_PAYLOADS.length >= 20);
    const dialogs = [];
    const webviewCsp = [];
    const onDialog = (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    };
    // CSP reports from the webview's frames come without a location (or with a /webview/ one); the
    // workbench's own page reports some of its own on any hover (workbench.js), which are not ours.
    const onConsole = (message) => {
      const where = message.location()?.url ?? '';
      if (/Content Security Policy/i.test(message.text()) && !where.includes('/vs/code/browser/workbench/')) webviewCsp.push(`${where} ${message.text().slice(0, 300)}`);
    };
    page.on('dialog', onDialog);
    page.on('console', onConsole);
    try {
      const sim = new SimulatorControl(simulator);
      const title = `${HOSTILE_TITLE} #${Date.now().toString(36)}`; // unique when the spec runs again
      const session = await sim.createSession({
        agentName: 'Support triage',
        title,
        metadata: {
          html: HOSTILE_PAYLOADS[1].text, // <img onerror>
          link: HOSTILE_PAYLOADS[4].text, // [..](javascript:..)
          command: 'XSS-MD [delete everything](command:managedAgents.delete) <b>bold?</b>',
        },
      });
      await sim.appendEvents(session.id, hostilePayloadEvents());

      // The side bar: the title is a plain label, the tooltip (Markdown) shows the metadata as text.
      await workbench.openSessionsView();
      await workbench.clickViewAction('Refresh Sessions');
      const row = workbench.sessionRow(title);
      await row.waitFor({ timeout: 10000 });
      assert.equal((await row.locator('.label-name').innerText()).trim(), title);
      // Hover the start of the row: hovering the (very long) label itself would make Playwright scroll it
      // into view inside its overflow:hidden container, which no mouse can do.
      const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: title.slice(-8) }).first();
      for (let attempt = 1; ; attempt++) {
        await row.hover({ position: { x: 40, y: 10 } });
        try {
          await hover.waitFor({ timeout: 4000 });
          break;
        } catch (e) {
          if (attempt === 3) throw new Error(`no tooltip on the row after 3 hovers: ${e.message}`);
          await workbench.dismiss(); // move away, then hover again
        }
      }
      const hoverText = await hover.innerText();
      for (const text of [HOSTILE_PAYLOADS[1].text, '<b>bold?</b>']) assert.ok(hoverText.includes(text), `the tooltip shows ${text} as text:\n${hoverText}`);
      assert.equal(await hover.locator('a[href^="command:"], a[data-href^="command:"], img, b').count(), 0, 'the tooltip has no live links, images or markup from the metadata');
      await workbench.dismiss();

      // The history webview.
      await workbench.clickRowAction(title, 'Open History');
      const tab = page.locator('.tabs-container .tab.active').filter({ hasText: title.slice(-8) });
      await tab.waitFor({ timeout: 15000 });
      assert.equal(await tab.getAttribute('aria-label'), `History: ${title}`);
      const frame = await workbench.historyFrame(title);
      assert.equal(await frame.locator('h1.session-title').innerText(), title);
      await frame.locator('.list .row[data-type="agent.message"]', { hasText: 'XSS-LAST' }).waitFor({ timeout: 10000 });

      // Every payload, found with the panel's search box, reads as text in its agent message (Markdown).
      const search = frame.locator('input.search');
      for (const payload of HOSTILE_PAYLOADS) {
        await search.fill(payload.id);
        const message = frame.locator('.list .row[data-type="agent.message"]', { hasText: payload.id });
        await message.waitFor({ timeout: 5000 });
        const shown = await message.locator('.markdown').innerText();
        assert.ok(shown.includes(payload.shown), `${payload.id} (${payload.label}) should read as text "${payload.shown}", the panel shows "${shown}"`);
      }
      // The user message (plain text) carries all of them verbatim; so do the tool call and its result.
      await search.fill('XSS-30');
      const userText = await frame.locator('.list .row[data-type="user.message"] .text').innerText({ timeout: 5000 });
      for (const payload of HOSTILE_PAYLOADS) assert.ok(userText.includes(payload.text), `the user message shows ${payload.id} verbatim`);
      await search.fill('');
      await frame.locator('.count', { hasText: /^\d+ events$/ }).waitFor({ timeout: 5000 });
      await frame.locator('.list .row[data-type="agent.tool_use"]', { hasText: "bash</script><script>window.__pwned=97;document.title='PWNED'</script>" }).waitFor({ timeout: 5000 });
      await frame.locator('.list .row[data-type="agent.tool_result"]', { hasText: 'XSS-01 <script>' }).waitFor({ timeout: 5000 });
      await frame.locator('.list .row[data-type="agent.custom_tool_use"]', { hasText: '<img src=x onerror="window.__pwned=95' }).waitFor({ timeout: 5000 });
      await frame.locator('.list .row[data-type="session.error"]', { hasText: 'XSS-ERROR <img src=x onerror=' }).waitFor({ timeout: 5000 });
      await workbench.screenshot('hostile');

      // Nothing live made it into the panel's DOM.
      const live = await frame.evaluate(() => {
        const found = [];
        for (const element of document.querySelectorAll('#app *')) {
          const tag = element.tagName.toLowerCase();
          if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'img', 'video', 'form', 'base', 'meta', 'style', 'link'].includes(tag)) found.push(element.outerHTML.slice(0, 120));
          for (const attribute of element.attributes) {
            if (/^on/i.test(attribute.name) || ['srcdoc', 'formaction', 'autofocus'].includes(attribute.name) ||
                (['href', 'src', 'style'].includes(attribute.name) && /javascript:|data:/i.test(attribute.value))) found.push(`${tag}[${attribute.name}=${attribute.value.slice(0, 80)}]`);
          }
        }
        return found;
      });
      assert.deepEqual(live, [], 'no live element or attribute from the payloads in the webview');
    } finally {
      page.off('dialog', onDialog);
      page.off('console', onConsole);
    }

    // In every frame (workbench, webview host, webview content), nothing ran.
    const frames = [];
    for (const frame of page.frames()) {
      const state = await frame.evaluate(() => ({ pwned: window.__pwned, title: document.title })).catch(() => undefined);
      if (state) frames.push({ url: frame.url().slice(0, 100), ...state });
    }
    assert.ok(frames.length >= 3, `the workbench and the webview's frames were checked (${frames.length})`);
    for (const state of frames) {
      assert.equal(state.pwned, undefined, `window.__pwned was set in ${state.url}`);
      assert.notEqual(state.title, 'PWNED', `document.title was changed in ${state.url}`);
    }
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.deepEqual(webviewCsp, [], 'the webview\'s CSP had nothing to block (the sanitizer removed it first)');
  },
};
