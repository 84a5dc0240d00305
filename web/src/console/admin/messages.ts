import { defineMessages } from '../define-messages';

/** The admin page's strings. */
export const adminMessages = defineMessages(
  {
    'console.admin.title': 'Administration',
  },
  {
    ja: {
      'console.admin.title': '管理',
    },
    pl: {
      'console.admin.title': 'Administracja',
    },
  },
);
