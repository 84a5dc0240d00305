import { type G711Codec, payloadTypeOf } from './g711.js';

/**
 * The little SDP (RFC 4566, offer/answer RFC 3264) a G.711 audio call needs: one audio stream,
 * PCMU and/or PCMA at 20 ms, and a direction — `sendonly` puts the far end on hold (RFC 6337),
 * `sendrecv` resumes it.
 */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface SdpOffer {
  address: string;
  port: number;
  codecs: readonly G711Codec[];
  direction: Direction;
  /** Increases with every new offer in a dialog (RFC 3264 §8). */
  version: number;
  sessionId: number;
}

export function buildSdp(o: SdpOffer): string {
  const family = o.address.includes(':') ? 'IP6' : 'IP4';
  const pts = o.codecs.map((c) => payloadTypeOf[c]);
  return [
    'v=0',
    `o=pacer ${o.sessionId} ${o.version} IN ${family} ${o.address}`,
    's=pacer',
    `c=IN ${family} ${o.address}`,
    't=0 0',
    `m=audio ${o.port} RTP/AVP ${pts.join(' ')}`,
    ...o.codecs.map((c) => `a=rtpmap:${payloadTypeOf[c]} ${c}/8000`),
    'a=ptime:20',
    `a=${o.direction}`,
    '',
  ].join('\r\n');
}

export interface SdpAnswer {
  address: string;
  port: number;
  codec: G711Codec;
  direction: Direction;
}

/** The far end's media: where to send RTP and in which codec. Null when it offers no usable G.711 stream. */
export function parseSdpAnswer(sdp: string, acceptable: readonly G711Codec[]): SdpAnswer | null {
  let sessionAddress: string | null = null;
  let mediaAddress: string | null = null;
  let port: number | null = null;
  let formats: number[] = [];
  let direction: Direction = 'sendrecv';
  let inAudio = false;
  let seenMedia = false;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      seenMedia = true;
      const [media, p, , ...fmts] = line.slice(2).split(/\s+/);
      inAudio = media === 'audio' && port === null;
      if (inAudio) {
        port = Number(p);
        formats = fmts.map(Number);
      }
    } else if (line.startsWith('c=')) {
      const address = line.split(/\s+/)[2] ?? null;
      if (!seenMedia) sessionAddress = address;
      else if (inAudio) mediaAddress = address;
    } else if (inAudio && /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) {
      direction = line.slice(2) as Direction;
    }
  }
  const address = mediaAddress ?? sessionAddress;
  if (!address || port === null || !Number.isInteger(port)) return null;
  const codec = formats.map((pt) => acceptable.find((c) => payloadTypeOf[c] === pt)).find((c) => c !== undefined);
  if (!codec) return null;
  return { address, port, codec, direction: port === 0 ? 'inactive' : direction };
}
