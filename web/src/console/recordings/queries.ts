import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { sendFile } from '../lists/upload';
import type { Recording } from './types';

/**
 * The recordings' server state under the key 'recordings': the list (also read by the campaign
 * forms for their message suggestions), an upload and a deletion, each refreshing the list.
 */
export const useRecordings = () => useQuery({ queryKey: ['recordings'], queryFn: () => api<Recording[]>('GET', '/api/recordings') });

export function useUploadRecording() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (o: { file: File; name: string }) => sendFile<Recording>('/api/recordings', o.name.trim() ? { name: o.name.trim() } : {}, o.file, o.file.name),
    onSuccess: () => client.invalidateQueries({ queryKey: ['recordings'] }),
  });
}

export function useDeleteRecording() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<null>('DELETE', `/api/recordings/${id}`),
    // A refusal (used by a campaign since the list was read) also refreshes: the row then says so.
    onSettled: () => client.invalidateQueries({ queryKey: ['recordings'] }),
  });
}
