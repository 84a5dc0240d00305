import { describe, expect, it } from 'vitest';
import sip from 'sip';
import { sipUriProblem } from './sip-uri.js';

describe('an agent’s phone line (SIP URI)', () => {
  it.each([
    'sip:1001@10.0.0.5:5060;transport=tcp',
    'sip:agent7@pbx.example.com',
    'sips:agent.7@pbx.example.com:5061',
    'sip:%2B48221234567@trunk.example.com;user=phone',
    'sip:1001@pbx;lr;maddr=10.0.0.1',
  ])('T2: %s is accepted, and the SIP stack parses it to the same user and host', (uri) => {
    expect(sipUriProblem(uri)).toBeNull();
    const parsed = sip.parseUri(uri);
    expect(uri).toContain(`${parsed.user}@${parsed.host}`);
  });

  it.each([
    ['', /must start with sip: or sips:/],
    ['sip:@pbx.example.com', /needs a user part/],
    ['sip:1001@[2001:db8::1]', /IPv6 is not supported/],
    ['sip:1001@pbx.example.com:0', /port \(0\)/],
    ['sip:1001@pbx.example.com:50a', /port \(50a\)/],
    ['sip:10<01@pbx.example.com', /user part \(10<01\)/],
    ['sip:1001@pbx.example.com;transport=tcp;', /parameter \(;\)/],
  ])('T2: %s is refused: %s', (uri, problem) => {
    expect(sipUriProblem(uri)).toMatch(problem);
  });
});
