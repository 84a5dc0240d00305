import { useEffect, useState } from 'react';
import type { AgentView, HistoryItem } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { CallCard } from './CallCard';
import { asGuide, CallGuide, type GuideAnswer } from './CallGuide';
import { ContactPanel } from './ContactPanel';
import { LinesPanel } from './LinesPanel';
import { useZipTone } from '../ui/zip-tone';
import { PreviewActions } from './PreviewActions';
import { WrapUpPanel } from './WrapUpPanel';

/** The middle of the desktop: what to do now — nothing yet, the record in review, the call, the wrap-up. */
export function WorkArea(props: { view: AgentView; history: HistoryItem[] }) {
  const { t } = useI18n();
  const { view } = props;
  const work = view.work;
  // D9: the guide's answers live as long as the record is in hand (call, then wrap-up).
  const [answers, setAnswers] = useState<GuideAnswer[]>([]);
  useEffect(() => setAnswers([]), [work?.recordId]);
  useZipTone(work?.mode, work?.call?.id, work?.call?.status);
  if (!work || view.state === 'reserved.offered') {
    const idle = view.status === 'logged_out' ? 'idle.loggedOut' : view.status === 'ready' || view.state === 'reserved.offered' ? 'idle.ready' : 'idle.notReady';
    return (
      <div className="idle">
        <p>{t(idle)}</p>
        <LinesPanel lines={view.lines} />
      </div>
    );
  }
  const previewing = view.state === 'reserved.previewing';
  const guide = asGuide(work.callGuide);
  const talking = view.status === 'on_call' || view.status === 'wrap_up';
  return (
    <div className="work-grid">
      <ContactPanel work={work} history={props.history} canDial={previewing} />
      <div className="work-side">
        {work.call && view.status === 'on_call' && <CallCard call={work.call} />}
        <LinesPanel lines={view.lines} />
        {view.status === 'wrap_up' && <WrapUpPanel work={work} answers={guide ? answers : []} />}
        {guide && talking && <CallGuide guide={guide} answers={answers} onChange={setAnswers} />}
        {previewing && <PreviewActions work={work} />}
      </div>
    </div>
  );
}
