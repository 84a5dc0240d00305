import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSipUri } from '../../src/users/agent-sip-uri.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';

/** Issue 8 point 3: each agent's phone line (SIP URI), where the SIP carrier (T2) bridges her calls; only admins set it (A1). */
describe.each(await availableEngines())('agent phone lines (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    agent = await t.signInAs('agent');
  });
  afterAll(() => t?.close());

  const setLine = (sipUri: string | null) => admin.call('PATCH', `/api/users/${agent.userId}`, { sipUri });

  it('T2, A1: an admin sets, reads back and clears an agent’s phone line', async () => {
    expect((await admin.call('GET', `/api/users/${agent.userId}`)).json.sipUri).toBeNull();

    const set = await setLine('sip:1001@10.0.0.5:5060;transport=tcp');
    expect(set.status).toBe(200);
    expect(set.json.sipUri).toBe('sip:1001@10.0.0.5:5060;transport=tcp');
    expect((await admin.call('GET', `/api/users/${agent.userId}`)).json.sipUri).toBe('sip:1001@10.0.0.5:5060;transport=tcp');
    const listed = await admin.call('GET', '/api/users?role=agent&limit=500');
    expect(listed.json.items.find((u: { id: number }) => u.id === agent.userId).sipUri).toBe('sip:1001@10.0.0.5:5060;transport=tcp');

    // A change to another field keeps the line.
    expect((await admin.call('PATCH', `/api/users/${agent.userId}`, { displayName: 'Agent Seven' })).json.sipUri).toBe('sip:1001@10.0.0.5:5060;transport=tcp');

    const cleared = await setLine(null);
    expect(cleared.status).toBe(200);
    expect(cleared.json.sipUri).toBeNull();
    expect((await admin.call('GET', `/api/users/${agent.userId}`)).json.sipUri).toBeNull();
  });

  it('T2, A1: a new agent may be created with her phone line; the scheme is stored lower-case', async () => {
    const res = await admin.call('POST', '/api/users', { email: 'line@example.test', displayName: 'Line', role: 'agent', password: 'a long password', sipUri: ' SIPS:agent7@pbx.example.com ' });
    expect(res.status).toBe(201);
    expect(res.json.sipUri).toBe('sips:agent7@pbx.example.com');
    const without = await admin.call('POST', '/api/users', { email: 'noline@example.test', displayName: 'No line', role: 'agent', password: 'a long password' });
    expect(without.json.sipUri).toBeNull();
  });

  it.each([
    ['1001@pbx.example.com', /must start with sip: or sips:/],
    ['tel:+48221234567', /must start with sip: or sips:/],
    ['sip:pbx.example.com', /needs a user part before @/],
    ['sip:1001@', /needs a host after @/],
    ['sip:1001:secret@pbx.example.com', /must not contain a password/],
    ['sip:10 01@pbx.example.com', /must not contain spaces/],
    ['sip:1001@pbx_example.com', /host \(pbx_example.com\) that is not a host name or an IPv4 address/],
    ['sip:1001@pbx.example.com:99999', /port \(99999\) that is not a number from 1 to 65535/],
    ['sip:1001@pbx.example.com;=tcp', /parameter/],
    ['sip:1001@pbx.example.com?subject=hi', /must not carry headers/],
    [`sip:${'1'.repeat(250)}@pbx.example.com`, /too long: at most 255 characters/],
  ])('T2, A1: %s is refused with what is wrong and an example', async (sipUri, problem) => {
    const res = await setLine(sipUri);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details[0].path).toBe('sipUri');
    expect(res.json.error.details[0].problem).toMatch(problem);
    expect(res.json.error.message).toMatch(problem);
    expect(res.json.error.message).not.toContain('..'); // one full stop between the problem and "Fix the fields…"
    if (!/too long/.test(res.json.error.details[0].problem)) expect(res.json.error.details[0].problem).toMatch(/e\.g\. sip:1001@pbx\.example\.com/);
    const created = await admin.call('POST', '/api/users', { email: 'bad-line@example.test', displayName: 'Bad', role: 'agent', password: 'a long password', sipUri });
    expect(created.status).toBe(400);
    expect(created.json.error.details[0].path).toBe('sipUri');
  });

  it('A1: an agent or a supervisor cannot set a phone line — hers or anyone’s', async () => {
    await setLine('sip:1001@pbx.example.com');
    const supervisor = await t.signInAs('supervisor');
    for (const who of [agent, supervisor]) {
      expect((await who.call('PATCH', `/api/users/${agent.userId}`, { sipUri: 'sip:evil@attacker.example' })).status).toBe(403);
      expect((await who.call('POST', '/api/users', { email: `x${who.userId}@example.test`, displayName: 'X', role: 'agent', password: 'a long password', sipUri: 'sip:x@pbx.example.com' })).status).toBe(403);
    }
    // Her own profile takes language, zone and password; the line is not hers to change.
    expect((await agent.call('PATCH', '/api/auth/me', { sipUri: 'sip:evil@attacker.example' })).status).toBe(400);
    expect((await admin.call('GET', `/api/users/${agent.userId}`)).json.sipUri).toBe('sip:1001@pbx.example.com');
  });

  it('T2: an agent reads her own phone line on her profile', async () => {
    await setLine('sip:agent7@pbx.example.com');
    const me = await agent.call('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json.sipUri).toBe('sip:agent7@pbx.example.com');
  });

  it('T2: agentSipUri gives the dialer an agent’s line, or null when none is set', async () => {
    await setLine('sip:1001@10.0.0.5:5060;transport=tcp');
    expect(await agentSipUri(t.storage.db, agent.userId)).toBe('sip:1001@10.0.0.5:5060;transport=tcp');
    const other = await t.signInAs('agent');
    expect(await agentSipUri(t.storage.db, other.userId)).toBeNull();
    expect(await agentSipUri(t.storage.db, 999_999)).toBeNull();
  });
});
