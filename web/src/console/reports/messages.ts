import { defineMessages } from '../define-messages';

/** The reports page's strings. */
export const reportsMessages = defineMessages(
  {
    'console.reports.title': 'Reports',
  },
  {
    ja: {
      'console.reports.title': 'レポート',
    },
    pl: {
      'console.reports.title': 'Raporty',
    },
  },
);
