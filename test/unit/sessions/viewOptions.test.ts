import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeFilter, filtersDiffer, isFiltered, listParams, matchesOptions, sanitizeViewOptions } from '../../../src/sessions/store/viewOptions';
import { makeSession } from './fixtures';

describe('viewOptions', () => {
  it('sanitizes whatever workspace state holds', () => {
    assert.deepEqual(sanitizeViewOptions(undefined), { groupBy: 'none', statuses: [], agent: undefined, includeArchived: false });
    assert.deepEqual(sanitizeViewOptions({ groupBy: 'agent', statuses: ['idle', 'bogus', 'running'], agent: { id: 'agent_1' }, includeArchived: true }), {
      groupBy: 'agent',
      statuses: ['running', 'idle'],
      agent: { id: 'agent_1', name: 'agent_1' },
      includeArchived: true,
    });
    assert.equal(sanitizeViewOptions({ groupBy: 'colour', agent: { id: 42 } }).groupBy, 'none');
  });

  it('turns filters into list parameters for the API', () => {
    const options = sanitizeViewOptions({ statuses: ['running'], agent: { id: 'agent_1', name: 'A' }, includeArchived: true });
    assert.deepEqual(listParams(options, 20, 'cursor'), { limit: 20, page: 'cursor', statuses: ['running'], agent_id: 'agent_1', include_archived: true });
    assert.deepEqual(listParams(sanitizeViewOptions({}), 50), { limit: 50 });
  });

  it('knows when filters (not grouping) changed', () => {
    const base = sanitizeViewOptions({});
    assert.equal(filtersDiffer(base, { ...base, groupBy: 'status' }), false);
    assert.equal(filtersDiffer(base, { ...base, includeArchived: true }), true);
    assert.equal(filtersDiffer(base, { ...base, statuses: ['idle'] }), true);
    assert.equal(filtersDiffer({ ...base, statuses: ['idle', 'running'] }, { ...base, statuses: ['running', 'idle'] }), false);
    assert.equal(filtersDiffer(base, { ...base, agent: { id: 'a', name: 'A' } }), true);
  });

  it('matches a single session against the filters', () => {
    const options = sanitizeViewOptions({ statuses: ['idle'], agent: { id: 'agent_1', name: 'A' } });
    assert.equal(matchesOptions(makeSession({ status: 'idle' }), options), true);
    assert.equal(matchesOptions(makeSession({ status: 'running' }), options), false);
    assert.equal(matchesOptions(makeSession({ status: 'idle', agentId: 'agent_2' }), options), false);
    assert.equal(matchesOptions(makeSession({ status: 'idle', archived_at: '2026-01-01T00:00:00Z' }), options), false);
    assert.equal(matchesOptions(makeSession({ archived_at: '2026-01-01T00:00:00Z' }), { ...options, statuses: [], agent: undefined, includeArchived: true }), true);
  });

  it('describes the active filter', () => {
    assert.equal(describeFilter(sanitizeViewOptions({})), undefined);
    assert.equal(isFiltered(sanitizeViewOptions({ includeArchived: true })), false);
    assert.equal(describeFilter(sanitizeViewOptions({ statuses: ['idle', 'running'], agent: { id: 'a', name: 'Docs writer' } })), 'Running, Idle · Docs writer');
  });
});

describe('sessions contributions in package.json', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));

  it('contributes every command its menus name', () => {
    for (const [menu, items] of Object.entries<{ command: string }[]>(manifest.contributes.menus)) {
      for (const item of items) assert.ok(contributed.has(item.command), `${menu} names ${item.command}, which is not contributed`);
    }
  });

  it('has the Sessions view in the Managed Agents container, with welcome content', () => {
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c: { id: string }) => c.id === 'managedAgents'));
    assert.ok(manifest.contributes.views.managedAgents.some((v: { id: string }) => v.id === 'managedAgents.sessions'));
    const welcome = manifest.contributes.viewsWelcome.filter((w: { view: string }) => w.view === 'managedAgents.sessions');
    assert.ok(welcome.some((w: { when: string; contents: string }) => w.when === 'managedAgents.noKey' && w.contents.includes('command:managedAgents.setApiKey')));
    assert.ok(welcome.some((w: { contents: string }) => w.contents.includes('command:managedAgents.refresh')));
  });
});
