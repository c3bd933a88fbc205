// A storm of 429 / 529 / 500 answers with retry-after: the client and the follower wait as the server
// asks and back off, so the request rate stays under a bound computed from the policy (never a tight
// loop), and the follower is live again by itself once the storm passes. The sidebar and the panel
// ride the same storm in the editor (reliability.storms.test.ts).
import assert from 'node:assert/strict';
import { ManagedAgentsClient, followSession, isTransientError } from '../../../src/api';
import { RefreshPolicy } from '../../../src/sessions/store/refreshPolicy';
import { startSimulator, type SimulatorHandle } from '../../simulator';
import { peakRate } from './probes';
import { count, report } from './soak';

describe('reliability: retry storms', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let client: ManagedAgentsClient;

  before(async () => {
    sim = await startSimulator({ stepDelayMs: 2, heartbeatMs: 500 });
    client = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => 'sk-test' });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  it('the refresh policy never schedules faster than its interval, and backs off to its cap', () => {
    const policy = new RefreshPolicy({ activeSeconds: 1, idleSeconds: 5, maxBackoffSeconds: 60 });
    policy.setViewVisible(true);
    let now = 0;
    const gaps: number[] = [];
    for (let i = 0; i < 50; i++) {
      policy.record({ kind: 'error' }, now);
      const next = policy.nextRefreshAt()!;
      gaps.push(next - now);
      now = next;
    }
    assert.deepEqual(gaps.slice(0, 6), [2000, 4000, 8000, 16000, 32000, 60000]);
    assert.ok(gaps.every((gap) => gap >= 2000 && gap <= 60000));
    policy.record({ kind: 'ok', anyActive: false }, now);
    assert.equal(policy.nextRefreshAt()! - now, 5000, 'one success and it is back to normal');
  });

  it('a follower rides a mixed 429 / 529 / 500 storm with retry-after: 1 under the bound, then goes live by itself', async () => {
    const statuses = [429, 529, 500];
    const session = (await client.sessions.list({ limit: 1 }).firstPage()).data[0];
    const stormMs = count(3_000, 30_000);
    const start = sim.requests.length;
    let turn = 0;
    const storm = () => sim.faults.set({ errors: [{ status: statuses[turn++ % statuses.length], count: -1, retryAfterSeconds: 1, path: '/v1/sessions/**' }] });
    storm();
    const rotate = setInterval(storm, 700);
    const controller = new AbortController();
    const states: string[] = [];
    let live = 0;
    const followed = (async () => {
      for await (const item of followSession(client, session.id, { signal: controller.signal })) {
        if (item.kind !== 'connection') continue;
        states.push(item.state);
        if (item.state === 'reconnecting' && item.error) assert.ok(isTransientError(item.error), `a calm, transient error: ${item.error.message}`);
        if (item.state === 'live') live++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, stormMs));
    clearInterval(rotate);
    const storm_ = sim.requests.slice(start);
    sim.faults.clear();
    const recoveredBy = Date.now() + 15_000;
    while (live === 0 && Date.now() < recoveredBy) await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await followed;
    assert.equal(live, 1, `live again after the storm (states: ${states.join(', ')})`);
    const times = storm_.map((r) => Date.parse(r.time));
    // Each reconnect is at most 3 attempts (1 + 2 retries), the retries 1 s apart as asked; reconnects back off.
    const perSecond = peakRate(times, 1_000);
    const bound = Math.ceil(stormMs / 1000) * 2 + 3;
    assert.ok(perSecond <= 3, `at most 3 requests in any second (saw ${perSecond})`);
    assert.ok(storm_.length <= bound, `${storm_.length} requests in ${stormMs} ms, bound ${bound}`);
    assert.ok(storm_.every((r) => statuses.includes(r.status)), 'every request during the storm was refused');
    report(`follower storm: requests in ${stormMs / 1000} s (bound ${bound}), peak per second`, `${storm_.length}, ${perSecond}`);
  });
});
