import { useState } from 'react';
import type { HistoryItem, Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useNow } from '../ui/use-now';
import { isDialerMode } from '../ui/zip-tone';
import { AttemptsTab } from './AttemptsTab';
import { HistoryTable } from './HistoryTable';
import { PhoneList } from './PhoneList';

type Tab = 'details' | 'history' | 'attempts';

/** P2: the record in hand — name (with its reading), campaign, the contact's local time, numbers, screen-pop fields, History and Attempts. */
export function ContactPanel(props: { work: Work; history: HistoryItem[]; canDial: boolean }) {
  const { t, tMaybe, dateTime } = useI18n();
  const [tab, setTab] = useState<Tab>('details');
  const now = useNow(15_000);
  const { work } = props;
  const fields = Object.entries(work.screenPop);
  const tabs: Tab[] = ['details', 'history', 'attempts'];
  return (
    <section className="card contact" aria-labelledby="contact-name">
      <header className="contact-head">
        <div>
          <h1 id="contact-name">
            {work.name ?? t('offer.noName')}
            {work.phoneticName && <span className="phonetic">{work.phoneticName}</span>}
          </h1>
          <p className="muted">
            <span className="tag campaign-tag">
              {isDialerMode(work.mode) && (
                <span className="outbound-icon" role="img" aria-label={t('contact.outbound')}>
                  ↗
                </span>
              )}
              {work.campaignName}
            </span>
            {work.timeZone && <span className="local-time">{t('contact.localTime', { time: dateTime(new Date(now), { weekday: 'short', hour: '2-digit', minute: '2-digit' }, work.timeZone), zone: work.timeZone })}</span>}
          </p>
        </div>
        <dl className="counts">
          <div>{t('contact.attempts', { count: work.attempts })}</div>
          <div>{t('contact.skips', { count: work.skips })}</div>
          {work.lastResult && <div>{t('contact.lastResult', { result: tMaybe(`result.${work.lastResult}`, work.lastResult) })}</div>}
        </dl>
      </header>
      {work.callback?.notes && <p className="callback-notes">{t('contact.callbackNotes', { notes: work.callback.notes })}</p>}
      <PhoneList work={work} canDial={props.canDial} />
      <div className="tabs" role="tablist" aria-label={t('contact.tabs')}>
        {tabs.map((id) => (
          <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} onClick={() => setTab(id)}>
            {t(`contact.tab.${id}`)}
            {id === 'history' && props.history.length > 0 && <span className="count">{props.history.length}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'details' &&
          (fields.length === 0 ? (
            <p className="muted">{t('contact.noFields')}</p>
          ) : (
            <dl className="fields">
              {fields.map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
              {work.region && (
                <div>
                  <dt>{t('contact.region')}</dt>
                  <dd>{work.region}</dd>
                </div>
              )}
            </dl>
          ))}
        {tab === 'history' && <HistoryTable history={props.history} />}
        {tab === 'attempts' && <AttemptsTab work={work} />}
      </div>
    </section>
  );
}
