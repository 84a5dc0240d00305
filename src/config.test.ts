import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

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
