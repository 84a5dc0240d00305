import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Actor } from '../access/actor.js';
import { hashPassword } from '../access/passwords.js';
import { createCampaign } from '../campaigns/create-campaign.js';
import { seededRandom, type Random } from '../engine/random.js';
import type { AppDeps } from '../http/types.js';
import { startImport } from '../lists/import-contacts.js';
import { createList } from '../lists/manage-lists.js';
import { createNormaliserPool } from '../lists/normaliser-pool.js';
import { demoAgents, demoQueues, demoSupervisors, DEMO_PASSWORD } from './demo-people.js';

export const DEMO_RECORDS = 10_000;
/** The progressive demo campaign the simulated agents work (run-demo-floor.ts). */
export const DEMO_FLOOR_CAMPAIGN = 'Renewal (demo: dials around the clock, no regulatory profile)';

/**
 * `npm start -- --demo`: a floor to look at — 3 queues, 20 agents, 2 supervisors, a
 * 10,000-record list imported through the real import path, and 2 campaigns (agent-owned
 * preview and progressive — the latter labelled as a demo: no regulatory profile, open 00:00–24:00
 * every day, so the live floor of run-demo-floor.ts dials at any hour). Loaded once; a second
 * start with --demo leaves it alone.
 */
export async function loadDemo(deps: AppDeps, logger: Logger): Promise<boolean> {
  const { db } = deps.storage;
  const already = await db.selectFrom('contact_lists').select('id').where('name', '=', 'Demo customers').executeTakeFirst();
  if (already) {
    logger.info('demo data already loaded');
    return false;
  }
  const now = deps.clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const queueIds = new Map<string, number>();
  for (const name of demoQueues) {
    const row = await db.insertInto('queues').values({ name, created_at: now }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    const id = row?.id ?? (await db.selectFrom('queues').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    queueIds.set(name, id);
  }

  const people = [...demoSupervisors.map((p) => ({ ...p, role: 'supervisor' as const, queues: [] as string[] })), ...demoAgents.map((p) => ({ ...p, role: 'agent' as const }))];
  const userIds = new Map<string, number>();
  for (const person of people) {
    const row = await db
      .insertInto('users')
      .values({ email: person.email, user_code: person.userCode, display_name: person.name, role: person.role, password_hash: passwordHash, locale: person.locale, time_zone: person.timeZone, created_at: now, updated_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    const id = row?.id ?? (await db.selectFrom('users').select('id').where('email', '=', person.email).executeTakeFirstOrThrow()).id;
    userIds.set(person.email, id);
    for (const queue of person.queues) {
      await db.insertInto('queue_members').values({ queue_id: queueIds.get(queue)!, user_id: id, added_at: now }).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  const supervisor = demoSupervisors[0]!;
  const actor: Actor = { userId: userIds.get(supervisor.email)!, role: 'supervisor', email: supervisor.email, via: 'session' };
  const list = await createList(db, deps.clock, actor, { name: 'Demo customers', defaultRegion: 'JP', defaultTimeZone: 'Asia/Tokyo' });

  const owners = demoAgents.filter((a) => a.queues.includes('Collections')).map((a) => a.email);
  const normaliser = createNormaliserPool();
  try {
    const { done } = await startImport(
      { storage: deps.storage, clock: deps.clock, limits: deps.config.limits, normaliser },
      {
        listId: list.id,
        actor,
        file: Readable.from(inChunks(demoCsv(seededRandom('pacer-demo'), DEMO_RECORDS, owners))),
        fileName: 'demo-customers.csv',
        mapping: {
          phones: [
            { column: 'phone', type: 'home' },
            { column: 'mobile', type: 'mobile' },
          ],
          name: 'name',
          phoneticName: 'phonetic',
          postalCode: 'postal_code',
          region: 'country',
          owner: 'owner_email',
        },
        encoding: 'utf-8',
        region: 'JP',
        sizeBytes: null,
      },
    );
    const summary = await done;
    if (summary.status !== 'committed') throw new Error(`demo import failed: ${summary.error?.message ?? 'unknown'}`);
  } finally {
    await normaliser.close();
  }

  const weekdays = { mon: [{ start: '09:00', end: '21:00' }], tue: [{ start: '09:00', end: '21:00' }], wed: [{ start: '09:00', end: '21:00' }], thu: [{ start: '09:00', end: '21:00' }], fri: [{ start: '09:00', end: '21:00' }], sat: [{ start: '10:00', end: '18:00' }] };
  await createCampaign(db, deps.clock, actor, {
    name: 'Collections — owned accounts',
    mode: 'agent_owned_preview',
    queueId: queueIds.get('Collections')!,
    ownerColumn: 'owner_email',
    callerId: '+81312345678',
    listIds: [list.id],
    sortOrder: [{ column: 'balance', direction: 'desc', compareAs: 'number' }],
    screenPopFields: ['balance', 'customer_since'],
    contactableTimes: { weekly: weekdays, defaultTimeZone: 'Asia/Tokyo' },
    preview: { autoAccept: false, reviewTimeoutSeconds: 60, skipAllowed: true },
  });
  // Demo only: no regulatory profile and 00:00–24:00 every day, so the live floor dials whatever the time of day.
  const allDay = [{ start: '00:00', end: '24:00' }];
  await createCampaign(db, deps.clock, actor, {
    name: DEMO_FLOOR_CAMPAIGN,
    mode: 'progressive',
    queueId: queueIds.get('Renewals — PC')!,
    callerId: '+81312345679',
    listIds: [list.id],
    screenPopFields: ['balance'],
    regulatoryProfile: 'none',
    contactableTimes: { weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, defaultTimeZone: 'Asia/Tokyo' },
    wrapUpCodes: [{ code: 'callback_requested', label: 'Callback requested', outcome: 'callback' }],
  });

  process.stdout.write(
    `\n  Demo data loaded: ${demoQueues.length} queues, ${demoAgents.length} agents, ${demoSupervisors.length} supervisors, ${DEMO_RECORDS.toLocaleString('en')} records, 2 campaigns.\n` +
      `  Demo users sign in with password "${DEMO_PASSWORD}", e.g. ${supervisor.email} (supervisor) or ${demoAgents[0]!.email} (agent).\n`,
  );
  return true;
}

const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const FAMILY_KANA = ['サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ヤマモト', 'ナカムラ', 'コバヤシ', 'カトウ'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太'];
const GIVEN_KANA = ['タロウ', 'ハナコ', 'イチロウ', 'ミサキ', 'ケンタ'];
const PL_NAMES = ['Anna Kowalska', 'Piotr Nowak', 'Katarzyna Wiśniewska', 'Tomasz Wójcik', 'Magdalena Kamińska'];
const US_NAMES = ['John Smith', 'Mary Johnson', 'Robert Brown', 'Linda Davis', 'James Miller'];
const US_AREAS = [{ area: '602', zip: '85004' }, { area: '212', zip: '10001' }, { area: '312', zip: '60601' }, { area: '303', zip: '80202' }, { area: '415', zip: '94103' }];

/** UTF-8 bytes in chunks of a few hundred lines, as a file upload would arrive. */
function* inChunks(lines: Iterable<string>, linesPerChunk = 500): Generator<Buffer> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === linesPerChunk) {
      yield Buffer.from(chunk.join(''), 'utf8');
      chunk = [];
    }
  }
  if (chunk.length) yield Buffer.from(chunk.join(''), 'utf8');
}

/** The demo list as CSV text, produced row by row (never the whole file in memory). */
function* demoCsv(random: Random, rows: number, owners: string[]): Generator<string> {
  yield 'name,phonetic,phone,mobile,postal_code,country,owner_email,balance,customer_since\n';
  const digits = (n: number) => Array.from({ length: n }, () => random.int(10)).join('');
  const pad4 = (n: number) => String(n).padStart(4, '0');
  for (let i = 0; i < rows; i++) {
    const kind = random.pick({ jp: 70, pl: 15, us: 15 });
    // A few owners are unknown or outside the queue, so the O3 error monitor has something to show.
    const ownerRoll = random.next();
    const owner = ownerRoll < 0.01 ? 'former.agent@example.com' : ownerRoll < 0.02 ? 'green@pacer.demo' : ownerRoll < 0.75 ? owners[random.int(owners.length)]! : '';
    const balance = String(1000 + random.int(500_000));
    const since = `20${10 + random.int(16)}-0${1 + random.int(9)}-1${random.int(10)}`;
    // The row index forms the last four digits, so no two rows share a number.
    let cells: string[];
    if (kind === 'jp') {
      const f = random.int(FAMILY.length);
      const g = random.int(GIVEN.length);
      cells = [`${FAMILY[f]} ${GIVEN[g]}`, `${FAMILY_KANA[f]} ${GIVEN_KANA[g]}`, `03${1 + random.int(9)}${digits(3)}${pad4(i)}`, `090${1 + random.int(9)}${digits(3)}${pad4(i)}`, `1${digits(2)}-${digits(4)}`, 'JP'];
    } else if (kind === 'pl') {
      cells = [PL_NAMES[random.int(PL_NAMES.length)]!, '', `22${1 + random.int(9)}${digits(2)}${pad4(i)}`, `60${1 + random.int(9)}${digits(2)}${pad4(i)}`, `0${digits(1)}-${digits(3)}`, 'PL'];
    } else {
      const a = US_AREAS[random.int(US_AREAS.length)]!;
      cells = [US_NAMES[random.int(US_NAMES.length)]!, '', `${a.area}${2 + random.int(7)}${digits(2)}${pad4(i)}`, '', a.zip, 'US'];
    }
    yield [...cells, owner, balance, since].map((c) => (c.includes(',') ? `"${c}"` : c)).join(',') + '\n';
  }
}
