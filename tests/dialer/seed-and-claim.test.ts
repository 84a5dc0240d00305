import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaignDefinition } from '../../src/campaigns/load-campaign-definition.js';
import { claimDueRecords, claimFreshRecords } from '../../src/dialer/claim-records.js';
import { campaignZones, ensureBatch, seedCampaignRecords } from '../../src/dialer/seed-campaign-records.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/**
 * Issue 4 points 1 and 4 on both engines: seeding a campaign's records (sort key, contact zone,
 * owner) and the buffer's refill queries (claim in order, from open zones, due retries).
 */
describe.each(await availableEngines())('dialer storage: seeding and claiming (%s)', (engine) => {
  let h: Harness;
  let n = 0;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h?.close());

  async function seeded(input: Parameters<Harness['makeCampaign']>[0], listIds: number[]) {
    const id = await h.makeCampaign({ ...input, listIds });
    const { definition } = await loadCampaignDefinition(h.storage.db, id);
    await ensureBatch(h.storage.db, id, 1, h.time.now());
    const written = await seedCampaignRecords(h.storage.db, { campaignId: id, batch: 1, definition, listIds }, h.time.now());
    return { id, definition, written };
  }
  const claim = (campaignId: number, zones: string[], limit = 100, ownerId = 0) =>
    claimFreshRecords(h.storage.db, { campaignId, ownerId, nodeId: 'node-a', now: h.time.now(), limit, zones });
  const statusOf = async (campaignId: number) =>
    h.storage.db.selectFrom('campaign_records').select(['record_id', 'status', 'reason', 'owner_id']).where('campaign_id', '=', campaignId).orderBy('record_id').execute();

  it('L3 numbers sort numerically (negatives, decimals, thousands separators), missing and unparsable values last, descending', async () => {
    const balances = ['10', '9', '-3', '1,200.5', '', 'n/a', '0.5', '1e2', '-0.25'];
    const { recordIds, listId } = await h.makeList('balances', balances.map((b) => ({ phones: [usNumber(++n)], custom: (b === '' ? {} : { Balance: b }) as Record<string, string> })));
    const { id } = await seeded({ mode: 'progressive', queueId: await h.makeQueue('q'), sortOrder: [{ column: 'balance', direction: 'desc', compareAs: 'number' }] }, [listId]);
    const zones = await campaignZones(h.storage.db, id);
    expect(zones).toEqual(['America/New_York|US']);
    const order = (await claim(id, zones)).map((r) => balances[recordIds.indexOf(r.recordId)]);
    expect(order.slice(0, 7)).toEqual(['1,200.5', '1e2', '10', '9', '0.5', '-0.25', '-3']);
    expect(order.slice(7).sort()).toEqual(['', 'n/a']);
  });

  it('L3 several keys: text ascending (case ignored) then date descending; ties keep the list order', async () => {
    const rows = [
      { team: 'beta', since: '2024-03-07' },
      { team: 'Alpha', since: '2023-1-2' },
      { team: 'alpha', since: '2024/12/31 10:00' },
      { team: 'beta', since: 'unknown' },
      { team: 'alpha', since: '2023-01-02' },
    ];
    const { recordIds, listId } = await h.makeList('teams', rows.map((r) => ({ phones: [usNumber(++n)], custom: { Team: r.team, Since: r.since } })));
    const { id } = await seeded({ mode: 'progressive', queueId: await h.makeQueue('q'), sortOrder: [{ column: 'Team', direction: 'asc', compareAs: 'text' }, { column: 'Since', direction: 'desc', compareAs: 'date' }] }, [listId]);
    const order = (await claim(id, await campaignZones(h.storage.db, id))).map((r) => recordIds.indexOf(r.recordId));
    expect(order).toEqual([2, 1, 4, 0, 3]);
  });

  it('L3 text descending puts "abc" before "ab"; mapped columns (name) sort too', async () => {
    const { recordIds, listId } = await h.makeList('names', ['ab', 'abc', 'b', 'a'].map((name) => ({ name, phones: [usNumber(++n)] })));
    const { id } = await seeded({ mode: 'progressive', queueId: await h.makeQueue('q'), sortOrder: [{ column: 'name', direction: 'desc', compareAs: 'text' }] }, [listId]);
    const order = (await claim(id, await campaignZones(h.storage.db, id))).map((r) => recordIds.indexOf(r.recordId));
    expect(order).toEqual([2, 1, 0, 3]);
  });

  it('point 4: a claim takes records once, only from the zones asked, and due retries come from their own index', async () => {
    const specs = [
      { phones: [usNumber(++n)], timeZone: 'Asia/Tokyo', region: 'JP' },
      { phones: [usNumber(++n)] },
      { phones: [usNumber(++n)] },
      { phones: [usNumber(++n)], timeZone: null, region: null },
    ];
    const { recordIds, listId } = await h.makeList('zones', specs);
    const { id } = await seeded({ mode: 'progressive', queueId: await h.makeQueue('q') }, [listId]);
    expect(await campaignZones(h.storage.db, id)).toEqual(['America/New_York|US', 'Asia/Tokyo|JP', '|']);
    const first = await claim(id, ['America/New_York|US'], 1);
    expect(first.map((r) => r.recordId)).toEqual([recordIds[1]]);
    const second = await claim(id, ['America/New_York|US', '|']);
    expect(second.map((r) => r.recordId)).toEqual([recordIds[2], recordIds[3]]);
    expect(await claim(id, ['America/New_York|US'])).toEqual([]);
    // A scheduled record is not fresh; it is claimed when due, by the due index.
    const soon = new Date(h.time.nowMs() + 60_000);
    await h.storage.db.updateTable('campaign_records').set({ status: 'pending', next_attempt_at: soon }).where('campaign_id', '=', id).where('record_id', '=', recordIds[1]!).execute();
    expect(await claimDueRecords(h.storage.db, { campaignId: id, ownerId: 0, nodeId: 'node-a', now: h.time.now(), limit: 10 })).toEqual([]);
    const due = await claimDueRecords(h.storage.db, { campaignId: id, ownerId: 0, nodeId: 'node-a', now: soon, limit: 10 });
    expect(due.map((r) => r.recordId)).toEqual([recordIds[1]]);
    expect(due[0]!.phones[0]!.number).toBe(specs[1]!.phones[0]);
  });

  it('O1, O3, O5: owners resolve by email or user ID; unknown, disabled and out-of-queue owners are set aside with the reason', async () => {
    const queueId = await h.makeQueue('owned');
    const suzuki = await h.makeAgent(queueId, 'suzuki@example.jp');
    const disabled = await h.makeAgent(queueId, 'gone@example.jp', { disabled: true });
    const outsider = await h.makeAgent(null, 'ito@example.jp');
    const codeRow = await h.storage.db.selectFrom('users').select('user_code').where('id', '=', suzuki.userId).executeTakeFirstOrThrow();
    const owners = [suzuki.email.toUpperCase(), codeRow.user_code, 'nobody@example.jp', disabled.email, outsider.email, ''];
    const { recordIds, listId } = await h.makeList('owned', owners.map((owner) => ({ phones: [usNumber(++n)], owner })));
    const { id } = await seeded({ mode: 'agent_owned_preview', queueId, ownerColumn: 'owner' }, [listId]);
    const rows = await statusOf(id);
    expect(rows.map((r) => [recordIds.indexOf(Number(r.record_id)), r.status, r.reason, r.owner_id])).toEqual([
      [0, 'pending', null, suzuki.userId],
      [1, 'pending', null, suzuki.userId],
      [2, 'set_aside', 'unknown_owner', 0],
      [3, 'set_aside', 'owner_disabled', disabled.userId],
      [4, 'set_aside', 'not_in_queue', outsider.userId],
      [5, 'pending', null, 0],
    ]);
    const zones = await campaignZones(h.storage.db, id);
    expect((await claim(id, zones, 10, suzuki.userId)).map((r) => r.recordId)).toEqual([recordIds[0], recordIds[1]]);
    expect((await claim(id, zones, 10, 0)).map((r) => r.recordId)).toEqual([recordIds[5]]);
  });

  it('O10, L2: an appended file that fixes an unknown owner revives the record in place; new records join the batch', async () => {
    const queueId = await h.makeQueue('fix');
    const tanaka = await h.makeAgent(queueId, 'tanaka@example.jp');
    const phone = usNumber(++n);
    const { recordIds, listId } = await h.makeList('fix', [{ phones: [phone], owner: 'typo@example.jp' }]);
    const { id, definition } = await seeded({ mode: 'agent_owned_preview', queueId, ownerColumn: 'owner' }, [listId]);
    expect((await statusOf(id))[0]).toMatchObject({ status: 'set_aside', reason: 'unknown_owner' });
    // The lists package replaces a record in place (same ID) and moves it to the new import.
    const append = await h.appendRecords(listId, [{ phones: [usNumber(++n)], owner: tanaka.email }]);
    await h.storage.db.updateTable('contact_records').set({ owner_ref: tanaka.email, import_id: append.importId }).where('id', '=', recordIds[0]!).execute();
    const written = await seedCampaignRecords(h.storage.db, { campaignId: id, batch: 1, definition, listIds: [listId] }, h.time.now());
    expect(written).toBe(2);
    const rows = await statusOf(id);
    expect(rows.map((r) => [Number(r.record_id), r.status, r.owner_id])).toEqual([
      [recordIds[0], 'pending', tanaka.userId],
      [append.recordIds[0], 'pending', tanaka.userId],
    ]);
    // Seeding again finds nothing new.
    expect(await seedCampaignRecords(h.storage.db, { campaignId: id, batch: 1, definition, listIds: [listId] }, h.time.now())).toBe(0);
  });

  it('O9: a corrected file that moves an owned record to another owner takes effect at the next recycle, not before', async () => {
    const queueId = await h.makeQueue('handover');
    const suzuki = await h.makeAgent(queueId, 'suzuki.o9@example.jp');
    const tanaka = await h.makeAgent(queueId, 'tanaka.o9@example.jp');
    const { recordIds, listId } = await h.makeList('handover', [{ phones: [usNumber(++n)], owner: suzuki.email }]);
    const { id, definition } = await seeded({ mode: 'agent_owned_preview', queueId, ownerColumn: 'owner' }, [listId]);
    // The append replaces the record in place (same ID) with Tanaka as its owner.
    const append = await h.appendRecords(listId, [{ phones: [usNumber(++n)], owner: tanaka.email }]);
    await h.storage.db.updateTable('contact_records').set({ owner_ref: tanaka.email, import_id: append.importId }).where('id', '=', recordIds[0]!).execute();
    await seedCampaignRecords(h.storage.db, { campaignId: id, batch: 1, definition, listIds: [listId] }, h.time.now());
    const zones = await campaignZones(h.storage.db, id);
    // Still Suzuki's while the batch runs; Tanaka gets only the new record.
    expect((await claim(id, zones, 10, tanaka.userId)).map((r) => r.recordId)).toEqual([append.recordIds[0]]);
    expect((await statusOf(id)).find((r) => Number(r.record_id) === recordIds[0])).toMatchObject({ status: 'pending', owner_id: suzuki.userId });
    // At the recycle the record moves to Tanaka, and Suzuki has none left.
    expect(await ensureBatch(h.storage.db, id, 2, h.time.now())).toBe(true);
    await seedCampaignRecords(h.storage.db, { campaignId: id, batch: 2, definition, listIds: [listId] }, h.time.now());
    expect((await claim(id, zones, 10, suzuki.userId)).map((r) => r.recordId)).toEqual([]);
    expect((await claim(id, zones, 10, tanaka.userId)).map((r) => r.recordId).sort()).toEqual([recordIds[0], append.recordIds[0]].sort());
  });

  it('L7, O4: a new batch starts from the top and resolves owners again (an agent added to the queue gets their records)', async () => {
    const queueId = await h.makeQueue('recycle');
    const late = await h.makeAgent(null, 'late@example.jp');
    const { listId } = await h.makeList('recycle', [{ phones: [usNumber(++n)], owner: late.email }, { phones: [usNumber(++n)] }]);
    const { id, definition } = await seeded({ mode: 'agent_owned_preview', queueId, ownerColumn: 'owner' }, [listId]);
    expect((await statusOf(id)).map((r) => r.reason)).toEqual(['not_in_queue', null]);
    await h.storage.db.insertInto('queue_members').values({ queue_id: queueId, user_id: late.userId, added_at: h.time.now() }).execute();
    await claim(id, await campaignZones(h.storage.db, id)); // the un-owned record is now in progress
    expect(await ensureBatch(h.storage.db, id, 1, h.time.now())).toBe(false);
    expect(await ensureBatch(h.storage.db, id, 2, h.time.now())).toBe(true);
    await seedCampaignRecords(h.storage.db, { campaignId: id, batch: 2, definition, listIds: [listId] }, h.time.now());
    expect((await statusOf(id)).map((r) => [r.status, r.owner_id])).toEqual([
      ['pending', late.userId],
      ['pending', 0],
    ]);
  });
});
