import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { CampaignSummary } from '../campaigns/types';
import type { AdminUser, DncList, DncNumber, Grant, Queue, QueueMember } from './types';

/**
 * The administration page's server state. Every read has a key under 'admin'; a change
 * invalidates them all (and the campaigns', whose views name queues and DNC lists). The server
 * decides who may do what; these only fetch and send.
 */
export function useAdminChange<V, R = unknown>(send: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin'] });
      void client.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });
}

export const useUsers = () => useQuery({ queryKey: ['admin', 'users'], queryFn: () => api<Page<AdminUser>>('GET', '/api/users?limit=500') });

export const useQueues = () => useQuery({ queryKey: ['admin', 'queues'], queryFn: () => api<Queue[]>('GET', '/api/queues') });

export const useMembers = (queueId: number) =>
  useQuery({ queryKey: ['admin', 'members', queueId], queryFn: () => api<QueueMember[]>('GET', `/api/queues/${queueId}/members`) });

export const useCampaigns = () =>
  useQuery({ queryKey: ['admin', 'campaigns'], queryFn: () => api<Page<CampaignSummary>>('GET', '/api/campaigns?limit=500') });

export const useGrants = (campaignId: number) =>
  useQuery({ queryKey: ['admin', 'grants', campaignId], queryFn: () => api<Grant[]>('GET', `/api/campaigns/${campaignId}/grants`) });

export const useDncLists = () => useQuery({ queryKey: ['admin', 'dnc', 'lists'], queryFn: () => api<DncList[]>('GET', '/api/dnc/lists') });

export const DNC_PAGE = 50;

export function useDncNumbers(listId: number, search: string, offset: number) {
  const q = new URLSearchParams({ limit: String(DNC_PAGE), offset: String(offset) });
  if (search.trim()) q.set('q', search.trim());
  return useQuery({
    queryKey: ['admin', 'dnc', 'numbers', listId, q.toString()],
    queryFn: () => api<Page<DncNumber>>('GET', `/api/dnc/lists/${listId}/numbers?${q}`),
    placeholderData: (previous) => previous,
  });
}
