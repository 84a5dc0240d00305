import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { describeSipCarrierConfig } from './telephony/adapters/sip/sip-config.js';

describe('configuration from the environment', () => {
  it('T1: PACER_SIMULATED_CARRIER lays its settings over the server defaults, key by key', () => {
    expect(loadConfig({}).carrier).toEqual({});
    const config = loadConfig({ PACER_SIMULATED_CARRIER: '{"outcomes":{"live":1},"answerDelay":{"dist":"fixed","mean":2}}' });
    expect(config.carrier).toEqual({ outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 2 } });
  });

  it('T1: a PACER_SIMULATED_CARRIER that is not JSON, not an object, or not valid says which and where', () => {
    expect(() => loadConfig({ PACER_SIMULATED_CARRIER: '{live: 1}' })).toThrow(/^PACER_SIMULATED_CARRIER must be a JSON object: /);
    expect(() => loadConfig({ PACER_SIMULATED_CARRIER: '[1]' })).toThrow('PACER_SIMULATED_CARRIER must be a JSON object, e.g.');
    expect(() => loadConfig({ PACER_SIMULATED_CARRIER: '{"outcomes":{"live":0}}' })).toThrow(/^PACER_SIMULATED_CARRIER: outcomes: Give at least one outcome a positive rate/);
    expect(() => loadConfig({ PACER_SIMULATED_CARRIER: '{"talk":{"dist":"fixed","mean":-1}}' })).toThrow(/^PACER_SIMULATED_CARRIER: talk/);
  });
});

describe('the SIP carrier chosen by configuration (T2, issue 8 point 6)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-sip-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SECRET = 'hunter2-very-secret';
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const trunk = { trunk: { host: '203.0.113.10', transport: 'tcp' }, from: { user: '+12025550100', domain: 'trunk.example' }, local: { address: '198.51.100.4' } };
  const loadError = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected the configuration to be refused');
  };

  it('T2: the simulated carrier stays the default; PACER_CARRIER=sip reads the trunk from the PACER_SIP_CONFIG file, the password from PACER_SIP_PASSWORD', () => {
    expect(loadConfig({}).sip).toBeNull();
    const path = file('sip.json', JSON.stringify({ ...trunk, auth: { username: 'acct7' } }));
    const config = loadConfig({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: path, PACER_SIP_PASSWORD: SECRET });
    expect(config.sip).toMatchObject({ trunk: { host: '203.0.113.10', port: 5060, transport: 'tcp' }, auth: { username: 'acct7', password: SECRET }, messages: { voice: 'en-us' } });
    // What the server logs about it names the trunk and the account, never the password.
    const described = JSON.stringify(describeSipCarrierConfig(config.sip!));
    expect(described).toContain('tcp:203.0.113.10:5060');
    expect(described).toContain('digest as acct7');
    expect(described).not.toContain(SECRET);
  });

  it('T2: the example configuration in config/ is valid', () => {
    const config = loadConfig({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: join(import.meta.dirname, '../config/sip.example.json'), PACER_SIP_PASSWORD: SECRET });
    expect(config.sip?.trunk.domain).toBe('trunk.example.com');
  });

  it('T2: a wrong carrier, a missing or unreadable file, bad JSON, a bad field or a missing password each say what and how to fix — and never quote the password', () => {
    expect(loadError({ PACER_CARRIER: 'asterisk' })).toBe('PACER_CARRIER must be "simulated" (the default) or "sip", got "asterisk".');
    expect(loadError({ PACER_CARRIER: 'sip' })).toMatch(/^PACER_CARRIER=sip needs PACER_SIP_CONFIG: the path of a JSON file/);
    expect(loadError({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: join(dir, 'nowhere.json') })).toMatch(/^PACER_SIP_CONFIG: cannot read .*nowhere\.json: ENOENT/);
    const broken = file('broken.json', `{\n  "auth": { "username": "a", "password": "${SECRET}" },\n  "trunk": { "host": "x", }\n}`);
    const bad = loadError({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: broken });
    expect(bad).toMatch(/broken\.json is not valid JSON at line 3, column \d+; check quotes and commas there\.$/);
    expect(bad).not.toContain(SECRET);
    const wrongField = file('wrong.json', JSON.stringify({ ...trunk, auth: { username: 'a', password: SECRET }, trunk: { host: 'x', transport: 'tls' } }));
    const wrong = loadError({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: wrongField });
    expect(wrong).toMatch(/^PACER_SIP_CONFIG \(.*wrong\.json\): The SIP carrier's configuration is not valid: trunk\.transport: /);
    expect(wrong).not.toContain(SECRET);
    const noPassword = file('no-password.json', JSON.stringify({ ...trunk, auth: { username: 'a' } }));
    expect(loadError({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: noPassword })).toMatch(/has auth\.username but no password: set PACER_SIP_PASSWORD/);
    const noAccount = file('no-account.json', JSON.stringify(trunk));
    expect(loadError({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: noAccount, PACER_SIP_PASSWORD: SECRET })).toMatch(/PACER_SIP_PASSWORD is set but .* has no auth\.username/);
    // A messages directory (before recordings were uploaded in the console) says where recordings go now.
    const oldDir = file('old-dir.json', JSON.stringify({ ...trunk, messages: { dir: '/var/lib/pacer/messages' } }));
    expect(loadError({ PACER_CARRIER: 'sip', PACER_SIP_CONFIG: oldDir })).toMatch(/messages\.dir: is no longer used: upload recorded messages in the console under Recordings/);
  });
});
