import { z } from 'zod';
import { validationFailed } from '../../../shared/errors.js';

/**
 * Configuration of the SIP carrier (T2): the trunk calls go to, who they come from, the
 * credentials the trunk challenges for, and where this process listens for SIP and RTP.
 */
const host = z.string().min(1);
const port = z.number().int().min(1).max(65535);

export const sipCarrierConfigSchema = z
  .object({
    trunk: z
      .object({
        host: host.describe('The trunk (or proxy) every INVITE goes to, IP address or DNS name'),
        port: port.default(5060),
        transport: z.enum(['udp', 'tcp']).default('udp'),
        domain: host.optional().describe('Domain of the Request-URI and To (default: the trunk host)'),
      })
      .strict(),
    from: z
      .object({
        user: z.string().min(1).describe('From user when a call has no caller ID of its own'),
        domain: host.describe('From domain (the trunk account’s domain)'),
        displayName: z.string().optional(),
      })
      .strict(),
    auth: z
      .object({ username: z.string().min(1), password: z.string() })
      .strict()
      .nullable()
      .default(null)
      .describe('Digest credentials for 401/407 challenges; null = the trunk does not challenge'),
    local: z
      .object({
        address: host.describe('IP address to bind SIP and RTP to, and to put in Via, Contact and SDP'),
        sipPort: port.default(5060),
        rtpPorts: z
          .object({ min: port, max: port })
          .strict()
          .refine((r) => r.max - r.min >= 1, 'rtpPorts needs at least two ports (min < max)')
          .default({ min: 20000, max: 29999 }),
      })
      .strict(),
    codecs: z.array(z.enum(['PCMU', 'PCMA'])).min(1).default(['PCMU', 'PCMA']).describe('Offered in this order of preference'),
    amdTimeoutMs: z.number().int().positive().default(5000).describe('With a detector plugged in, decide `unknown` if it has not decided by then'),
    agentAutoAnswer: z.boolean().default(true).describe("Ask the agent's phone to answer by itself (Call-Info: answer-after=0), so the customer is connected within 2 s"),
    agentAnswerTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(5_000)
      .describe("If the agent's phone has not answered a bridge by then, the bridge fails: the agent is set not ready and the contact offered to another agent or given the abandon message"),
    zipTone: z
      .object({ frequencyHz: z.number().positive(), durationMs: z.number().int().min(0) })
      .strict()
      .default({ frequencyHz: 440, durationMs: 200 })
      .describe('Played to the agent when a call is bridged (D1); durationMs 0 = none'),
    messages: z
      .object({
        dir: z
          .never({ error: 'is no longer used: upload recorded messages in the console under Recordings (they are kept in the database, for every dialer node), then name them in the campaign' })
          .optional(),
        voice: z.string().regex(/^[\w+-]+$/, 'an espeak-ng voice name such as en-us, pl or ja').default('en-us').describe('espeak-ng voice that speaks text messages (recordings are uploaded under Recordings)'),
      })
      .strict()
      .default({ voice: 'en-us' }),
  })
  .strict();

export type SipCarrierConfigInput = z.input<typeof sipCarrierConfigSchema>;
export type SipCarrierConfig = z.output<typeof sipCarrierConfigSchema>;

/** What the logs may say about a configuration: everything but the password. */
export function describeSipCarrierConfig(config: SipCarrierConfig): Record<string, unknown> {
  const { trunk, from, auth, local, codecs } = config;
  return {
    trunk: `${trunk.transport}:${trunk.host}:${trunk.port}${trunk.domain ? ` (domain ${trunk.domain})` : ''}`,
    from: `${from.user}@${from.domain}`,
    auth: auth ? `digest as ${auth.username}` : 'none',
    local: `${local.address}:${local.sipPort}, RTP ${local.rtpPorts.min}-${local.rtpPorts.max}`,
    codecs,
    messages: config.messages,
  };
}

export function parseSipCarrierConfig(input: SipCarrierConfigInput): SipCarrierConfig {
  const parsed = sipCarrierConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw validationFailed(`The SIP carrier's configuration is not valid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, issues);
}
