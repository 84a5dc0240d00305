import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { TEMPLATE_PATHS, type TemplateKind, type TemplateOf } from './types';

/** Every template of a kind, by name; kept under 'admin' so an administration change refreshes it. */
export const useTemplates = <K extends TemplateKind>(kind: K) =>
  useQuery({ queryKey: ['admin', 'templates', kind], queryFn: () => api<TemplateOf<K>[]>('GET', TEMPLATE_PATHS[kind]) });
