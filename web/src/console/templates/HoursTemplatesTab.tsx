import { useI18n } from '../../i18n/i18n';
import { ContactableTimesEditor } from '../campaigns/ContactableTimesEditor';
import { WEEKDAYS } from '../campaigns/types';
import { TemplatesTab } from './TemplatesTab';

/** Administration → Contactable hours (L5): named weekly hours, holidays and default zone that campaigns copy. */
export function HoursTemplatesTab(props: { canChange: boolean }) {
  const { t } = useI18n();
  return (
    <TemplatesTab
      kind="hours"
      canChange={props.canChange}
      labels={{
        title: t('console.templates.hours'),
        newName: t('console.templates.hours.newName'),
        create: t('console.templates.hours.create'),
        none: t('console.templates.hours.none'),
        summary: t('console.templates.hours.summary'),
      }}
      summary={({ contactableTimes: h }) =>
        t('console.templates.hours.days', { days: WEEKDAYS.filter((d) => h.weekly[d].length > 0).length, holidays: h.holidays.length, zone: h.defaultTimeZone })
      }
      blank={{ contactableTimes: {} }}
      valueOf={(template) => template.contactableTimes}
      bodyOf={(contactableTimes) => ({ contactableTimes })}
      editor={(value, onChange) => <ContactableTimesEditor value={value} onChange={onChange} />}
    />
  );
}
