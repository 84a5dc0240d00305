import { defineMessages } from '../define-messages';

/** The dashboard page's strings. */
export const dashboardMessages = defineMessages(
  {
    'console.dashboard.title': 'Live dashboard',
  },
  {
    ja: {
      'console.dashboard.title': 'リアルタイム状況',
    },
    pl: {
      'console.dashboard.title': 'Pulpit na żywo',
    },
  },
);
