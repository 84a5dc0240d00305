/** The people of the demo floor (journeys J1–J5 use these names). */
export const DEMO_PASSWORD = 'pacer-demo-2026';

export const demoQueues = ['Collections', 'Renewals — PC', 'Sales'] as const;

interface DemoPerson {
  email: string;
  userCode: string;
  name: string;
  locale: 'en' | 'ja' | 'pl';
  timeZone: string;
}

export const demoSupervisors: DemoPerson[] = [
  { email: 'sato@pacer.demo', userCode: 'sato', name: '佐藤 恵', locale: 'ja', timeZone: 'Asia/Tokyo' },
  { email: 'yamada@pacer.demo', userCode: 'yamada', name: '山田 誠', locale: 'ja', timeZone: 'Asia/Tokyo' },
];

const agent = (userCode: string, name: string, locale: DemoPerson['locale'], timeZone: string, queues: string[]) => ({
  email: `${userCode}@pacer.demo`,
  userCode,
  name,
  locale,
  timeZone,
  queues,
});

export const demoAgents = [
  agent('suzuki', '鈴木 一郎', 'ja', 'Asia/Tokyo', ['Collections']),
  agent('tanaka', '田中 花子', 'ja', 'Asia/Tokyo', ['Collections']),
  agent('mori', '森 健太', 'ja', 'Asia/Tokyo', ['Collections', 'Renewals — PC']),
  agent('ito', '伊藤 美咲', 'ja', 'Asia/Tokyo', ['Collections', 'Renewals — PC']),
  agent('watanabe', '渡辺 翔', 'ja', 'Asia/Tokyo', ['Collections']),
  agent('kobayashi', '小林 愛', 'ja', 'Asia/Tokyo', ['Collections']),
  agent('nakamura', '中村 大輔', 'ja', 'Asia/Tokyo', ['Renewals — PC']),
  agent('kato', '加藤 陽子', 'ja', 'Asia/Tokyo', ['Renewals — PC']),
  agent('kowalski', 'Anna Kowalski', 'pl', 'Europe/Warsaw', ['Sales', 'Renewals — PC']),
  agent('nowak', 'Ewa Nowak', 'pl', 'Europe/Warsaw', ['Sales']),
  agent('wisniewski', 'Piotr Wiśniewski', 'pl', 'Europe/Warsaw', ['Sales']),
  agent('wojcik', 'Marta Wójcik', 'pl', 'Europe/Warsaw', ['Sales']),
  agent('brown', 'Michael Brown', 'en', 'America/Chicago', ['Renewals — PC']),
  agent('green', 'Sarah Green', 'en', 'America/Chicago', ['Renewals — PC', 'Sales']),
  agent('smith', 'David Smith', 'en', 'America/New_York', ['Sales']),
  agent('johnson', 'Emily Johnson', 'en', 'America/New_York', ['Sales']),
  agent('garcia', 'Luis Garcia', 'en', 'America/Phoenix', ['Renewals — PC']),
  agent('miller', 'Karen Miller', 'en', 'America/Denver', ['Sales']),
  agent('davis', 'Chris Davis', 'en', 'Europe/London', ['Sales']),
  agent('wilson', 'Olivia Wilson', 'en', 'Europe/London', ['Collections']),
];
