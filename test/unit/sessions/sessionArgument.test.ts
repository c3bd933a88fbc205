import assert from 'node:assert/strict';
import { sessionFrom, sessionIdFrom } from '../../../src/sessions/sessionArgument';
import { entry, makeSession } from './fixtures';

describe('session command argument', () => {
  it('finds the session id in ids, sessions and tree rows', () => {
    assert.equal(sessionIdFrom(' sesn_1 '), 'sesn_1');
    assert.equal(sessionIdFrom({ id: 'sesn_2', type: 'session' }), 'sesn_2');
    assert.equal(sessionIdFrom({ id: 'sesn_2b' }), 'sesn_2b');
    assert.equal(sessionIdFrom({ sessionId: 'sesn_3' }), 'sesn_3');
    assert.equal(sessionIdFrom({ session: { id: 'sesn_4' } }), 'sesn_4');
    assert.equal(sessionIdFrom({ session: 'sesn_4b' }), 'sesn_4b');
    assert.equal(sessionIdFrom({ kind: 'session', entry: { session: { id: 'sesn_5', type: 'session' } } }), 'sesn_5');
    for (const none of [undefined, null, '', '  ', 42, {}, { id: 'agt_1', type: 'agent' }]) assert.equal(sessionIdFrom(none), undefined);
  });

  it('takes the session itself from a row or a session, so it need not be loaded', () => {
    const session = makeSession({ title: 'Fix the build' });
    assert.equal(sessionFrom(session), session);
    assert.equal(sessionFrom({ kind: 'session', entry: entry(session) }), session);
    // Only an id: it must be loaded (or picked).
    for (const other of [session.id, { id: session.id }, { sessionId: session.id }, { entry: { session: { id: session.id } } }, undefined, null, 42]) {
      assert.equal(sessionFrom(other), undefined, JSON.stringify(other));
    }
  });
});
