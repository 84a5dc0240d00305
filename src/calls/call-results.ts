/**
 * The system results an attempt can end with (SPEC §1 "Attempt"). `connected` means an agent
 * talked to the contact; every other value says why not.
 */
export const callResults = ['busy', 'no_answer', 'fax', 'machine', 'bad_number', 'abandoned', 'connected', 'failed'] as const;
export type CallResult = (typeof callResults)[number];

/** What answering-machine detection (D5) decided about an answered call. */
export const amdDecisions = ['human', 'machine', 'fax', 'unknown'] as const;
export type AmdDecision = (typeof amdDecisions)[number];
