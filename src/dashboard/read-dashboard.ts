import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { definitionFromRow } from '../campaigns/campaign-definition.js';
import { type AbandonWindowName, storedAbandonRates, type WindowRate } from '../dialer/abandon-rate.js';
import type { DialerRuntime } from '../dialer/dialer-runtime.js';
import { AppError } from '../shared/errors.js';
import type { CampaignStatus, Database, DialingMode } from '../storage/schema.js';
import { type AgentOnFloor, type CallsByState, type DialRatio, type PacingView, readFloor } from './campaign-floor.js';
import { compactRecordCounts, countCampaignRecords, type OwnerProgress, type RecordProgress, summarizeCampaign, summarizeOwners } from './record-counts.js';

/**
 * R1, O11, X2: the supervisors' dashboard — every campaign the actor may see (admins: all;
 * supervisors: those they hold a grant on; agents: none) with its list penetration and
 * per-owner progress (from the database, exact on any node), and, for campaigns this node
 * paces, its calls, agents, dial ratio and last pacing decision (from the engine's memory).
 * Abandon rates come from the engine when it runs here, else from the stored attempts.
 */
export interface CampaignDashboard {
  id: number;
  name: string;
  mode: DialingMode;
  status: CampaignStatus;
  /** This node holds the campaign's lease and paces it: calls, agents, dial ratio and pacing are known here. */
  pacedHere: boolean;
  /** The node that holds the campaign's lease and dials it (this one when pacedHere); null while no node does — a running campaign's engine starts when its first agent joins. */
  pacedBy: string | null;
  dialing: boolean;
  progress: RecordProgress;
  abandonRate: AbandonRates;
  calls: CallsByState | null;
  dialRatio: DialRatio | null;
  agentsByState: Record<string, number> | null;
  agents: AgentOnFloor[] | null;
  /** O11, agent-owned preview only: per owner, owned = done + skipped + remaining + errors. */
  owners: Array<{ userId: number; name: string } & OwnerProgress> | null;
  /** X2, predictive only: the last pacing decision. */
  pacing: PacingView | null;
}

type Rate = Pick<WindowRate, 'abandoned' | 'liveAnswers' | 'ratePercent'>;
export interface AbandonRates {
  us: Rate;
  uk: Rate;
  target: { percent: number; window: AbandonWindowName } | null;
  /** engine: counted in memory as calls end (this node paces it); database: the stored attempts, refreshed every few seconds. */
  source: 'engine' | 'database';
}

export interface DashboardView {
  asOf: string;
  node: string | null;
  campaigns: CampaignDashboard[];
}

interface CampaignRow {
  id: number;
  name: string;
  mode: DialingMode;
  status: CampaignStatus;
  target: AbandonRates['target'];
  /** The node holding an unexpired lease on the campaign, if any. */
  leaseHolder: string | null;
}

/** Campaign IDs the actor may watch (admins: every live campaign). Agents are refused. */
export async function visibleCampaignIds(db: Kysely<Database>, actor: Actor): Promise<Set<number>> {
  if (actor.role === 'agent') throw new AppError('forbidden', 'The dashboard is for supervisors and admins.', { role: actor.role });
  let q = db.selectFrom('campaigns').select('campaigns.id').where('campaigns.deleted_at', 'is', null);
  if (actor.role !== 'admin') q = q.innerJoin('campaign_grants as g', 'g.campaign_id', 'campaigns.id').where('g.user_id', '=', actor.userId);
  return new Set((await q.execute()).map((r) => r.id));
}

/** A filter the actor asked for must name only campaigns they may watch: 404 or 403 otherwise. */
export async function checkFilter(db: Kysely<Database>, actor: Actor, ids: readonly number[]): Promise<void> {
  const visible = await visibleCampaignIds(db, actor);
  for (const id of ids) {
    if (visible.has(id)) continue;
    const exists = await db.selectFrom('campaigns').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!exists) throw new AppError('not_found', `Campaign ${id} does not exist.`, { campaignId: id });
    throw new AppError('forbidden', `You hold no grant on campaign ${id}; an admin can grant it (PUT /api/campaigns/${id}/grants/{userId}).`, { campaignId: id });
  }
}

const JOURNAL_SLACK = 200;

/**
 * Builds dashboards, remembering what is slow to ask: user names, and the stored abandon rates
 * of campaigns not paced here (asked again after `storedRatesMs`).
 */
export class DashboardReader {
  private readonly names = new Map<number, string>();
  private stored = new Map<number, { us: WindowRate; uk: WindowRate }>();
  private storedAt = -Infinity;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly runtime: DialerRuntime | undefined,
    private readonly clock: { now(): Date },
    private readonly options: { storedRatesMs: number } = { storedRatesMs: 10_000 },
  ) {}

  nameOf(userId: number): string {
    return this.names.get(userId) ?? `user ${userId}`;
  }

  async read(ids: ReadonlySet<number>): Promise<DashboardView> {
    const now = this.clock.now();
    const rows = await this.campaignRows([...ids], now);
    const counts = await countCampaignRecords(this.db, rows.map((r) => r.id));
    if (counts.length > 0 && counts.reduce((n, c) => n + c.parts, 0) > 4 * counts.length + JOURNAL_SLACK) await compactRecordCounts(this.db);
    const ownerIds = new Set<number>();
    for (const c of counts) if (c.ownerId !== 0) ownerIds.add(c.ownerId);
    for (const r of rows) for (const id of this.runtime?.desk.joined(r.id) ?? []) ownerIds.add(id);
    await this.learnNames(ownerIds);
    await this.refreshStoredRates(rows.filter((r) => !this.engine(r.id)).map((r) => r.id), now);
    const campaigns = rows.map((row) => this.campaign(row, counts.filter((c) => c.campaignId === row.id), now));
    return { asOf: now.toISOString(), node: this.runtime?.nodeId ?? null, campaigns };
  }

  private engine(id: number) {
    const e = this.runtime?.engines.get(id);
    return e && e.loaded && e.halted !== 'lease_lost' ? e : undefined;
  }

  private campaign(row: CampaignRow, counts: Parameters<typeof summarizeCampaign>[0], now: Date): CampaignDashboard {
    const engine = this.engine(row.id);
    const floor = engine && this.runtime ? readFloor(engine, this.runtime.desk, this.names, now) : null;
    const rates = engine ? { us: engine.abandons.rate('us', now), uk: engine.abandons.rate('uk', now) } : this.stored.get(row.id);
    const pick = (r: WindowRate | undefined): Rate => ({ abandoned: r?.abandoned ?? 0, liveAnswers: r?.liveAnswers ?? 0, ratePercent: r?.ratePercent ?? null });
    const owners =
      row.mode === 'agent_owned_preview'
        ? [...summarizeOwners(counts)].sort((a, b) => a[0] - b[0]).map(([userId, p]) => ({ userId, name: this.nameOf(userId), ...p }))
        : null;
    return {
      id: row.id,
      name: row.name,
      mode: row.mode,
      status: row.status,
      pacedHere: engine !== undefined,
      pacedBy: engine ? (this.runtime?.nodeId ?? null) : row.leaseHolder,
      dialing: engine?.dialing ?? false,
      progress: summarizeCampaign(counts),
      abandonRate: { us: pick(rates?.us), uk: pick(rates?.uk), target: row.target, source: engine ? 'engine' : 'database' },
      calls: floor?.calls ?? null,
      dialRatio: floor?.dialRatio ?? null,
      agentsByState: floor?.agentsByState ?? null,
      agents: floor?.agents ?? null,
      owners,
      pacing: floor?.pacing ?? null,
    };
  }

  private async campaignRows(ids: number[], now: Date): Promise<CampaignRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('campaigns')
      .leftJoin('campaign_leases as l', (j) => j.onRef('l.campaign_id', '=', 'campaigns.id').on('l.expires_at', '>', now))
      .selectAll('campaigns')
      .select('l.holder as lease_holder')
      .where('campaigns.id', 'in', ids)
      .where('campaigns.deleted_at', 'is', null)
      .orderBy('campaigns.id')
      .execute();
    return rows.map((r) => {
      const d = definitionFromRow(r);
      const target = d.abandonTarget !== null && d.abandonWindow !== null ? { percent: d.abandonTarget, window: d.abandonWindow } : null;
      return { id: r.id, name: r.name, mode: r.mode, status: r.status, target, leaseHolder: r.lease_holder };
    });
  }

  private async learnNames(ids: Set<number>): Promise<void> {
    const missing = [...ids].filter((id) => !this.names.has(id));
    if (missing.length === 0) return;
    const users = await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', missing).execute();
    for (const u of users) this.names.set(u.id, u.display_name);
  }

  private async refreshStoredRates(ids: number[], now: Date): Promise<void> {
    const fresh = now.getTime() - this.storedAt < this.options.storedRatesMs;
    const missing = ids.filter((id) => !this.stored.has(id));
    if (fresh && missing.length === 0) return;
    const rates = await storedAbandonRates(this.db, fresh ? missing : ids, now);
    if (!fresh) {
      this.stored = rates;
      this.storedAt = now.getTime();
    } else for (const [id, r] of rates) this.stored.set(id, r);
  }
}
