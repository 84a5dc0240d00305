import { useI18n } from '../../i18n/i18n';
import { WrapUpCodesEditor } from '../campaigns/WrapUpCodesEditor';
import { wrapUpCodesBody } from '../campaigns/wizard/draft';
import { TemplatesTab } from './TemplatesTab';

/** Administration → Wrap-up code sets (D8): named sets of codes with outcomes that campaigns copy. */
export function CodeSetsTab(props: { canChange: boolean }) {
  const { t } = useI18n();
  return (
    <TemplatesTab
      kind="codeSets"
      canChange={props.canChange}
      labels={{
        title: t('console.templates.codeSets'),
        newName: t('console.templates.codeSets.newName'),
        create: t('console.templates.codeSets.create'),
        none: t('console.templates.codeSets.none'),
        summary: t('console.templates.codeSets.codes'),
      }}
      summary={(set) => {
        const own = set.codes.filter((c) => !c.system);
        return own.length === 0 ? t('console.templates.codeSets.systemOnly') : own.map((c) => c.label).join(', ');
      }}
      blank={{ codes: [] }}
      valueOf={(set) => set.codes}
      bodyOf={(codes) => ({ codes: wrapUpCodesBody(codes) })}
      editor={(codes, onChange) => <WrapUpCodesEditor codes={codes} onChange={onChange} />}
    />
  );
}
