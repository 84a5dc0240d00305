import { ABANDONING_MODES, UK_ABANDONED_REDIAL_MINUTES, type CampaignDefinition, type DefinitionInput } from './campaign-definition.js';
import { checkCallGuide } from './call-guide.js';
import { checkContactableTimes } from './contactable-times.js';
import type { Issue } from './issues.js';
import { checkWrapUpCodes, checkWrapUpInput } from './wrap-up-codes.js';

/**
 * The rules that join several fields of a campaign (the shapes are the zod schema's job).
 * Pure: create and update both run the normalized definition through here, and refuse it
 * with every problem listed when anything is wrong.
 */
export function checkDefinition(input: DefinitionInput, d: CampaignDefinition): Issue[] {
  const issues: Issue[] = [];
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

  // O1: an agent-owned campaign names the owner column; no other campaign has one.
  if (d.mode === 'agent_owned_preview' && d.ownerColumn === null) {
    issues.push({ path: 'ownerColumn', problem: 'An agent_owned_preview campaign needs ownerColumn: the list column holding each record\'s owner (agent email or user ID).' });
  }
  if (d.mode !== 'agent_owned_preview' && d.ownerColumn !== null) {
    issues.push({ path: 'ownerColumn', problem: `ownerColumn applies only to agent_owned_preview campaigns; this one is ${d.mode}. Remove it, or create an agent_owned_preview campaign.` });
  }

  // L3, O6: sort by any columns, each once, never by the owner column.
  const sortSeen = new Set<string>();
  d.sortOrder.forEach((key, i) => {
    if (d.ownerColumn !== null && same(key.column, d.ownerColumn)) {
      issues.push({ path: `sortOrder.${i}.column`, problem: `Records cannot be sorted by the owner column "${d.ownerColumn}": each agent receives only their own records anyway (O6). Sort by another column.` });
    }
    if (sortSeen.has(key.column.toLowerCase())) issues.push({ path: `sortOrder.${i}.column`, problem: `The column "${key.column}" appears twice in the sort order; keep one.` });
    sortSeen.add(key.column.toLowerCase());
  });
  const popSeen = new Set<string>();
  d.screenPopFields.forEach((f, i) => {
    if (popSeen.has(f.toLowerCase())) issues.push({ path: `screenPopFields.${i}`, problem: `The column "${f}" is listed twice in the screen pop; keep one.` });
    popSeen.add(f.toLowerCase());
  });

  // D8: wrap-up codes.
  issues.push(...checkWrapUpInput(input.wrapUpCodes ?? []));
  issues.push(...checkWrapUpCodes(d.wrapUpCodes, d.previewCompleteCode));

  // D9: the call guide's graph.
  if (d.callGuide) issues.push(...checkCallGuide(d.callGuide));

  // L5: contactable times.
  issues.push(...checkContactableTimes(d.contactableTimes, d.regulatoryProfile));

  // D3: the abandon cap and the window it is measured over follow the law of the profile.
  if (d.mode === 'predictive' && d.regulatoryProfile !== 'none' && d.abandonTarget !== null && d.abandonTarget > 3) {
    issues.push({ path: 'abandonTarget', problem: `Under the ${d.regulatoryProfile.toUpperCase()} regulatory profile the abandon rate may not exceed 3%; set abandonTarget to 3 or less.` });
  }
  if (d.mode === 'predictive' && d.regulatoryProfile === 'uk' && d.abandonWindow === 'us') {
    issues.push({ path: 'abandonWindow', problem: 'Under the UK profile the abandon rate is measured over a rolling 24 hours; set abandonWindow to "uk".' });
  }

  // L6 + Ofcom: an abandoned number is not redialled within 72 hours when the dialer may abandon again.
  const abandoned = d.retryRules.results.abandoned;
  if (d.regulatoryProfile === 'uk' && ABANDONING_MODES.includes(d.mode) && abandoned.action === 'retry' && abandoned.delayMinutes < UK_ABANDONED_REDIAL_MINUTES) {
    issues.push({ path: 'retryRules.results.abandoned.delayMinutes', problem: `Under the UK profile an abandoned call may be retried only after 72 hours (${UK_ABANDONED_REDIAL_MINUTES} minutes) in ${d.mode} mode; raise delayMinutes or make it final.` });
  }

  // D5: leaving a message needs the message.
  if (d.amd?.onMachine === 'leave_message' && !d.amd.message) {
    issues.push({ path: 'amd.message', problem: 'amd.onMachine is leave_message; give amd.message (the text or prompt to play to the machine).' });
  }

  // P4: a skip limit without skipping makes no sense.
  if (d.preview && !d.preview.skipAllowed && d.preview.maxSkipsPerRecord !== null) {
    issues.push({ path: 'preview.maxSkipsPerRecord', problem: 'Skipping is not allowed (preview.skipAllowed is false), so maxSkipsPerRecord has no effect; remove it or allow skipping.' });
  }
  return issues;
}
