import { useCallback, useState } from 'react';
import { useI18n } from '../../../i18n/i18n';
import { NewListForm } from '../../lists/NewListForm';
import { useDeleteList, useList } from '../../lists/queries';
import type { ContactList } from '../../lists/types';
import { UploadWizard } from '../../lists/UploadWizard';

/**
 * L1, L2 inside the wizard: name a new list, then the Lists section's own upload (file, columns,
 * progress, result), without leaving the wizard. `onCreated` names the list as soon as it exists;
 * each committed import hands it to `onImported`, which checks it in the step. Cancelling before anything was imported deletes the
 * empty list it made, so a cancelled upload leaves nothing behind.
 */
export function NewListUpload(props: { onCreated(listId: number): void; onImported(listId: number): void; onClose(): void }) {
  const { t } = useI18n();
  const [created, setCreated] = useState<ContactList | null>(null);
  const [imported, setImported] = useState(false);
  const remove = useDeleteList();
  const { onImported } = props;
  const done = useCallback(
    (listId: number) => {
      setImported(true);
      onImported(listId);
    },
    [onImported],
  );
  const cancel = t('console.wizard.upload.cancel');
  const made = (list: ContactList) => {
    setCreated(list);
    props.onCreated(list.id);
  };
  if (!created) return <NewListForm onCreated={made} onClose={props.onClose} cancelLabel={cancel} />;
  const close = imported ? props.onClose : () => remove.mutate(created.id, { onSettled: props.onClose });
  return <UploadInto list={created} onImported={done} onClose={close} closeLabel={imported ? t('console.close') : cancel} />;
}

/** The upload into the new list, with the list as the server now counts it (its records after an import: "appended"). */
function UploadInto(props: { list: ContactList; onImported(listId: number): void; onClose(): void; closeLabel: string }) {
  const list = useList(props.list.id).data ?? props.list;
  return <UploadWizard list={list} onImported={props.onImported} onClose={props.onClose} closeLabel={props.closeLabel} />;
}
