import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { ContactList, ListImport, RowError } from './types';

/**
 * The lists pages' server state: every read has a key under 'lists'; a change (a new list, a
 * deletion, an import that finished) invalidates them all. The server decides; these fetch and send.
 */
export function useLists(search: string) {
  const q = new URLSearchParams({ limit: '500' });
  if (search.trim()) q.set('q', search.trim());
  return useQuery({ queryKey: ['lists', 'all', q.toString()], queryFn: () => api<Page<ContactList>>('GET', `/api/lists?${q}`) });
}

export function useList(id: number) {
  return useQuery({ queryKey: ['lists', 'one', id], queryFn: () => api<ContactList>('GET', `/api/lists/${id}`) });
}

/** The list's imports, newest first; polled while one is running (an upload from elsewhere, the CLI). */
export function useImports(listId: number) {
  return useQuery({
    queryKey: ['lists', 'imports', listId],
    queryFn: () => api<Page<ListImport>>('GET', `/api/lists/${listId}/imports?limit=100`),
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.status === 'running') ? 2000 : false),
  });
}

export function useImport(listId: number, importId: number) {
  return useQuery({ queryKey: ['lists', 'import', listId, importId], queryFn: () => api<ListImport>('GET', `/api/lists/${listId}/imports/${importId}`) });
}

export const ERROR_PAGE = 100;

export function useImportErrors(listId: number, importId: number, offset: number) {
  return useQuery({
    queryKey: ['lists', 'errors', listId, importId, offset],
    queryFn: () => api<Page<RowError>>('GET', `/api/lists/${listId}/imports/${importId}/errors?limit=${ERROR_PAGE}&offset=${offset}`),
  });
}

export function useRefreshLists() {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: ['lists'] }), [client]);
}

export function useCreateList() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: (body: { name: string; defaultRegion: string; defaultTimeZone: string | null }) => api<ContactList>('POST', '/api/lists', body),
    onSuccess: refresh,
  });
}

export function useDeleteList() {
  const refresh = useRefreshLists();
  return useMutation({ mutationFn: (id: number) => api<null>('DELETE', `/api/lists/${id}`), onSuccess: refresh });
}
