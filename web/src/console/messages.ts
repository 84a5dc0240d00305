import { callbacksMessages } from './callbacks/messages';
import { campaignListsEditMessages } from './campaigns/messages-lists-edit';
import { hoursMessages } from './campaigns/messages-hours';
import { campaignsMessages } from './campaigns/messages';
import { wizardMessages } from './campaigns/wizard/messages';
import { wizardUploadMessages } from './campaigns/wizard/messages-upload';
import { dashboardMessages } from './dashboard/messages';
import { listsMessages } from './lists/messages';
import { recordingsMessages } from './recordings/messages';
import { reportsMessages } from './reports/messages';
import { adminMessages } from './admin/messages';
import { shellMessages } from './shell-messages';
import { templatesMessages } from './templates/messages';

type Catalogue = { en: object; ja: object; pl: object };
type Both<U> = (U extends unknown ? (u: U) => void : never) extends (u: infer I) => void ? I : never;

/** The parts put together, one language at a time (a part per line, so adding one touches one line). */
function gather<P extends readonly Catalogue[]>(...parts: P): { en: Both<P[number]['en']>; ja: Both<P[number]['ja']>; pl: Both<P[number]['pl']> } {
  const merge = (lang: keyof Catalogue) => Object.assign({}, ...parts.map((p) => p[lang]));
  return { en: merge('en'), ja: merge('ja'), pl: merge('pl') };
}

/** The console's catalogue, gathered from its pages; web/src/i18n/{en,ja,pl}.ts add it to the desktop's. */
export const consoleMessages = gather(
  shellMessages,
  dashboardMessages,
  campaignsMessages,
  campaignListsEditMessages,
  hoursMessages,
  wizardMessages,
  wizardUploadMessages,
  listsMessages,
  recordingsMessages,
  callbacksMessages,
  reportsMessages,
  adminMessages,
  templatesMessages,
);
