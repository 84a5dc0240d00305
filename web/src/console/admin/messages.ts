import { adminDncMessages } from './messages-dnc';
import { adminQueuesMessages } from './messages-queues';
import { adminUsersMessages } from './messages-users';

/** The administration page's strings (console.admin.*), gathered from its parts. */
export const adminMessages = {
  en: { ...adminUsersMessages.en, ...adminQueuesMessages.en, ...adminDncMessages.en },
  ja: { ...adminUsersMessages.ja, ...adminQueuesMessages.ja, ...adminDncMessages.ja },
  pl: { ...adminUsersMessages.pl, ...adminQueuesMessages.pl, ...adminDncMessages.pl },
};
