import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Campaign, CampaignBoard, CampaignPatch, CampaignStatus, CampaignSummary, DialingMode, LifecycleAction, OwnerErrors, OwnerProblem, Page } from './types';

/**
 * The campaigns pages' server state (TanStack Query): every read has a key under 'campaigns' or
 * 'dashboard', and every change invalidates what it may have moved. The server decides; these
 * only fetch and send.
 */
export interface ListFilter {
  search: string;
  status: CampaignStatus | '';
  mode: DialingMode | '';
}

/** Every campaign the user may see (staff: all, with canEdit), filtered on the server. */
export function useCampaignList(filter: ListFilter) {
  const q = new URLSearchParams({ limit: '500' });
  if (filter.search.trim()) q.set('search', filter.search.trim());
  if (filter.status) q.set('status', filter.status);
  if (filter.mode) q.set('mode', filter.mode);
  return useQuery({ queryKey: ['campaigns', 'list', q.toString()], queryFn: () => api<Page<CampaignSummary>>('GET', `/api/campaigns?${q}`) });
}

export function useCampaign(id: number) {
  return useQuery({ queryKey: ['campaigns', 'one', id], queryFn: () => api<Campaign>('GET', `/api/campaigns/${id}`) });
}

/** The dashboard's view of campaigns (progress, per-owner counts): only those the user may watch (a supervisor: granted ones). */
export function useBoard(campaignId?: number, refetchInterval: number | false = 10_000) {
  const url = campaignId === undefined ? '/api/dashboard' : `/api/dashboard?campaignIds=${campaignId}`;
  return useQuery({
    queryKey: ['dashboard', 'campaigns', campaignId ?? 'all'],
    queryFn: async () => (await api<{ campaigns: CampaignBoard[] }>('GET', url)).campaigns,
    refetchInterval,
    retry: false,
  });
}

export function useOwnerErrors(id: number, problem: OwnerProblem | '', offset: number, limit: number) {
  const q = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (problem) q.set('problem', problem);
  return useQuery({
    queryKey: ['campaigns', 'owner-errors', id, q.toString()],
    queryFn: () => api<OwnerErrors>('GET', `/api/campaigns/${id}/owner-errors?${q}`),
    refetchInterval: 15_000,
  });
}

function useRefresh(id: number) {
  const client = useQueryClient();
  return (fresh: Campaign) => {
    client.setQueryData(['campaigns', 'one', id], fresh);
    void client.invalidateQueries({ queryKey: ['campaigns'] });
    void client.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

/** PATCH /api/campaigns/{id}: the fields sent replace the stored ones. */
export function useUpdateCampaign(id: number) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (patch: CampaignPatch) => api<Campaign>('PATCH', `/api/campaigns/${id}`, patch), onSuccess: refresh });
}

/** POST /api/campaigns/{id}/{start|pause|stop|recycle}. */
export function useLifecycle(id: number) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (action: LifecycleAction) => api<Campaign>('POST', `/api/campaigns/${id}/${action}`), onSuccess: refresh });
}

/** Which of a campaign's attachments: its contact lists (L2) or its do-not-call lists (L4). */
export type ListKind = 'lists' | 'dnc-lists';

/** PUT or DELETE /api/campaigns/{id}/{lists|dnc-lists}/{listId}; the lists' pages show which campaigns use them, so they refresh too. */
export function useListAttachment(id: number) {
  const refresh = useRefresh(id);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: ListKind; listId: number; attach: boolean }) => api<Campaign>(v.attach ? 'PUT' : 'DELETE', `/api/campaigns/${id}/${v.kind}/${v.listId}`),
    onSuccess: (fresh) => {
      refresh(fresh);
      void client.invalidateQueries({ queryKey: ['lists'] });
    },
  });
}
