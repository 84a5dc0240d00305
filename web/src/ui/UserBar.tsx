import type { User } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The right end of every top bar: the language, who is signed in, and Sign out. */
export function UserBar(props: { user: User; onSignOut(): void }) {
  const { t } = useI18n();
  return (
    <>
      <LanguageSwitch compact />
      <span className="user" title={`${t('signedInAs', { name: props.user.displayName })} (${props.user.email})`}>
        <span className="visually-hidden">{t('signedInAs', { name: props.user.displayName })}</span>
        <span aria-hidden="true">{props.user.displayName}</span>
      </span>
      <button type="button" onClick={props.onSignOut}>
        {t('signOut')}
      </button>
    </>
  );
}
