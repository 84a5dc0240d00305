import { describe, expect, it } from 'vitest';
import { endCauseOf } from './end-causes.js';
import { parseSipCarrierConfig } from './sip-config.js';

describe('SIP carrier configuration and end causes (T2)', () => {
  it('T2 final statuses map to end causes as issue 8 lists them; unknown ones are failed', () => {
    const map = Object.fromEntries([486, 600, 404, 484, 604, 408, 480, 487, 503, 403, 500, 606].map((s) => [s, endCauseOf(s)]));
    expect(map).toEqual({ 486: 'busy', 600: 'busy', 404: 'bad_number', 484: 'bad_number', 604: 'bad_number', 408: 'no_answer', 480: 'no_answer', 487: 'no_answer', 503: 'failed', 403: 'failed', 500: 'failed', 606: 'failed' });
  });

  it('T2 a configuration error names the field and the problem', () => {
    expect(() => parseSipCarrierConfig({ trunk: { host: 'sip.example', transport: 'tls' as 'udp' }, from: { user: 'x', domain: 'd' }, local: { address: '10.0.0.1' } })).toThrow(
      /trunk\.transport/,
    );
    const c = parseSipCarrierConfig({ trunk: { host: 'sip.example' }, from: { user: 'x', domain: 'd' }, local: { address: '10.0.0.1' } });
    expect(c).toMatchObject({ trunk: { port: 5060, transport: 'udp' }, local: { sipPort: 5060, rtpPorts: { min: 20000, max: 29999 } }, codecs: ['PCMU', 'PCMA'], auth: null });
  });
});
