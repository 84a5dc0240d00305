import type { Mapping } from './mapping.js';

/**
 * Guesses a mapping from header names in English, Japanese and Polish (the supervisor UI's
 * mapping step and the CLI start from it). Unrecognised columns stay custom.
 */
type Role = 'phone' | 'phoneticName' | 'name' | 'firstName' | 'lastName' | 'owner' | 'postalCode' | 'timeZone' | 'region';

// Checked in order: the first rule whose pattern matches a normalised header wins.
const rules: Array<[Role, RegExp]> = [
  ['owner', /(owner|agent|assignee|担当|opiekun|handlowiec|konsultant)/],
  ['phoneticName', /(furigana|phonetic|kana|reading|フリガナ|ふりがな|カナ|かな|よみ|ヨミ)/],
  ['phone', /(phone|^tel|mobile|cell|電話|携帯|ケータイ|telefon|komórk|komork|numertel|^nrtel)/],
  ['postalCode', /(zip|postal|postcode|郵便|〒|kodpocztowy|^kod$)/],
  ['timeZone', /(timezone|^tz$|タイムゾーン|時間帯|strefa)/],
  ['region', /(^country|countrycode|^region$|^国$|国コード|^kraj)/],
  ['lastName', /(lastname|surname|familyname|^姓$|nazwisko)/],
  ['firstName', /(firstname|givenname|^名$|^imię$|^imie$)/],
  ['name', /(name|名前|氏名|顧客名|imięinazwisko|nazwa|klient)/],
];

const normalise = (header: string) => header.normalize('NFKC').toLowerCase().replace(/[\s_\-./()]+/g, '');

export function phoneTypeOf(header: string): string {
  const h = normalise(header);
  if (/(mobile|cell|携帯|ケータイ|komórk|komork)/.test(h)) return 'mobile';
  if (/(home|自宅|domow)/.test(h)) return 'home';
  if (/(work|office|business|会社|勤務|職場|praca|służbow|sluzbow)/.test(h)) return 'work';
  return 'other';
}

/** The guessed mapping (null when no phone column was recognised) and what each recognised column is. */
export function guessMapping(header: string[]): { mapping: Mapping | null; roles: Record<string, string> } {
  const roles: Record<string, Role> = {};
  const firstOf = (role: Role) => header.find((h) => roles[h] === role);
  for (const column of header) {
    const h = normalise(column);
    if (/(mail|メール)/.test(h) && !/(owner|agent|担当|opiekun)/.test(h)) continue; // a contact's own email is custom
    const rule = rules.find(([, pattern]) => pattern.test(h));
    if (!rule) continue;
    const [role] = rule;
    const single = role !== 'phone';
    if (single && firstOf(role)) continue;
    if (role === 'phone' && Object.values(roles).filter((r) => r === 'phone').length >= 10) continue;
    roles[column] = role;
  }
  const phones = header.filter((h) => roles[h] === 'phone').map((column) => ({ column, type: phoneTypeOf(column) }));
  if (phones.length === 0) return { mapping: null, roles: {} };
  const mapping: Mapping = { phones };
  const first = firstOf('firstName');
  const last = firstOf('lastName');
  const full = firstOf('name');
  if (full) mapping.name = full;
  else if (first && last) mapping.name = isJapanese(last) ? [last, first] : [first, last];
  else if (first ?? last) mapping.name = (first ?? last)!;
  const set = (key: 'phoneticName' | 'owner' | 'postalCode' | 'timeZone' | 'region', role: Role) => {
    const column = firstOf(role);
    if (column) mapping[key] = column;
  };
  set('phoneticName', 'phoneticName');
  set('owner', 'owner');
  set('postalCode', 'postalCode');
  set('timeZone', 'timeZone');
  set('region', 'region');
  return { mapping, roles: rolesOf(mapping) };
}

function rolesOf(mapping: Mapping): Record<string, string> {
  const roles: Record<string, string> = {};
  for (const p of mapping.phones) roles[p.column] = `phone (${p.type})`;
  for (const n of mapping.name === undefined ? [] : [mapping.name].flat()) roles[n] = 'name';
  for (const key of ['phoneticName', 'owner', 'postalCode', 'timeZone', 'region'] as const) {
    const column = mapping[key];
    if (column) roles[column] = key;
  }
  return roles;
}

const isJapanese = (s: string) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
