import type { AgentView, HistoryItem } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { CallCard } from './CallCard';
import { ContactPanel } from './ContactPanel';
import { PreviewActions } from './PreviewActions';
import { WrapUpPanel } from './WrapUpPanel';

/** The middle of the desktop: what to do now — nothing yet, the record in review, the call, the wrap-up. */
export function WorkArea(props: { view: AgentView; history: HistoryItem[] }) {
  const { t } = useI18n();
  const { view } = props;
  const work = view.work;
  if (!work || view.state === 'reserved.offered') {
    const idle = view.status === 'logged_out' ? 'idle.loggedOut' : view.status === 'ready' || view.state === 'reserved.offered' ? 'idle.ready' : 'idle.notReady';
    return (
      <div className="idle">
        <p>{t(idle)}</p>
      </div>
    );
  }
  const previewing = view.state === 'reserved.previewing';
  return (
    <div className="work-grid">
      <ContactPanel work={work} history={props.history} canDial={previewing} />
      <div className="work-side">
        {work.call && view.status === 'on_call' && <CallCard call={work.call} />}
        {view.status === 'wrap_up' && <WrapUpPanel work={work} />}
        {previewing && <PreviewActions work={work} />}
      </div>
    </div>
  );
}
