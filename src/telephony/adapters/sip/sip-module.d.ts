/**
 * Types for the parts of the npm `sip` package (kirm/sip.js, pure JavaScript, no types of its own)
 * that the SIP adapter uses: the transaction/transport stack and client-side digest signing.
 */
declare module 'sip' {
  export interface SipUri {
    schema?: string;
    user?: string;
    password?: string;
    host: string;
    port?: number;
    params: Record<string, string | null | undefined>;
    headers?: Record<string, string>;
  }
  export interface NameAddr {
    name?: string;
    /** As written, or parsed (the package parses Route and Record-Route URIs). */
    uri: string | SipUri;
    params: Record<string, string | null | undefined>;
  }
  export interface Via {
    version?: string;
    protocol?: string;
    host?: string;
    port?: number;
    params: Record<string, string | number | null | undefined>;
  }
  export interface SipHeaders {
    to: NameAddr;
    from: NameAddr;
    'call-id': string;
    cseq: { method: string; seq: number };
    via?: Via[];
    contact?: NameAddr[] | '*';
    route?: NameAddr[];
    'record-route'?: NameAddr[];
    'content-type'?: string;
    'max-forwards'?: number;
    [name: string]: unknown;
  }
  export interface SipRequest {
    method: string;
    uri: string;
    version?: string;
    headers: SipHeaders;
    content?: string;
  }
  export interface SipResponse {
    status: number;
    reason: string;
    version?: string;
    headers: SipHeaders;
    content?: string;
  }
  export type SipMessage = SipRequest | SipResponse;
  export interface Remote {
    protocol: string;
    address: string;
    port: number;
  }
  export interface StackOptions {
    address?: string;
    publicAddress?: string;
    hostname?: string;
    port?: number;
    udp?: boolean;
    tcp?: boolean;
    rport?: boolean;
    logger?: { send?(m: SipMessage, target: Remote): void; recv?(m: SipMessage, remote: Remote): void; error?(e: unknown): void };
  }
  export interface Stack {
    send(message: SipRequest | SipResponse, callback?: (response: SipResponse) => void): void;
    destroy(): void;
    hostname(): string;
  }
  export function create(options: StackOptions, onRequest: (request: SipRequest, remote: Remote) => void): Stack;
  export function makeResponse(request: SipRequest, status: number, reason?: string, extension?: { headers?: Record<string, unknown>; content?: string }): SipResponse;
  export function parseUri(uri: string): SipUri;
  export function stringifyUri(uri: SipUri): string;
  export function generateBranch(): string;
  const sip: {
    create: typeof create;
    makeResponse: typeof makeResponse;
    parseUri: typeof parseUri;
    stringifyUri: typeof stringifyUri;
    generateBranch: typeof generateBranch;
  };
  export default sip;
}

declare module 'sip/digest.js' {
  import type { SipRequest, SipResponse } from 'sip';
  export interface DigestContext {
    [key: string]: unknown;
  }
  export function signRequest(ctx: DigestContext | null, request: SipRequest, challenge: SipResponse, credentials: { user: string; password: string }): DigestContext | null;
  const digest: { signRequest: typeof signRequest };
  export default digest;
}
