import { defineMessages } from '../define-messages';

/** The lists page's strings. */
export const listsMessages = defineMessages(
  {
    'console.lists.title': 'Contact lists',
  },
  {
    ja: {
      'console.lists.title': '発信リスト',
    },
    pl: {
      'console.lists.title': 'Listy kontaktów',
    },
  },
);
