import sip, { type NameAddr, type SipRequest, type SipResponse, type SipUri, type Stack } from 'sip';
import digest, { type DigestContext } from 'sip/digest.js';
import type { G711Codec } from './g711.js';
import { type RtpDeps, type RtpPorts, RtpStream } from './rtp-stream.js';
import { type Direction, type SdpAnswer, buildSdp, parseSdpAnswer } from './sdp.js';

/**
 * One outgoing SIP dialog with its RTP (RFC 3261 UAC): INVITE with an SDP offer, digest
 * authentication on 401/407, ACK of the 2xx, the route set from Record-Route, CANCEL while early,
 * BYE once confirmed, re-INVITE to change the media direction, and the far end's BYE. The
 * customer's leg and the agent's leg of a bridged call are both SipLegs; what their outcomes
 * mean for the Carrier's events is decided by SipCall.
 */
export interface LegEnvironment {
  stack: Stack;
  deps: RtpDeps;
  /** The local IP address for SDP and RTP, and this process's Contact URI for each transport. */
  address: string;
  contact: { udp: string; tcp: string };
  /** The right-hand side of Call-IDs: unique to this process (its SIP address and port). */
  callIdHost: string;
  rtpPorts: RtpPorts;
  codecs: readonly G711Codec[];
  nextRtpPort(): number;
  token(): string;
  /** In-dialog requests for this SIP Call-ID go to the leg until `forgetLater` has passed. */
  register(sipCallId: string, leg: SipLeg): void;
  forgetLater(sipCallId: string): void;
}

export interface LegTarget {
  requestUri: string;
  to: string;
  from: string;
  fromName?: string;
  /** Preloaded route (an outbound proxy), e.g. `<sip:trunk:5060;lr>`. */
  route?: string[];
  credentials?: { user: string; password: string } | null;
  /** The transport of the first hop, for our Contact (default udp). */
  transport?: 'udp' | 'tcp';
  /** More headers for the INVITE (lower-case names), e.g. Call-Info asking a phone to answer by itself. */
  headers?: Record<string, string>;
}

export interface LegHandlers {
  /** A 180/183 (once per status class is up to the caller). */
  provisional(status: number): void;
  answered(media: SdpAnswer): void;
  /** A final non-2xx answer; `local` when no response came from the far end (timeout, unreachable). */
  rejected(status: number, reason: string, local: boolean): void;
  /** The far end sent BYE. */
  remoteBye(): void;
}

interface Dialog {
  to: NameAddr;
  remoteTarget: string;
  routeSet: NameAddr[];
}

type LegState = 'opening' | 'calling' | 'early' | 'confirmed' | 'terminated';
const MAX_AUTH_ATTEMPTS = 2;

export class SipLeg {
  rtp: RtpStream | null = null;
  private state: LegState = 'opening';
  private readonly sipCallId: string;
  private readonly localTag: string;
  private cseq = 1;
  private invite: SipRequest | null = null;
  private authAttempts = 0;
  private authContext: DigestContext | null = null;
  private cancelWanted = false;
  private dialog: Dialog | null = null;
  private sdpVersion = 1;
  private readonly sdpSession: number;
  private abandoned = false;

  constructor(
    private readonly env: LegEnvironment,
    private readonly target: LegTarget,
    private readonly handlers: LegHandlers,
  ) {
    this.sipCallId = `${env.token()}${env.token()}@${env.callIdHost}`;
    this.localTag = env.token();
    this.sdpSession = env.deps.random.int(0x7fffffff);
  }

  private get contact(): string {
    return this.env.contact[this.target.transport ?? (/;transport=tcp/i.test(this.target.requestUri) ? 'tcp' : 'udp')];
  }

  /** Opens the RTP port and sends the INVITE. Rejects only if no RTP port is free. */
  async start(): Promise<void> {
    this.rtp = await RtpStream.open(this.env.address, this.env.rtpPorts, this.env.nextRtpPort(), this.env.deps);
    if (this.abandoned) {
      this.rtp.close();
      return;
    }
    this.env.register(this.sipCallId, this);
    this.state = 'calling';
    this.sendInvite(null);
  }

  /** Ends the leg whatever its state, without telling the handlers: CANCEL, BYE, or ACK+BYE a late 2xx. */
  abandon(): void {
    if (this.abandoned) return;
    this.abandoned = true;
    this.rtp?.close();
    if (this.state === 'early') this.sendCancel();
    else if (this.state === 'calling') this.cancelWanted = true; // CANCEL may only follow a provisional response
    else if (this.state === 'confirmed') this.sendBye();
    if (this.state === 'confirmed' || this.state === 'opening') this.terminate();
  }

  /** Changes the direction of our media (sendonly = hold the far end). Resolves whether the far end accepted. */
  reinvite(direction: Direction): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.state !== 'confirmed' || !this.rtp) return resolve(false);
      const rq = this.inDialog('INVITE');
      rq.headers.contact = [{ uri: this.contact, params: {} }];
      rq.headers['content-type'] = 'application/sdp';
      rq.content = this.offer(direction);
      this.env.stack.send(rq, (rs) => {
        if (rs.status < 200) return;
        if (rs.status < 300) this.sendAck(rq.headers.cseq.seq);
        resolve(rs.status < 300);
      });
    });
  }

  /** A request inside this leg's dialog (or a CANCEL of nothing). */
  handleRequest(rq: SipRequest): void {
    const stack = this.env.stack;
    switch (rq.method) {
      case 'ACK':
        return;
      case 'BYE': {
        stack.send(sip.makeResponse(rq, 200, 'OK'));
        if (this.state === 'confirmed' && !this.abandoned) {
          this.terminate();
          this.rtp?.close();
          this.handlers.remoteBye();
        }
        return;
      }
      case 'INVITE': {
        // A re-INVITE from the far end (its own hold, a session refresh): accept, keep our media as it is.
        const media = rq.content ? parseSdpAnswer(rq.content, this.env.codecs) : null;
        if (media && this.rtp) this.rtp.setRemote(media.address, media.port, media.codec);
        stack.send(
          sip.makeResponse(rq, 200, 'OK', { headers: { contact: [{ uri: this.contact, params: {} }], 'content-type': 'application/sdp' }, content: this.offer('sendrecv') }),
        );
        return;
      }
      case 'OPTIONS':
      case 'UPDATE':
      case 'INFO':
        stack.send(sip.makeResponse(rq, 200, 'OK'));
        return;
      default:
        stack.send(sip.makeResponse(rq, 405, 'Method Not Allowed'));
    }
  }

  private offer(direction: Direction): string {
    return buildSdp({ address: this.env.address, port: this.rtp?.port ?? 0, codecs: this.env.codecs, direction, version: this.sdpVersion++, sessionId: this.sdpSession });
  }

  private sendInvite(challenge: SipResponse | null): void {
    const t = this.target;
    const rq: SipRequest = {
      method: 'INVITE',
      uri: t.requestUri,
      headers: {
        to: { uri: t.to, params: {} },
        from: { uri: t.from, ...(t.fromName ? { name: t.fromName } : {}), params: { tag: this.localTag } },
        'call-id': this.sipCallId,
        cseq: { method: 'INVITE', seq: this.cseq },
        contact: [{ uri: this.contact, params: {} }],
        'max-forwards': 70,
        allow: 'INVITE, ACK, CANCEL, BYE, OPTIONS',
        'content-type': 'application/sdp',
        ...(t.route?.length ? { route: t.route.map((uri) => ({ uri, params: {} })) } : {}),
        ...t.headers,
      },
      content: this.offer('sendrecv'),
    };
    if (challenge && t.credentials) this.authContext = digest.signRequest(this.authContext, rq, challenge, t.credentials) ?? {};
    this.invite = rq;
    this.env.stack.send(rq, (rs) => this.onInviteResponse(rq, rs));
  }

  private onInviteResponse(rq: SipRequest, rs: SipResponse): void {
    if (rq !== this.invite) {
      if (rs.status >= 200 && rs.status < 300) this.ackAndHangUp(rs); // a 2xx to a superseded INVITE
      return;
    }
    // The sip package answers a transaction timeout (408), an unreachable TCP peer (503) or an unresolvable host (404) itself, with the request's own headers.
    const local = rs.headers.to === rq.headers.to;
    if (rs.status < 200) {
      if (this.state === 'calling' && !local) this.state = 'early';
      if (this.abandoned) {
        if (this.cancelWanted) this.sendCancel();
        return;
      }
      if (rs.status > 100) this.handlers.provisional(rs.status);
      return;
    }
    if (rs.status < 300) {
      if (this.state === 'confirmed') {
        this.sendAck(rq.headers.cseq.seq); // a retransmitted 2xx: our ACK was lost
        return;
      }
      this.dialog = dialogOf(rs, rq.uri);
      this.state = 'confirmed';
      this.sendAck(rq.headers.cseq.seq);
      if (this.abandoned) {
        this.sendBye();
        this.terminate();
        return;
      }
      const media = rs.content ? parseSdpAnswer(rs.content, this.env.codecs) : null;
      if (!media) {
        this.sendBye();
        this.terminate();
        this.rtp?.close();
        this.handlers.rejected(488, 'No G.711 audio in the answer', false);
        return;
      }
      this.rtp?.setRemote(media.address, media.port, media.codec);
      this.handlers.answered(media);
      return;
    }
    if ((rs.status === 401 || rs.status === 407) && this.target.credentials && this.authAttempts < MAX_AUTH_ATTEMPTS && !this.abandoned) {
      this.authAttempts++;
      this.cseq++;
      this.state = 'calling';
      this.sendInvite(rs);
      return;
    }
    this.terminate();
    this.rtp?.close();
    if (!this.abandoned) this.handlers.rejected(rs.status, rs.reason || (local ? localReason(rs.status) : ''), local);
  }

  private sendCancel(): void {
    const invite = this.invite;
    if (!invite?.headers.via?.[0]) return;
    this.cancelWanted = false;
    const cancel: SipRequest = {
      method: 'CANCEL',
      uri: invite.uri,
      headers: {
        to: invite.headers.to,
        from: invite.headers.from,
        'call-id': invite.headers['call-id'],
        cseq: { method: 'CANCEL', seq: invite.headers.cseq.seq },
        via: [{ ...invite.headers.via[0], params: { ...invite.headers.via[0].params } }],
        'max-forwards': 70,
        ...(invite.headers.route ? { route: invite.headers.route.map((r) => ({ ...r })) } : {}),
      },
    };
    this.env.stack.send(cancel, () => undefined); // the INVITE's 487 (or a crossing 2xx) arrives on the INVITE
  }

  private inDialog(method: string): SipRequest {
    const d = this.dialog!;
    const invite = this.invite!;
    return {
      method,
      uri: d.remoteTarget,
      headers: {
        to: { ...d.to, params: { ...d.to.params } },
        from: { ...invite.headers.from, params: { ...invite.headers.from.params } },
        'call-id': this.sipCallId,
        cseq: { method, seq: ++this.cseq },
        'max-forwards': 70,
        ...(d.routeSet.length ? { route: d.routeSet.map((r) => ({ ...r, params: { ...r.params } })) } : {}),
      },
    };
  }

  private sendAck(seq: number): void {
    const ack = this.inDialog('ACK');
    this.cseq--; // ACK reuses the INVITE's sequence number
    ack.headers.cseq = { method: 'ACK', seq };
    ack.headers.via = [];
    this.env.stack.send(ack);
  }

  private sendBye(): void {
    if (!this.dialog) return;
    this.env.stack.send(this.inDialog('BYE'), () => undefined);
  }

  private ackAndHangUp(rs: SipResponse): void {
    const saved = this.dialog;
    this.dialog = dialogOf(rs, this.target.requestUri);
    this.sendAck(rs.headers.cseq.seq);
    this.sendBye();
    this.dialog = saved;
  }

  private terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.env.forgetLater(this.sipCallId);
  }
}

/** The dialog a 2xx sets up (RFC 3261 §12.1.2): the remote target from Contact, the route set from Record-Route reversed. */
function dialogOf(rs: SipResponse, requestUri: string): Dialog {
  const contact = Array.isArray(rs.headers.contact) ? rs.headers.contact[0] : undefined;
  return {
    to: { ...rs.headers.to, params: { ...rs.headers.to.params } },
    remoteTarget: contact ? uriText(contact.uri) : requestUri,
    routeSet: [...(rs.headers['record-route'] ?? [])].reverse(),
  };
}

function uriText(uri: string | SipUri): string {
  return typeof uri === 'string' ? uri : sip.stringifyUri(uri);
}

function localReason(status: number): string {
  if (status === 408) return 'No response from the far end (SIP transaction timeout)';
  if (status === 503) return 'The far end could not be reached';
  if (status === 404) return 'The far end’s address could not be resolved';
  return 'Local failure';
}
