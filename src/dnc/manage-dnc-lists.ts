import { AppError, notFound } from '../shared/errors.js';
import { assertNameFree, assertRoomForList, listView, requireDncList, type DncDeps, type DncListView, type DncSource } from './dnc-views.js';

/** L4: do-not-call lists — internal ones kept by hand and by wrap-ups, imported ones from files. */
export async function listDncLists({ db }: Pick<DncDeps, 'db'>): Promise<DncListView[]> {
  const rows = await db.selectFrom('dnc_lists').selectAll().orderBy('name').execute();
  return rows.map(listView);
}

export async function getDncList({ db }: Pick<DncDeps, 'db'>, id: number): Promise<DncListView> {
  return requireDncList(db, id);
}

export async function createDncList({ dnc, clock }: DncDeps, input: { name: string; source?: DncSource }): Promise<DncListView> {
  return dnc.change(async (trx) => {
    await assertRoomForList(trx, false);
    await assertNameFree(trx, input.name);
    const now = clock.now();
    const row = await trx
      .insertInto('dnc_lists')
      .values({ name: input.name, source: input.source ?? 'internal', created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { result: listView(row), apply: (set) => set.addList(row.id) };
  });
}

export async function updateDncList({ db, clock }: DncDeps, id: number, input: { name?: string; source?: DncSource }): Promise<DncListView> {
  await requireDncList(db, id);
  if (input.name !== undefined) await assertNameFree(db, input.name, id);
  const row = await db
    .updateTable('dnc_lists')
    .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.source !== undefined ? { source: input.source } : {}), updated_at: clock.now() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('Do-not-call list', id);
  return listView(row);
}

/**
 * Deletes a list and its numbers. A list that a live campaign checks against cannot go
 * (detach it from the campaign first); links from deleted campaigns are dropped with it.
 */
export async function deleteDncList({ dnc }: DncDeps, id: number): Promise<void> {
  await dnc.change(async (trx) => {
    await requireDncList(trx, id);
    const users = await trx
      .selectFrom('campaign_dnc_lists')
      .innerJoin('campaigns', 'campaigns.id', 'campaign_dnc_lists.campaign_id')
      .select(['campaigns.id', 'campaigns.name', 'campaigns.deleted_at'])
      .where('campaign_dnc_lists.dnc_list_id', '=', id)
      .execute();
    const live = users.filter((c) => c.deleted_at === null);
    if (live.length) {
      throw new AppError(
        'conflict',
        `Do-not-call list ${id} is used by campaign${live.length > 1 ? 's' : ''} ${live.map((c) => `"${c.name}"`).join(', ')}; detach it from ${live.length > 1 ? 'them' : 'it'} first.`,
        { campaigns: live.map((c) => ({ id: c.id, name: c.name })) },
      );
    }
    await trx.deleteFrom('campaign_dnc_lists').where('dnc_list_id', '=', id).execute();
    await trx.deleteFrom('dnc_lists').where('id', '=', id).execute();
    return { result: undefined, apply: (set) => set.dropList(id) };
  });
}
