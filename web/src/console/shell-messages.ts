import { defineMessages } from './define-messages';

/** The console's frame: its name, the navigation, what every page shares. */
export const shellMessages = defineMessages(
  {
    'console.title': 'Supervisor console',
    'console.nav': 'Console sections',
    'console.nav.dashboard': 'Live dashboard',
    'console.nav.campaigns': 'Campaigns',
    'console.nav.lists': 'Lists',
    'console.nav.callbacks': 'Callbacks',
    'console.notFound': 'There is no such page. Pick a section above.',
    'console.loadFailed': 'Could not load this page: {message}',
    'console.retry': 'Try again',
    'console.confirm': 'Confirm',
    'console.cancel': 'Cancel',
    'console.close': 'Close',
  },
  {
    ja: {
      'console.title': 'スーパーバイザー画面',
      'console.nav': 'メニュー',
      'console.nav.dashboard': 'リアルタイム状況',
      'console.nav.campaigns': 'キャンペーン',
      'console.nav.lists': 'リスト',
      'console.nav.callbacks': '再発信管理',
      'console.notFound': 'このページはありません。上のメニューから選んでください。',
      'console.loadFailed': 'このページを読み込めませんでした: {message}',
      'console.retry': '再試行',
      'console.confirm': '確定',
      'console.cancel': 'キャンセル',
      'console.close': '閉じる',
    },
    pl: {
      'console.title': 'Konsola supervisora',
      'console.nav': 'Sekcje konsoli',
      'console.nav.dashboard': 'Pulpit na żywo',
      'console.nav.campaigns': 'Kampanie',
      'console.nav.lists': 'Listy',
      'console.nav.callbacks': 'Oddzwonienia',
      'console.notFound': 'Nie ma takiej strony. Wybierz sekcję powyżej.',
      'console.loadFailed': 'Nie udało się wczytać strony: {message}',
      'console.retry': 'Spróbuj ponownie',
      'console.confirm': 'Potwierdź',
      'console.cancel': 'Anuluj',
      'console.close': 'Zamknij',
    },
  },
);
