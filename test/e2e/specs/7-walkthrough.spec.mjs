// The walkthrough, followed the way a new user would: open it from "Welcome: Open Walkthrough...", set the
// key from the Sessions view's welcome (after clearing it), create a session from the New Session
// button of step 2, send it a message with the simulator's #confirm cue, and allow the tool call with
// the keyboard. Steps check themselves off as their commands run. The pictures of the steps are taken on
// the way (test-results/screenshots/walkthrough-*.png); with MANAGED_AGENTS_UPDATE_WALKTHROUGH=1 they
// also replace the ones in media/walkthrough/, which the package ships.
import fs from 'node:fs';
import path from 'node:path';
import { SimulatorControl, assert, exactly, waitFor } from '../helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const WALKTHROUGH = manifest.contributes.walkthroughs[0];
const MEDIA_DIR = new URL('../../../media/walkthrough/', import.meta.url);
const MAX_IMAGE_BYTES = 160 * 1024;
const UPDATE = process.env.MANAGED_AGENTS_UPDATE_WALKTHROUGH === '1';

export default {
  name: 'walkthrough: its steps, with their pictures and buttons, lead from no key to an allowed tool call',
  timeout: 150000,
  async run({ workbench, page, simulator }) {
    const sim = new SimulatorControl(simulator);
    const pictures = {};
    const picture = async (name, options) => {
      pictures[name] = await workbench.screenshot(`walkthrough-${name}`, options);
    };

    // Every step has a picture shipped in media/walkthrough/, small, and a command link.
    for (const step of WALKTHROUGH.steps) {
      const image = step.media?.image;
      assert.match(image ?? '', /^media\/walkthrough\/[\w-]+\.png$/, `step ${step.id} has a picture in media/walkthrough/`);
      assert.ok(step.media.altText, `step ${step.id} describes its picture (altText)`);
      assert.match(step.description, /\[[^\]]+\]\(command:managedAgents\.\w+\)/, `step ${step.id} has a command link`);
      assert.ok(step.completionEvents?.some((e) => e.startsWith('onCommand:managedAgents.')), `step ${step.id} completes on a command`);
      if (!UPDATE) {
        const file = new URL(path.basename(image), MEDIA_DIR);
        assert.ok(fs.existsSync(file), `${image} is missing (run the e2e layer with MANAGED_AGENTS_UPDATE_WALKTHROUGH=1)`);
        assert.ok(fs.statSync(file).size <= MAX_IMAGE_BYTES, `${image} is larger than ${MAX_IMAGE_BYTES / 1024} KiB`);
      }
    }

    await workbench.discardEditors();
    // The walkthrough leaves out its pictures when the editor is short. (The palette offers Hide Panel
    // only while the panel shows.)
    if (await page.locator('[id="workbench.parts.panel"]').isVisible()) await workbench.runCommand('View: Hide Panel');
    await workbench.openSessionsView();
    await workbench.resizeSidebar(300); // and a side bar that leaves the walkthrough room for its pictures
    await workbench.runCommand('Notifications: Clear All Notifications');

    // 1. The walkthrough, from the palette: every step, the first one open with its picture. (Open first:
    //    this workbench only starts tracking the steps' completion events once the page has been shown.)
    await openWalkthrough(workbench);
    const container = page.locator('.gettingStartedContainer');
    for (const step of WALKTHROUGH.steps) await stepButton(page, step).waitFor({ timeout: 15000 });
    const firstImage = container.locator('.getting-started-media img').first();
    await firstImage.waitFor({ timeout: 15000 });
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await firstImage.elementHandle(), { timeout: 10000 });
    const source = await firstImage.evaluate((img) => img.getAttribute('src') || img.getAttribute('srcset') || img.currentSrc);
    assert.match(decodeURIComponent(source ?? ''), /media\/walkthrough\/connect\.png/);
    assert.equal(await firstImage.getAttribute('alt'), WALKTHROUGH.steps[0].media.altText);

    // 2. Connect (step 1): with no key the Sessions view offers Set API Key; its input box takes the key (checked
    //    with one request before it is stored).
    await workbench.runCommand('Managed Agents: Clear API Key');
    const setKey = workbench.sidebar.locator('.welcome-view-content .monaco-button', { hasText: 'Set API Key' });
    try {
      await setKey.waitFor({ timeout: 15000 });
      await workbench.runCommand('Notifications: Clear All Notifications');
      await workbench.dismiss();
      const sidebarBox = await workbench.sidebar.boundingBox();
      const welcomeBox = await workbench.sidebar.locator('.welcome-view-content').boundingBox();
      await picture('connect', { clip: { x: 0, y: sidebarBox.y - 6, width: sidebarBox.x + sidebarBox.width + 4, height: welcomeBox.y + welcomeBox.height + 14 - (sidebarBox.y - 6) } });
      await setKey.click();
      await page.locator('.quick-input-widget', { hasText: 'secret storage' }).waitFor({ timeout: 10000 });
      await workbench.quickInput.fill('not-a-key');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'rejected this key' }).waitFor({ timeout: 10000 });
      await workbench.quickInput.fill(simulator.apiKey);
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
    } finally {
      // Whatever happened, leave the window with its key (the following specs need it).
      if (await setKey.isVisible().catch(() => false)) {
        await workbench.dismiss();
        await workbench.runCommand('Managed Agents: Set API Key');
        await workbench.quickInput.fill(simulator.apiKey);
        await page.keyboard.press('Enter');
      }
    }
    await workbench.sessionRow('Fix flaky greet test').waitFor({ timeout: 15000 });

    // 3. New Session, from step 2's own button: a create body in YAML with its CodeLens.
    await openWalkthrough(workbench);
    await selectStep(page, WALKTHROUGH.steps[1]);
    await container.locator('.getting-started-media img[srcset*="new-session.png"], .getting-started-media img[src*="new-session.png"]').first().waitFor({ timeout: 10000 });
    await container.locator('.getting-started-step.expanded .button-container .monaco-button', { hasText: 'New Session' }).first().click();
    await workbench.pick(/Repo maintainer/, { filter: 'Repo maintainer' });
    await workbench.pick(/^Latest/); // the agent has several versions: the session follows the newest
    await workbench.pick(/python-data-analysis/, { filter: 'python-data' });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'environment_id' }).first().waitFor({ timeout: 15000 });
    const title = 'Deploy the docs site';
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+G');
    await workbench.quickInput.fill(':8');
    await page.keyboard.press('Enter');
    // Line 8 is the template's commented-out title: replace it with a real one. (The editor's line
    // elements are not in line order, nor redrawn at once after Go to Line on a busy machine: the
    // status bar says where the cursor is, and the template has that line.)
    await page.locator('.statusbar-item', { hasText: /\bLn 8, Col 1\b/ }).first().waitFor({ timeout: 10000 });
    await editor.locator('.view-line', { hasText: /^#\s+title:/ }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type(`title: ${title}`);
    await page.keyboard.press('Escape'); // no completion list left open
    await editor.locator('.codelens-decoration', { hasText: 'Create session' }).first().waitFor({ timeout: 10000 });
    // Diagnostics follow the typing with a short delay: let them settle, then the valid body is clean.
    await page.waitForTimeout(1500);
    const clean = await editor.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 8000 }).then(() => true, () => false);
    if (!clean) {
      await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      throw new Error(`the create body has errors: ${JSON.stringify(problems)}`);
    }
    await page.mouse.move(1390, 600);
    const editorPart = page.locator('[id="workbench.parts.editor"]');
    const editorBox = await editorPart.boundingBox();
    const lastShown = await editor.locator('.view-line', { hasText: 'vault_ids' }).first().boundingBox();
    await picture('new-session', { clip: { x: editorBox.x, y: editorBox.y, width: Math.min(editorBox.width, 760), height: lastShown.y + lastShown.height + 3 - editorBox.y } });
    // Ctrl+Alt+Enter creates it and opens its history.
    await page.keyboard.press('Control+Alt+Enter');
    await historyFrame(workbench, title);

    // 4. Step 4's Open History button: a quick pick of the sessions, the new one among them.
    await openWalkthrough(workbench);
    await selectStep(page, WALKTHROUGH.steps[3]);
    await container.locator('.getting-started-step.expanded .button-container .monaco-button', { hasText: 'Open History' }).first().click();
    await workbench.pick(title, { filter: 'Deploy the docs site' });
    await page.locator('.tabs-container .tab.active', { hasText: `History: ${title}` }).waitFor({ timeout: 15000 });
    const frame = await historyFrame(workbench, title);
    await workbench.runCommand('Notifications: Clear All Notifications');
    const panelPicture = async (name, top) => {
      await page.mouse.move(1390, 600);
      const composer = await frame.locator('footer.composer').boundingBox();
      const y = Math.max(editorBox.y, top);
      await picture(name, { clip: { x: editorBox.x, y, width: Math.min(editorBox.width, 760), height: composer.y + composer.height + 4 - y } });
    };

    // 5. A message with the #confirm cue: the agent asks before it runs bash, and a screen reader hears so.
    await frame.locator('textarea.draft').focus();
    await page.keyboard.type('Run the tests, then publish the docs. #confirm');
    await page.keyboard.press('Enter');
    const allow = frame.locator('.actions:not([hidden]) [data-action="allow"]');
    await allow.waitFor({ timeout: 20000 });
    assert.equal(await allow.getAttribute('aria-label'), 'Allow bash');
    assert.equal(await frame.locator('.actions [data-action="deny"]').getAttribute('aria-label'), 'Deny bash');
    await waitFor('the announcement of the waiting tool call', async () => /The agent is waiting for you: allow or deny bash\.$/.test(await frame.locator('.sr-only[aria-live]').innerText()));
    const actionsBox = await frame.locator('.actions').boundingBox();
    await panelPicture('approve-tool', actionsBox.y - 170);

    // 6. Allow, with the keyboard: back from the reply box to the Allow button, Enter.
    await frame.locator('textarea.draft').focus();
    await workbench.pressUntilFocus(frame, 'Shift+Tab', (focus) => focus === 'button.primary[allow]', { max: 10 });
    await page.keyboard.press('Enter');
    await frame.locator('.list .row[data-type="agent.tool_result"]').last().waitFor({ timeout: 20000 });
    await frame.locator('.actions[hidden]').waitFor({ state: 'attached', timeout: 10000 });
    await frame.locator('.header .status', { hasText: 'idle' }).waitFor({ timeout: 20000 });
    const session = (await sim.api('/sessions?limit=100')).data.find((s) => s.title === title);
    assert.ok(session, `the session "${title}" exists in the simulator`);
    const events = (await sim.api(`/sessions/${session.id}/events?limit=1000`)).data;
    assert.ok(events.some((e) => e.type === 'user.tool_confirmation' && e.result === 'allow'), 'a user.tool_confirmation allow was sent');

    // 7. A follow-up in the reply box, sent with Enter.
    await frame.locator('textarea.draft').focus();
    const followUp = 'Thanks. Please also add a line to the changelog.';
    await page.keyboard.type(followUp);
    await panelPicture('send-message', (await frame.locator('footer.composer').boundingBox()).y - 330);
    await page.keyboard.press('Enter');
    await frame.locator('.list .row[data-type="user.message"]', { hasText: followUp }).waitFor({ timeout: 10000 });
    await frame.locator('.header .status', { hasText: 'idle' }).waitFor({ timeout: 20000 });

    // 8. The walkthrough checked off the steps whose commands ran.
    await openWalkthrough(workbench);
    for (const step of [WALKTHROUGH.steps[0], WALKTHROUGH.steps[1], WALKTHROUGH.steps[3]]) {
      await waitFor(`step "${step.title}" checked off`, async () => (await stepButton(page, step).getAttribute('aria-checked')) === 'true', { timeout: 10000 });
    }

    // Leave no dirty buffer behind.
    await workbench.discardEditors();

    if (UPDATE) {
      fs.mkdirSync(MEDIA_DIR, { recursive: true });
      for (const step of WALKTHROUGH.steps) {
        const name = path.basename(step.media.image, '.png');
        assert.ok(pictures[name], `no picture was taken for ${step.media.image}`);
        fs.copyFileSync(pictures[name], new URL(`${name}.png`, MEDIA_DIR));
        const size = fs.statSync(new URL(`${name}.png`, MEDIA_DIR)).size;
        console.log(`      ${step.media.image} updated (${(size / 1024).toFixed(0)} KiB)`);
        assert.ok(size <= MAX_IMAGE_BYTES, `${step.media.image} is ${(size / 1024).toFixed(0)} KiB`);
      }
    }
  },
};

/** "Welcome: Open Walkthrough...", then ours: its page with the steps (also when the Welcome tab shows another page). */
async function openWalkthrough(workbench) {
  await workbench.runCommand('Welcome: Open Walkthrough...');
  await workbench.pick(exactly(WALKTHROUGH.title), { filter: WALKTHROUGH.title });
  await workbench.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
  await stepButton(workbench.page, WALKTHROUGH.steps[0]).waitFor({ state: 'visible', timeout: 15000 });
  // The page moves the focus to its selected step a moment after it shows; a palette opened before that
  // would close again at once.
  await workbench.page.waitForFunction(() => Boolean(document.activeElement?.closest('.gettingStartedContainer')), null, { timeout: 5000 }).catch(() => {});
  await workbench.page.waitForTimeout(300);
}

/** Expand a step, and let the page move its focus there (a quick pick opened earlier would close). */
async function selectStep(page, step) {
  await stepButton(page, step).click();
  await page.locator(`.gettingStartedContainer .getting-started-step.expanded[data-step-id$="#${step.id}"]`).waitFor({ timeout: 10000 });
  await page.waitForTimeout(500);
}

function stepButton(page, step) {
  return page.locator('.gettingStartedContainer .getting-started-step', { hasText: step.title }).first();
}

/** The history webview of a session, once its history is loaded (it may have no events yet). */
async function historyFrame(workbench, title) {
  const { frame } = await workbench.find('h1.session-title', { hasText: title, timeout: 20000 });
  await frame.locator('.list[aria-busy="false"]').waitFor({ state: 'attached', timeout: 15000 });
  return frame;
}
