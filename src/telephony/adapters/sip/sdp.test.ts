import { describe, expect, it } from 'vitest';
import { buildSdp, parseSdpAnswer } from './sdp.js';

describe('SDP offer and answer (T2)', () => {
  it('T2 the offer is G.711 at 20 ms with the asked direction; hold offers sendonly', () => {
    const sdp = buildSdp({ address: '10.0.0.5', port: 30000, codecs: ['PCMU', 'PCMA'], direction: 'sendonly', version: 2, sessionId: 7 });
    expect(sdp.split('\r\n')).toEqual(
      expect.arrayContaining(['c=IN IP4 10.0.0.5', 'm=audio 30000 RTP/AVP 0 8', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=ptime:20', 'a=sendonly', 'o=pacer 7 2 IN IP4 10.0.0.5']),
    );
  });

  it('T2 the answer gives where to send RTP and the codec: media-level address over session-level, first acceptable format', () => {
    const answer = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 40002 RTP/AVP 18 8 0 101', 'c=IN IP4 192.0.2.9', 'a=recvonly', ''].join('\r\n');
    expect(parseSdpAnswer(answer, ['PCMU', 'PCMA'])).toEqual({ address: '192.0.2.9', port: 40002, codec: 'PCMA', direction: 'recvonly' });
    expect(parseSdpAnswer(answer.replace(' 8 0 101', ' 101'), ['PCMU', 'PCMA'])).toBeNull(); // G.729 only: unusable
    expect(parseSdpAnswer(answer.replace('40002', '0'), ['PCMA'])?.direction).toBe('inactive'); // stream refused
  });
});
