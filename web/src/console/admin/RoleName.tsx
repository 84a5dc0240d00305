import { useI18n } from '../../i18n/i18n';
import type { Role } from './types';

const ROLE_KEYS = { admin: 'console.admin.role.admin', supervisor: 'console.admin.role.supervisor', agent: 'console.admin.role.agent' } as const;

/** A role's name in the reader's language. */
export function RoleName(props: { role: Role }) {
  const { t } = useI18n();
  return <span className={`role role-${props.role}`}>{t(ROLE_KEYS[props.role])}</span>;
}

export function useRoleName() {
  const { t } = useI18n();
  return (role: Role) => t(ROLE_KEYS[role]);
}
