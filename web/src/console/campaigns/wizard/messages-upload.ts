import { defineMessages } from '../../define-messages';

/** The wizard's Lists step: a new list uploaded without leaving the wizard (L1, L2). */
export const wizardUploadMessages = defineMessages(
  {
    'console.wizard.noLists': 'No lists yet. Upload one here.',
    'console.wizard.upload.open': 'Upload a new list',
    'console.wizard.upload.help': 'Name it and import a CSV file without leaving the wizard; once imported it is checked here.',
    'console.wizard.upload.cancel': 'Cancel upload',
    'console.wizard.upload.new': 'Just uploaded',
  },
  {
    ja: {
      'console.wizard.noLists': 'リストがまだありません。ここでアップロードできます。',
      'console.wizard.upload.open': '新しいリストをアップロード',
      'console.wizard.upload.help': 'ウィザードを離れずに名前を付けてCSVファイルを取り込めます。取り込むとここで選択済みになります。',
      'console.wizard.upload.cancel': 'アップロードを中止',
      'console.wizard.upload.new': 'アップロード済み',
    },
    pl: {
      'console.wizard.noLists': 'Nie ma jeszcze list. Wgraj listę tutaj.',
      'console.wizard.upload.open': 'Wgraj nową listę',
      'console.wizard.upload.help': 'Nazwij ją i zaimportuj plik CSV bez wychodzenia z kreatora; po imporcie zostanie tu zaznaczona.',
      'console.wizard.upload.cancel': 'Anuluj wgrywanie',
      'console.wizard.upload.new': 'Właśnie wgrana',
    },
  },
);
