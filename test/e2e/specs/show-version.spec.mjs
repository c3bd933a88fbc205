// A user runs "Managed Agents: Show Extension Version" from the command palette and sees the version.
import fs from 'node:fs';
import { assert } from '../helpers.mjs';

const { version } = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

export default {
  name: 'command palette: Show Extension Version shows the version',
  async run({ workbench }) {
    await workbench.runCommand('Managed Agents: Show Extension Version');
    const text = await workbench.notification('Claude Managed Agents');
    assert.match(text, new RegExp(`Claude Managed Agents ${version.replace(/\./g, '\\.')}`));
    await workbench.screenshot('workbench');
  },
};
