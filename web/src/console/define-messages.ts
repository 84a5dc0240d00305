/**
 * One part of the message catalogue, in English, Japanese and Polish side by side. The type
 * checker refuses a Japanese or Polish part that lacks a key of the English one or has one more;
 * tests/e2e/catalogues.test.ts checks the placeholders. Every key starts with "console." so that
 * none can overwrite one of the desktop's when the catalogues are put together.
 */
export function defineMessages<const E extends Record<`console.${string}`, string>>(en: E, others: { ja: Record<keyof E, string>; pl: Record<keyof E, string> }) {
  return { en, ja: others.ja, pl: others.pl };
}
