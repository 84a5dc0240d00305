import type { Campaign } from '../campaigns/types';
import type { WrapUpCode } from '../campaigns/wizard/draft';

/**
 * Named settings campaigns start from (issue 6 point 7), as the server sends them
 * (/api/wrap-up-code-sets, /api/contactable-time-templates): admins keep them, supervisors read
 * them, and a campaign takes a copy of one.
 */
interface TemplateMeta {
  id: number;
  name: string;
  updatedAt: string;
  updatedBy: string | null;
}

export type WrapUpCodeSet = TemplateMeta & { codes: WrapUpCode[] };
export type ContactableTimeTemplate = TemplateMeta & { contactableTimes: Campaign['contactableTimes'] };

/** Each kind's API path, which is also its query key. */
export const TEMPLATE_PATHS = {
  codeSets: '/api/wrap-up-code-sets',
  hours: '/api/contactable-time-templates',
} as const;
export type TemplateKind = keyof typeof TEMPLATE_PATHS;
export type TemplateOf<K extends TemplateKind> = K extends 'codeSets' ? WrapUpCodeSet : ContactableTimeTemplate;
