import { callbacksMessages } from './callbacks/messages';
import { campaignsMessages } from './campaigns/messages';
import { wizardMessages } from './campaigns/wizard/messages';
import { wizardUploadMessages } from './campaigns/wizard/messages-upload';
import { dashboardMessages } from './dashboard/messages';
import { listsMessages } from './lists/messages';
import { reportsMessages } from './reports/messages';
import { adminMessages } from './admin/messages';
import { shellMessages } from './shell-messages';
import { templatesMessages } from './templates/messages';

/** The console's catalogue, gathered from its pages; web/src/i18n/{en,ja,pl}.ts add it to the desktop's. */
export const consoleMessages = {
  en: { ...shellMessages.en, ...dashboardMessages.en, ...campaignsMessages.en, ...wizardMessages.en, ...wizardUploadMessages.en, ...listsMessages.en, ...callbacksMessages.en, ...reportsMessages.en, ...adminMessages.en, ...templatesMessages.en },
  ja: { ...shellMessages.ja, ...dashboardMessages.ja, ...campaignsMessages.ja, ...wizardMessages.ja, ...wizardUploadMessages.ja, ...listsMessages.ja, ...callbacksMessages.ja, ...reportsMessages.ja, ...adminMessages.ja, ...templatesMessages.ja },
  pl: { ...shellMessages.pl, ...dashboardMessages.pl, ...campaignsMessages.pl, ...wizardMessages.pl, ...wizardUploadMessages.pl, ...listsMessages.pl, ...callbacksMessages.pl, ...reportsMessages.pl, ...adminMessages.pl, ...templatesMessages.pl },
};
