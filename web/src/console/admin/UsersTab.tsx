import { useState } from 'react';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { localeNames, useI18n } from '../../i18n/i18n';
import { ConfirmRemoval } from './ConfirmRemoval';
import { PageState } from '../ui/PageState';
import { RoleName } from './RoleName';
import { useAdminChange, useUsers } from './queries';
import type { AdminUser } from './types';
import { UserForm } from './UserForm';

/**
 * A1: every user with name, email, user ID, role, an agent's phone line (T2), language, time
 * zone and whether she is disabled; New user, Edit (role, name, language, zone, a new password) and Disable/Enable —
 * disabling asks first (the server signs her out at once).
 */
export function UsersTab(props: { me: User }) {
  const { t } = useI18n();
  const users = useUsers();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [toggling, setToggling] = useState<AdminUser | null>(null);
  const toggle = useAdminChange((u: AdminUser) => api<AdminUser>('PATCH', `/api/users/${u.id}`, { disabled: !u.disabled }));
  const canChange = props.me.role === 'admin';
  const needle = search.trim().toLowerCase();
  const matches = (u: AdminUser) => !needle || [u.displayName, u.email, u.userCode].some((s) => s.toLowerCase().includes(needle));

  return (
    <div className="admin-tab">
      <div className="admin-toolbar">
        <input type="search" aria-label={t('console.admin.users.search')} placeholder={t('console.admin.users.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <div className="spacer" />
        {canChange && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('console.admin.users.new')}
          </button>
        )}
      </div>
      <PageState query={users}>
        {(page) => (
          <table className="admin-table" aria-label={t('console.admin.tab.users')}>
            <thead>
              <tr>
                <th>{t('console.admin.users.name')}</th>
                <th>{t('console.admin.users.email')}</th>
                <th>{t('console.admin.users.code')}</th>
                <th>{t('console.admin.users.role')}</th>
                <th>{t('console.admin.users.line')}</th>
                <th>{t('language.label')}</th>
                <th>{t('console.admin.users.zone')}</th>
                <th>{t('console.admin.users.status')}</th>
                {canChange && <th className="actions">{t('console.admin.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {page.items.filter(matches).map((u) => (
                <tr key={u.id} data-user-id={u.id} className={u.disabled ? 'disabled-row' : ''}>
                  <th scope="row">{u.displayName}</th>
                  <td>{u.email}</td>
                  <td>
                    <code>{u.userCode}</code>
                  </td>
                  <td>
                    <RoleName role={u.role} />
                  </td>
                  <td>{u.sipUri ? <code className="sip-uri">{u.sipUri}</code> : u.role === 'agent' && <span className="muted">{t('console.admin.users.noLine')}</span>}</td>
                  <td>{localeNames[u.locale as keyof typeof localeNames] ?? u.locale}</td>
                  <td>{u.timeZone}</td>
                  <td>{u.disabled ? <span className="tag off">{t('console.admin.users.disabled')}</span> : <span className="tag on">{t('console.admin.users.active')}</span>}</td>
                  {canChange && (
                    <td className="actions">
                      <button type="button" onClick={() => setEditing(u)} aria-label={t('console.admin.editNamed', { name: u.displayName })}>
                        {t('console.campaigns.edit')}
                      </button>
                      {u.id !== props.me.id && (
                        <button
                          type="button"
                          className={u.disabled ? '' : 'danger-outline'}
                          onClick={() => {
                            toggle.reset();
                            if (u.disabled) toggle.mutate(u);
                            else setToggling(u);
                          }}
                          aria-label={t(u.disabled ? 'console.admin.users.enableNamed' : 'console.admin.users.disableNamed', { name: u.displayName })}
                        >
                          {t(u.disabled ? 'console.admin.users.enable' : 'console.admin.users.disable')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PageState>
      {toggle.error && !toggling && (
        <p className="error" role="alert">
          {toggle.error.message}
        </p>
      )}
      {editing && <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {toggling && (
        <ConfirmRemoval
          title={t('console.admin.users.disableTitle', { name: toggling.displayName })}
          body={t('console.admin.users.disableBody')}
          label={t('console.admin.users.disable')}
          change={toggle}
          value={toggling}
          onClose={() => setToggling(null)}
        />
      )}
    </div>
  );
}
