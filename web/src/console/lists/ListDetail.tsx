import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { count } from './format';
import { ImportHistory } from './ImportHistory';
import { ImportResult } from './ImportResult';
import { useList } from './queries';
import { CampaignTag } from './StatusTag';
import { UploadWizard } from './UploadWizard';
import type { ContactList } from './types';

/** /console/lists/:id — the list, its imports, and "Upload contacts" (also while a campaign dials it: L2, O10). */
export function ListDetail(props: { id: number }) {
  const list = useList(props.id);
  return <PageState query={list}>{(l) => <Detail list={l} />}</PageState>;
}

function Detail({ list }: { list: ContactList }) {
  const { t, locale, dateTime } = useI18n();
  const [uploading, setUploading] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  const inUse = list.campaigns.filter((c) => c.status === 'running' || c.status === 'paused');
  return (
    <section className="list-detail" aria-labelledby="list-title">
      <p className="small">
        <Link href="/">← {t('console.lists.back')}</Link>
      </p>
      <div className="lists-head">
        <h1 id="list-title">{list.name}</h1>
        <div className="spacer" />
        {!uploading && (
          <button type="button" className="primary" onClick={() => { setShown(null); setUploading(true); }}>
            {t('console.lists.upload')}
          </button>
        )}
      </div>
      <dl className="fields card list-facts">
        <div>
          <dt>{t('console.lists.col.records')}</dt>
          <dd>{count(list.recordCount, locale)}</dd>
        </div>
        <div>
          <dt>{t('console.lists.col.region')}</dt>
          <dd>{list.defaultRegion}</dd>
        </div>
        <div>
          <dt>{t('console.lists.col.timeZone')}</dt>
          <dd>{list.defaultTimeZone ?? t('console.lists.zoneFromNumber')}</dd>
        </div>
        <div>
          <dt>{t('console.lists.created')}</dt>
          <dd>{dateTime(list.createdAt)}</dd>
        </div>
        <div className="wide">
          <dt>{t('console.lists.col.campaigns')}</dt>
          <dd>{list.campaigns.length === 0 ? t('console.lists.noCampaigns') : list.campaigns.map((c) => <CampaignTag key={c.id} name={c.name} status={c.status} />)}</dd>
        </div>
      </dl>
      {inUse.length > 0 && (
        <p className="banner info" role="note">
          {t('console.lists.appendWhileRunning', { campaigns: inUse.map((c) => c.name).join(', ') })}
        </p>
      )}
      {uploading && <UploadWizard list={list} onClose={() => setUploading(false)} />}
      {shown !== null && !uploading && (
        <div className="card import-shown">
          <ImportResult listId={list.id} importId={shown} />
          <button type="button" onClick={() => setShown(null)}>
            {t('console.close')}
          </button>
        </div>
      )}
      <ImportHistory listId={list.id} onShow={(id) => { setUploading(false); setShown(id); }} />
    </section>
  );
}
