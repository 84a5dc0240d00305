import { reportColumnMessages } from './messages-columns';
import { reportPageMessages } from './messages-page';

/** The reports page's strings (console.reports.*), gathered from their parts. */
export const reportsMessages = {
  en: { ...reportPageMessages.en, ...reportColumnMessages.en },
  ja: { ...reportPageMessages.ja, ...reportColumnMessages.ja },
  pl: { ...reportPageMessages.pl, ...reportColumnMessages.pl },
};
