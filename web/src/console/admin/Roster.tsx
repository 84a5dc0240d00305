import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ServerError } from '../campaigns/ServerError';
import { ConfirmRemoval, RemoveButton } from './ConfirmRemoval';
import { PageState } from '../ui/PageState';
import { useUsers } from './queries';
import type { AdminUser } from './types';

export interface Person {
  userId: number;
  displayName: string;
  email: string;
}

/**
 * People attached to something — a queue's agents, a campaign's supervisors: add one picked
 * from the users who may be (and are not yet), remove one (asks first). The server decides.
 */
export function Roster(props: {
  title: string;
  people: UseQueryResult<Person[]>;
  canChange: boolean;
  /** Who may be added (an agent to a queue, a supervisor to a campaign). */
  eligible(user: AdminUser): boolean;
  pickLabel: string;
  empty: string;
  removeLabel: string;
  removeNamed(name: string): string;
  removeTitle(name: string): string;
  removeBody: string;
  add: UseMutationResult<unknown, Error, number>;
  remove: UseMutationResult<unknown, Error, number>;
}) {
  const [removing, setRemoving] = useState<Person | null>(null);
  const { add, remove } = props;
  return (
    <section className="card admin-panel" aria-label={props.title}>
      <h2>{props.title}</h2>
      <PageState query={props.people}>
        {(list) => (
          <>
            {props.canChange && <AddPerson present={list} eligible={props.eligible} label={props.pickLabel} pending={add.isPending} onAdd={(id) => add.mutate(id)} />}
            <ServerError error={add.error} />
            {list.length === 0 ? (
              <p className="muted">{props.empty}</p>
            ) : (
              <ul className="admin-members">
                {list.map((p) => (
                  <li key={p.userId}>
                    <span>
                      <strong>{p.displayName}</strong> <span className="muted small">{p.email}</span>
                    </span>
                    {props.canChange && (
                      <RemoveButton label={props.removeLabel} named={props.removeNamed(p.displayName)} onClick={() => { remove.reset(); setRemoving(p); }} />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </PageState>
      {removing && (
        <ConfirmRemoval title={props.removeTitle(removing.displayName)} body={props.removeBody} label={props.removeLabel} change={remove} value={removing.userId} onClose={() => setRemoving(null)} />
      )}
    </section>
  );
}

function AddPerson(props: { present: Person[]; eligible(user: AdminUser): boolean; label: string; pending: boolean; onAdd(userId: number): void }) {
  const { t } = useI18n();
  const users = useUsers();
  const [userId, setUserId] = useState('');
  const present = new Set(props.present.map((m) => m.userId));
  const candidates = (users.data?.items ?? []).filter((u) => props.eligible(u) && !u.disabled && !present.has(u.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (userId) props.onAdd(Number(userId));
    setUserId('');
  };
  return (
    <form className="row inline-form" onSubmit={submit}>
      <select aria-label={props.label} value={userId} onChange={(e) => setUserId(e.target.value)}>
        <option value="">{props.label}</option>
        {candidates.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} ({u.userCode})
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={!userId || props.pending}>
        {t('console.admin.add')}
      </button>
    </form>
  );
}
