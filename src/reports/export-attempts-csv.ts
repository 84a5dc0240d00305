import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import { csvLine, encodeCsv, type CsvEncoding } from '../shared/csv.js';
import type { Database } from '../storage/schema.js';
import { pagedLines, seconds, timeIn } from './csv-cells.js';
import type { AttemptFilters, AttemptView } from './report-schemas.js';
import { attemptPage, filterAttempts } from './search-attempts.js';

/**
 * R2: the attempt history search as CSV — the same filters and order, every matching row,
 * streamed 2,000 at a time (no cap: the period is at most 366 days). Times in the search's zone,
 * named in the header; durations in seconds.
 */
export async function* attemptsCsv(db: Kysely<Database>, clock: Clock, actor: Actor, q: AttemptFilters & { encoding: CsvEncoding }) {
  const { filtered, scope } = await filterAttempts(db, clock, actor, q);
  const when = timeIn(scope.timeZone);
  const zone = ` (${scope.timeZone})`;
  const header = csvLine([
    'attempt ID', 'campaign ID', 'campaign', 'batch', 'record ID', 'name', 'phonetic name', 'list', 'phone', 'agent ID', 'agent', 'origin', 'callback ID',
    `queued at${zone}`, `dialed at${zone}`, `answered at${zone}`, `connected at${zone}`, `ended at${zone}`, `wrapped up at${zone}`,
    'result', 'AMD', 'ended by', 'ring (s)', 'wait (s)', 'talk (s)', 'hold (s)', 'wrap (s)', 'code', 'code label', 'outcome', 'notes',
    `greeting ended at${zone}`, 'greeting to agent (s)',
  ]);
  const row = (a: AttemptView) =>
    csvLine([
      a.id, a.campaignId, a.campaignName, a.batch, a.recordId, a.name, a.phoneticName, a.listName, a.phone, a.agentId, a.agentName, a.origin, a.callbackId,
      when(a.queuedAt), when(a.dialedAt), when(a.answeredAt), when(a.connectedAt), when(a.endedAt), when(a.wrappedUpAt),
      a.result, a.amdDecision, a.endedBy, seconds(a.ringMs), seconds(a.waitMs), seconds(a.talkMs), seconds(a.holdMs), seconds(a.wrapMs), a.code, a.codeLabel, a.outcome, a.notes,
      when(a.greetingEndedAt), seconds(a.greetingToAgentMs),
    ]);
  yield* encodeCsv(pagedLines(header, (limit, offset) => attemptPage(db, filtered, q, limit, offset), row), q.encoding);
}
