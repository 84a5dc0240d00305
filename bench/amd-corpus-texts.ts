/**
 * What the people and machines of the AMD corpus (bench/amd-corpus.ts) say, per language, and
 * the espeak-ng voices that say it. Japanese is written in kana: espeak-ng spells kanji out.
 */
export interface Voice {
  id: string;
  lang: 'en' | 'pl' | 'ja' | 'de' | 'es';
}
export const VOICES: Voice[] = [
  { id: 'en', lang: 'en' },
  { id: 'en-us', lang: 'en' },
  { id: 'en+f3', lang: 'en' },
  { id: 'en-us+f2', lang: 'en' },
  { id: 'en+m7', lang: 'en' },
  { id: 'en-gb-scotland+f4', lang: 'en' },
  { id: 'en-029', lang: 'en' },
  { id: 'pl', lang: 'pl' },
  { id: 'pl+f3', lang: 'pl' },
  { id: 'ja', lang: 'ja' },
  { id: 'ja+f2', lang: 'ja' },
  { id: 'de+f1', lang: 'de' },
  { id: 'es', lang: 'es' },
];

export type Lang = Voice['lang'];
export const HUMAN: Record<'one_word' | 'two_words' | 'phrase', Record<Lang, string[]>> = {
  one_word: {
    en: ['Hello?', 'Hi.', 'Yes?', 'Hello.', 'Yeah?', 'Hiya!'],
    pl: ['Halo?', 'Słucham?', 'Tak?'],
    ja: ['もしもし', 'はい'],
    de: ['Hallo?', 'Ja?'],
    es: ['¿Diga?', '¿Sí?', '¿Bueno?'],
  },
  two_words: {
    en: ['Yes, hello?', 'Hello, who is it?', "Hi, it's Anna.", 'Yeah, hello?', 'Hello there.'],
    pl: ['Halo, słucham?', 'Tak, słucham.', 'Halo, kto mówi?'],
    ja: ['はい、もしもし', 'はい、たなかです'],
    de: ['Ja, hallo?', 'Hallo, wer ist da?'],
    es: ['Sí, dígame.', 'Hola, ¿quién es?'],
  },
  phrase: {
    en: ['Hello, Smith residence.', 'Good afternoon, Anna speaking.', "Hi, this is Anna, who's calling?", 'Hello, this is Tom Baker.'],
    pl: ['Dzień dobry, Kowalski, słucham.', 'Halo, tu Anna Nowak.'],
    ja: ['はい、たなかでございます。', 'もしもし、すずきです。'],
    de: ['Guten Tag, hier ist Müller.', 'Hallo, Familie Schmidt.'],
    es: ['Buenas tardes, habla Carmen.', 'Hola, casa de los García.'],
  },
};
export const FOLLOW_UP: Record<Lang, string[]> = {
  en: ['Hello?', 'Hello? Anyone there?', 'Hello?'],
  pl: ['Halo?', 'Halo? Jest tam ktoś?'],
  ja: ['もしもし?'],
  de: ['Hallo?', 'Hallo? Ist da jemand?'],
  es: ['¿Hola?', '¿Diga? ¿Hay alguien?'],
};
export const NAMES = ['John', 'Anna', 'Mike', 'Sarah Miller', 'David', 'Kasia', 'Tomasz', 'Yuki', 'Hans', 'Lucia'];
export const NAMES_JA = ['たなか', 'すずき', 'さとう', 'やまだ'];
export const COMPANIES = ['Baker and Sons', 'Northside Dental', 'Green Valley Insurance', 'Acme Plumbing'];
/** Greetings as sentences; {name} and {company} are filled in. */
export const MACHINE: Record<'long' | 'short', Record<Lang, string[][]>> = {
  long: {
    en: [
      ["Hi, you've reached {name}.", "I can't take your call right now.", 'Please leave a message after the tone.'],
      ['Hello, this is {name}.', 'Sorry I missed your call.', "Leave your name and number and I'll get back to you as soon as I can."],
      ['The person you are calling is not available.', 'Please leave a message after the tone.', 'When you are finished, you may hang up.'],
      ['You have reached the voicemail of {name}.', 'Please leave a message.'],
      ['Thank you for calling {company}.', 'Our office is currently closed.', 'Our hours are Monday to Friday, nine to five.', 'Please leave a message after the tone.'],
      ['Hey!', "It's {name}.", "I'm not around right now, so leave me a message and I'll call you back.", 'Thanks!'],
      ['Hello.', 'You have reached {name} and family.', "We can't come to the phone.", 'Please leave a message.'],
    ],
    pl: [
      ['Dzień dobry, dodzwoniłeś się do {name}.', 'Nie mogę teraz odebrać.', 'Zostaw wiadomość po sygnale.'],
      ['Abonent jest chwilowo niedostępny.', 'Prosimy zostawić wiadomość po sygnale.'],
      ['Cześć, tu {name}.', 'Oddzwonię najszybciej, jak to możliwe.'],
    ],
    ja: [
      ['ただいま でんわに でることが できません。', 'はっしんおんの あとに メッセージを おねがいします。'],
      ['おでんわ ありがとうございます。', '{name}です。', 'ただいま るすに しております。', 'ごようけんを おはなしください。'],
    ],
    de: [
      ['Hallo, hier ist die Mailbox von {name}.', 'Bitte hinterlassen Sie eine Nachricht nach dem Signalton.'],
      ['Der gewünschte Gesprächspartner ist zurzeit nicht erreichbar.', 'Bitte sprechen Sie nach dem Signalton.'],
    ],
    es: [
      ['Hola, has llamado a {name}.', 'Ahora no puedo atender.', 'Deja tu mensaje después de la señal.'],
      ['El número al que llama no está disponible.', 'Por favor, deje su mensaje después de la señal.'],
    ],
  },
  short: {
    en: [["Hi, it's {name}.", 'Leave a message.'], ['{name} here.', "Can't talk now.", 'Leave a message.'], ['Please leave a message after the tone.'], ['Hi, this is {name}, leave a message.']],
    pl: [['Tu {name}.', 'Zostaw wiadomość.'], ['Proszę zostawić wiadomość.']],
    ja: [['{name}です。', 'メッセージを どうぞ。']],
    de: [['Hier ist {name}.', 'Sprich nach dem Piep.']],
    es: [['Soy {name}.', 'Deja un mensaje.']],
  },
};
