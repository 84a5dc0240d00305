import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** One report: GET /api/reports/{path}?{params}; the previous answer stays while the next loads. */
export function useReport<T>(path: string, params: URLSearchParams, enabled = true) {
  const query = params.toString();
  return useQuery({
    queryKey: ['reports', path, query],
    queryFn: () => api<T>('GET', `/api/reports/${path}?${query}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}
