import { campaignListMessages } from './messages-list';
import { campaignOwnersMessages } from './messages-owners';
import { campaignSettingsMessages } from './messages-settings';

/** The campaigns pages' strings (console.campaigns.*), gathered from their parts. */
export const campaignsMessages = {
  en: { ...campaignListMessages.en, ...campaignSettingsMessages.en, ...campaignOwnersMessages.en },
  ja: { ...campaignListMessages.ja, ...campaignSettingsMessages.ja, ...campaignOwnersMessages.ja },
  pl: { ...campaignListMessages.pl, ...campaignSettingsMessages.pl, ...campaignOwnersMessages.pl },
};
