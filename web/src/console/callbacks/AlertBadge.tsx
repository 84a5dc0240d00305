import { useI18n } from '../../i18n/i18n';
import type { Alert } from './types';

/** The server's alert as a coloured badge: overdue red, due amber, approaching blue (C2, C3). */
export function AlertBadge(props: { alert: Alert; long?: boolean }) {
  const { t } = useI18n();
  const label = {
    overdue: props.long ? t('console.callbacks.alert.overdue.long') : t('console.callbacks.alert.overdue'),
    due: props.long ? t('console.callbacks.alert.due.long') : t('console.callbacks.alert.due'),
    approaching: props.long ? t('console.callbacks.alert.approaching.long') : t('console.callbacks.alert.approaching'),
  }[props.alert];
  return <span className={`cb-alert cb-alert-${props.alert}`}>{label}</span>;
}
