import type { CampaignStatus, DialingMode, OwnerProgress } from '../campaigns/types';

/** What GET /api/dashboard and the live channel send (src/dashboard/dashboard-schemas.ts; docs/DASHBOARD.md). */
export interface Rate {
  abandoned: number;
  liveAnswers: number;
  ratePercent: number | null;
}

export interface AgentOnFloor {
  userId: number;
  name: string;
  /** ready, not_ready, reserved.offered, reserved.previewing, on_call.dialing|ringing|amd|active|held, wrap_up (logged_out in an agent message once she left) */
  state: string;
  reason: string | null;
  since: string;
  secondsInState: number;
}

export interface Progress {
  total: number;
  done: number;
  remaining: number;
  setAside: number;
  inProgress: number;
  callbacksPending: number;
  penetrationPercent: number | null;
}

export interface CallsByState {
  dialing: number;
  ringing: number;
  amd: number;
  waiting: number;
  active: number;
  held: number;
  total: number;
}

export interface DialRatio {
  callsInFlight: number;
  agentsReady: number;
  agentsJoined: number;
  callsPerReadyAgent: number | null;
  callsPerAgent: number | null;
}

export interface Pacing {
  at: string;
  policy: string;
  callsToPlace: number;
  placed: number;
  predictedFreeAgents: number;
  agentsReady: number;
  agentsFreeingSoon: number;
  callsInFlight: number;
  callsWaiting: number;
  answerRate: number;
  sampleSize: number;
  abandonRatePercent: number | null;
  abandonTargetPercent: number;
  abandonBudgetLeftPercent: number;
  window: 'us' | 'uk';
  why: string;
}

export interface CampaignDashboard {
  id: number;
  name: string;
  mode: DialingMode;
  status: CampaignStatus;
  /** This node paces the campaign: calls, dial ratio, agents and pacing are known (else null). */
  pacedHere: boolean;
  /** The node that holds the lease and dials the campaign; null while none does (the engine starts when the first agent joins). */
  pacedBy: string | null;
  dialing: boolean;
  progress: Progress;
  abandonRate: { us: Rate; uk: Rate; target: { percent: number; window: 'us' | 'uk' } | null; source: 'engine' | 'database' };
  calls: CallsByState | null;
  dialRatio: DialRatio | null;
  agentsByState: Record<string, number> | null;
  agents: AgentOnFloor[] | null;
  owners: OwnerProgress[] | null;
  pacing: Pacing | null;
}

export type DashboardMessage =
  | { type: 'snapshot'; asOf: string; node: string | null; campaigns: CampaignDashboard[] }
  | { type: 'tick'; asOf: string; changed: Array<Partial<CampaignDashboard> & { id: number }>; removed: number[] }
  | { type: 'agent'; at: string; campaignIds: number[]; agent: AgentOnFloor };
