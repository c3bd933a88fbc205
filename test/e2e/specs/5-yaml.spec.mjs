// YAML request bodies: a user clicks "New Session…" in the Sessions view, picks an agent and an environment,
// gets a create body in a YAML editor (with its CodeLens), makes two mistakes, and sees them squiggled in
// the editor and listed in the Problems panel.
import fs from 'node:fs';
import { assert } from '../helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const hasNewSession = manifest.contributes.commands.some((c) => c.command === 'managedAgents.newSession');

export default {
  name: 'yaml: New Session opens a create body; mistakes are squiggled and listed in Problems',
  skip: hasNewSession ? undefined : 'package.json has no managedAgents.newSession command yet',
  async run({ workbench, page }) {
    // A clean editor area (a buffer left dirty by an earlier attempt: Don't Save).
    await workbench.discardEditors();

    // "New Session…" in the Sessions view's title bar. (Opening the view first also waits for the
    // extension's development key: run straight from the palette on a fresh window, the command can
    // start before the key is stored and report "No API key is set".)
    await workbench.openSessionsView();
    await workbench.clickViewAction('New Session…');
    await workbench.pick(/Repo maintainer/, { filter: 'Repo maintainer' });
    await workbench.pick(/^Latest/); // the agent has several versions: the session follows the newest
    await workbench.pick(/python-data-analysis/, { filter: 'python-data' });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'managed-agents' }).first().waitFor({ timeout: 15000 });
    await editor.locator('.view-line', { hasText: 'environment_id' }).first().waitFor();
    assert.equal(await editor.locator('.squiggly-error').count(), 0, 'the template itself is valid');
    await editor.locator('.view-line', { hasText: 'Agent: Repo maintainer' }).first().waitFor();
    await editor.locator('.view-line', { hasText: 'environment: python-data-analysis' }).first().waitFor();

    // Two mistakes right under environment_id (line 7): a misspelt field and a string for a list.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+G');
    await workbench.quickInput.fill(':8');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await workbench.typeLines(editor, ['titel: Fix the flaky test', 'vault_ids: nope']);

    await editor.locator('.squiggly-error').nth(1).waitFor({ timeout: 10000 });
    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.filter({ hasText: 'titel' }).waitFor({ timeout: 10000 });
    await problems.filter({ hasText: 'vault_ids' }).waitFor({ timeout: 10000 });
    const texts = await problems.allInnerTexts();
    assert.ok(texts.some((t) => /unknown field `titel`; did you mean `title`\?/.test(t) && /Ln 8/.test(t)), `Problems: ${JSON.stringify(texts)}`);
    assert.ok(texts.some((t) => /vault_ids/.test(t) && /Ln 9/.test(t)), `Problems: ${JSON.stringify(texts)}`);
    // The body's CodeLens is there too, above its first line. (With the Problems panel open the editor
    // is shorter and may have scrolled the first line out of view, and the CodeLens with it: go to the top.)
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    assert.match(await editor.locator('.codelens-decoration').first().innerText(), /Create session/);

    await workbench.dismiss();
    await page.mouse.move(700, 250); // no hover widget in the picture
    await page.mouse.move(1390, 450);
    // The picture: the editor with its squiggles and CodeLens, and the Problems list under it.
    const editorBox = await page.locator('[id="workbench.parts.editor"]').boundingBox();
    const lastProblem = await problems.last().boundingBox();
    await workbench.screenshot('yaml-diagnostics', {
      clip: { x: editorBox.x - 2, y: editorBox.y - 2, width: editorBox.width + 4, height: lastProblem.y + lastProblem.height + 10 - (editorBox.y - 2) },
    });

    // Leave no dirty buffer behind.
    await editor.locator('.view-lines').click();
    await workbench.runCommand('View: Revert and Close Editor');
  },
};
