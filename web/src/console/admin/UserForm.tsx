import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { localeNames, useI18n } from '../../i18n/i18n';
import { Field } from '../campaigns/SettingsSection';
import { ServerError } from '../campaigns/ServerError';
import { ZoneInput } from '../callbacks/ZoneInput';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { problemsAt } from '../ui/FieldProblems';
import { useAdminChange } from './queries';
import { useRoleName } from './RoleName';
import { LOCALES, ROLES, type AdminUser, type Role } from './types';

interface Draft {
  displayName: string;
  email: string;
  userCode: string;
  role: Role;
  password: string;
  locale: string;
  timeZone: string;
  /** The phone line as typed; blank = none. */
  sipUri: string;
}

const draftOf = (u: AdminUser | null): Draft =>
  u
    ? { displayName: u.displayName, email: u.email, userCode: u.userCode, role: u.role, password: '', locale: u.locale, timeZone: u.timeZone, sipUri: u.sipUri ?? '' }
    : { displayName: '', email: '', userCode: '', role: 'agent', password: '', locale: 'en', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, sipUri: '' };

/** A blank phone line is none: null clears it. */
const lineOf = (d: Draft): string | null => d.sipUri.trim() || null;

/** Only what changed (PATCH replaces each field sent); a blank password keeps the old one. */
function patchOf(user: AdminUser, d: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of ['displayName', 'email', 'userCode', 'role', 'locale', 'timeZone'] as const) if (d[key] !== user[key]) patch[key] = d[key];
  if (d.password) patch.password = d.password;
  if (lineOf(d) !== user.sipUri) patch.sipUri = lineOf(d);
  return patch;
}

/**
 * A1: a new user (role, password, language, time zone, phone line) or a change to one (a new
 * password resets hers and signs her out). Changing a role asks first. The server checks every
 * field and its refusal is shown with each problem it listed; the phone line's under the field.
 */
export function UserForm(props: { user: AdminUser | null; onClose(): void }) {
  const { t } = useI18n();
  const roleName = useRoleName();
  const titleId = useId();
  const { user } = props;
  const [draft, setDraft] = useState(() => draftOf(user));
  const [confirming, setConfirming] = useState(false);
  const save = useAdminChange((d: Draft) => {
    if (user) return api<AdminUser>('PATCH', `/api/users/${user.id}`, patchOf(user, d));
    // Blank optional fields are left out: the server derives the user ID, and there is no line.
    const { userCode, sipUri, ...body } = d;
    const line = lineOf(d);
    return api<AdminUser>('POST', '/api/users', { ...body, ...(userCode.trim() ? { userCode: userCode.trim() } : {}), ...(line ? { sipUri: line } : {}) });
  });
  const lineProblems = problemsAt(save.error, 'sipUri');
  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value });
  const send = () => save.mutate(draft, { onSuccess: props.onClose });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (user && draft.role !== user.role) setConfirming(true);
    else send();
  };

  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && !confirming && props.onClose()}>
      <form className="dialog admin-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit}>
        <h2 id={titleId}>{user ? t('console.admin.users.editTitle', { name: user.displayName }) : t('console.admin.users.new')}</h2>
        <div className="admin-form-grid">
          <Field label={t('console.admin.users.name')}>
            <input value={draft.displayName} onChange={(e) => set('displayName')(e.target.value)} required autoFocus />
          </Field>
          <Field label={t('console.admin.users.email')}>
            <input type="email" value={draft.email} onChange={(e) => set('email')(e.target.value)} required />
          </Field>
          <Field label={t('console.admin.users.code')} {...(user ? {} : { hint: t('console.admin.users.codeHint') })}>
            <input value={draft.userCode} onChange={(e) => set('userCode')(e.target.value)} spellCheck={false} />
          </Field>
          <Field label={t('console.admin.users.role')}>
            <select value={draft.role} onChange={(e) => set('role')(e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleName(r)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('language.label')}>
            <select value={draft.locale} onChange={(e) => set('locale')(e.target.value)}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {localeNames[l]}
                </option>
              ))}
            </select>
          </Field>
          <ZoneInput label={t('console.admin.users.zone')} value={draft.timeZone} onChange={set('timeZone')} />
          <div className="wide">
            <Field label={t('console.admin.users.sipUri')} hint={t('console.admin.users.sipUriHint')} problems={lineProblems}>
              <input value={draft.sipUri} onChange={(e) => set('sipUri')(e.target.value)} placeholder="sip:1001@pbx.example.com" spellCheck={false} autoComplete="off" aria-invalid={lineProblems.length > 0 || undefined} />
            </Field>
          </div>
          <div className="wide">
            <Field label={user ? t('console.admin.users.newPassword') : t('console.admin.users.password')} hint={t('console.admin.users.passwordHint')}>
              <input type="password" autoComplete="new-password" value={draft.password} onChange={(e) => set('password')(e.target.value)} required={!user} />
            </Field>
          </div>
        </div>
        {!confirming && <ServerError error={save.error} />}
        <div className="dialog-actions row">
          <button type="button" onClick={props.onClose} disabled={save.isPending}>
            {t('console.cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {user ? t('console.campaigns.save') : t('console.admin.users.create')}
          </button>
        </div>
      </form>
      {confirming && user && (
        <ConfirmDialog
          title={t('console.admin.users.roleTitle', { name: user.displayName })}
          confirmLabel={t('console.admin.users.roleConfirm')}
          busy={save.isPending}
          error={save.error?.message ?? null}
          onCancel={() => setConfirming(false)}
          onConfirm={send}
        >
          <p>{t('console.admin.users.roleBody', { from: roleName(user.role), to: roleName(draft.role) })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
