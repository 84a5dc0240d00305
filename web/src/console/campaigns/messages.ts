import { defineMessages } from '../define-messages';

/** The campaigns page's strings. */
export const campaignsMessages = defineMessages(
  {
    'console.campaigns.title': 'Campaigns',
  },
  {
    ja: {
      'console.campaigns.title': 'キャンペーン',
    },
    pl: {
      'console.campaigns.title': 'Kampanie',
    },
  },
);
