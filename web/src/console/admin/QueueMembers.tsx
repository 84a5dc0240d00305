import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAdminChange, useMembers } from './queries';
import { Roster } from './Roster';
import type { Queue } from './types';

/** A queue's agents (only agents are members): the agents of its campaigns. */
export function QueueMembers(props: { queue: Queue; canChange: boolean }) {
  const { t } = useI18n();
  const { queue } = props;
  const add = useAdminChange((userId: number) => api<null>('PUT', `/api/queues/${queue.id}/members/${userId}`));
  const remove = useAdminChange((userId: number) => api<null>('DELETE', `/api/queues/${queue.id}/members/${userId}`));
  return (
    <Roster
      title={t('console.admin.queues.membersOf', { name: queue.name })}
      people={useMembers(queue.id)}
      canChange={props.canChange}
      eligible={(u) => u.role === 'agent'}
      pickLabel={t('console.admin.queues.pickAgent')}
      empty={t('console.admin.queues.noMembers')}
      removeLabel={t('console.admin.remove')}
      removeNamed={(name) => t('console.admin.queues.removeNamed', { name })}
      removeTitle={(name) => t('console.admin.queues.removeTitle', { name, queue: queue.name })}
      removeBody={t('console.admin.queues.removeBody')}
      add={add}
      remove={remove}
    />
  );
}
