import { defineMessages } from '../define-messages';

/** The callbacks page's strings. */
export const callbacksMessages = defineMessages(
  {
    'console.callbacks.title': 'Callback management',
  },
  {
    ja: {
      'console.callbacks.title': '再発信管理',
    },
    pl: {
      'console.callbacks.title': 'Zarządzanie oddzwonieniami',
    },
  },
);
