import { z } from 'zod';

export const SIP_URI_MAX = 255;
const EXAMPLE = 'e.g. sip:1001@pbx.example.com or sip:1001@10.0.0.5:5060;transport=tcp';

// RFC 3261 §25.1, narrowed to what the SIP stack dials (the npm `sip` package's URI parser):
// a user part without a password, a host name or IPv4 address (no IPv6), parameters without
// headers. Percent-escapes are allowed in the user part and parameters.
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})+$/;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;
const PARAM = /^(?:[A-Za-z0-9\-_.!~*'()&+$]|%[0-9A-Fa-f]{2})+(?:=(?:[A-Za-z0-9\-_.!~*'()&+$[\]/:]|%[0-9A-Fa-f]{2})+)?$/;

/**
 * What is wrong with a SIP URI for an agent's phone line, in words an administrator can act on
 * ("must start with sip: or sips:"), or null when it is fine. Each problem is named on its own,
 * rather than "not a SIP URI", so a typo in a 40-character address is found at once.
 */
export function sipUriProblem(uri: string): string | null {
  const scheme = /^sips?:/.exec(uri)?.[0];
  if (!scheme) return 'must start with sip: or sips:';
  const rest = uri.slice(scheme.length);
  if (/\s/.test(rest)) return 'must not contain spaces';
  if (rest.includes('?')) return 'must not carry headers (the part from ?); give only the address';
  const at = rest.lastIndexOf('@');
  if (at <= 0) return "needs a user part before @, the extension or account of the agent's phone";
  const user = rest.slice(0, at);
  if (user.includes(':')) return 'must not contain a password (user:password@); give only the user before @';
  if (!USER.test(user)) return `has a user part (${user}) with characters a SIP URI does not allow; use letters, digits and - _ . ! ~ * ' ( ) & = + $ , or %-escapes`;
  const [hostPort = '', ...params] = rest.slice(at + 1).split(';');
  const [host = '', port, ...extra] = hostPort.split(':');
  if (host === '') return "needs a host after @, the PBX or phone's name or IPv4 address";
  if (!HOST.test(host) || extra.length > 0) return `has a host (${hostPort}) that is not a host name or an IPv4 address (IPv6 is not supported)`;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) return `has a port (${port}) that is not a number from 1 to 65535`;
  const badParam = params.find((p) => !PARAM.test(p));
  if (badParam !== undefined) return `has a parameter (;${badParam}) that is not name or name=value`;
  return null;
}

/**
 * An agent's phone line in a request body. The scheme is compared lower-case, so `SIP:` is
 * stored as `sip:` (the SIP stack matches the scheme case-sensitively).
 */
export const sipUriSchema = z
  .string()
  .trim()
  .max(SIP_URI_MAX, `The phone line (SIP URI) is too long: at most ${SIP_URI_MAX} characters.`)
  .overwrite((uri) => uri.replace(/^sips?:/i, (scheme) => scheme.toLowerCase()))
  .superRefine((uri, ctx) => {
    const problem = sipUriProblem(uri);
    if (problem) ctx.addIssue({ code: 'custom', message: `The phone line (SIP URI) ${problem} — ${EXAMPLE}.` });
  })
  .describe(`The SIP URI of the agent's phone, where the SIP carrier rings her when a call is connected: sip: or sips:, a user, @ and a host, optionally :port and ;parameters (${EXAMPLE}); at most ${SIP_URI_MAX} characters. In a change, null takes the line away`);
