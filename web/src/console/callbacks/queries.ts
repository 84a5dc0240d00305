import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Callback, CallbackChanges, CampaignChoice, Member } from './types';

/**
 * The callbacks page's server state. Every read has a key under 'callbacks'; an edit or a
 * reassignment invalidates them. The server decides who sees and changes what; these fetch and send.
 */
export function useCallbackSearch(query: string) {
  return useQuery({
    queryKey: ['callbacks', 'search', query],
    queryFn: () => api<Page<Callback>>('GET', `/api/callbacks${query ? `?${query}` : ''}`),
    placeholderData: keepPreviousData,
    // The alerts move with the clock: read again every minute.
    refetchInterval: 60_000,
  });
}

/** Campaigns the user may search (a supervisor: those granted, A1), for the campaign and dial-group choices. */
export function useCampaignChoices() {
  return useQuery({
    queryKey: ['callbacks', 'campaigns'],
    queryFn: async () => (await api<Page<CampaignChoice>>('GET', '/api/campaigns?limit=500')).items.filter((c) => c.canEdit !== false),
    staleTime: 60_000,
  });
}

export function useListChoices() {
  return useQuery({
    queryKey: ['callbacks', 'lists'],
    queryFn: async () => (await api<Page<{ id: number; name: string }>>('GET', '/api/lists?limit=500')).items,
    staleTime: 60_000,
  });
}

export function useAgentChoices() {
  return useQuery({
    queryKey: ['callbacks', 'agents'],
    queryFn: async () => (await api<Page<{ id: number; displayName: string; userCode: string; disabled: boolean }>>('GET', '/api/users?role=agent&limit=500')).items,
    staleTime: 60_000,
  });
}

/** The members of these queues (the agents a callback of their campaigns may go to, C4, C8), each once, by name. */
export function useQueueMembers(queueIds: number[]) {
  const ids = [...new Set(queueIds)].sort((a, b) => a - b);
  return useQuery({
    queryKey: ['callbacks', 'members', ids],
    queryFn: async () => {
      const lists = await Promise.all(ids.map((id) => api<Member[]>('GET', `/api/queues/${id}/members`)));
      const byId = new Map<number, Member & { queues: number }>();
      for (const m of lists.flat()) byId.set(m.userId, { ...m, queues: (byId.get(m.userId)?.queues ?? 0) + 1 });
      return { members: [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)), queueCount: ids.length };
    },
    enabled: ids.length > 0,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['callbacks', 'search'] });
}

export function useEditCallback() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: { id: number; changes: CallbackChanges }) => api<Callback>('PATCH', `/api/callbacks/${v.id}`, v.changes),
    onSuccess: refresh,
  });
}

export function useReassign() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { callbackIds: number[]; assigneeId: number | null }) => api<{ reassigned: number }>('POST', '/api/callbacks/reassign', body),
    onSuccess: refresh,
  });
}
