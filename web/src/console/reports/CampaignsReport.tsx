import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { ModeName, StatusTag } from '../campaigns/badges';
import type { CampaignStatus, DialingMode } from '../campaigns/types';
import { PageState } from '../ui/PageState';
import { reportParams, type Filters } from './filters';
import { abandonClass, hms, percent } from './format';
import { useReport } from './queries';
import { ReportCard } from './ReportCard';
import { SeriesChart } from './SeriesChart';
import type { CampaignReport, CampaignRow, Figures } from './types';

/** The campaign report's columns after the name: what a supervisor reads a campaign's day by. */
const COLUMNS: Array<{ key: string; label: MessageKey; title?: MessageKey; cell(f: Figures, locale: string): string }> = [
  { key: 'attempts', label: 'console.reports.col.attempts', cell: (f) => String(f.attempts) },
  { key: 'liveAnswers', label: 'console.reports.col.liveAnswers', title: 'console.reports.col.liveAnswers.title', cell: (f) => String(f.liveAnswers) },
  { key: 'connected', label: 'console.reports.col.connected', cell: (f) => String(f.connected) },
  { key: 'abandoned', label: 'console.reports.col.abandoned', cell: (f) => String(f.abandoned) },
  { key: 'abandonRate', label: 'console.reports.col.abandonRate', title: 'console.reports.col.abandonRate.title', cell: (f, l) => percent(f.abandonRatePercent, l) },
  { key: 'avgTalk', label: 'console.reports.col.avgTalk', cell: (f) => hms(f.avgTalkMs) },
  { key: 'avgWrap', label: 'console.reports.col.avgWrap', cell: (f) => hms(f.avgWrapMs) },
  { key: 'reached', label: 'console.reports.col.reached', title: 'console.reports.col.reached.title', cell: (f) => String(f.contactsReached) },
  { key: 'success', label: 'console.reports.col.success', cell: (f) => String(f.success) },
  { key: 'conversion', label: 'console.reports.col.conversion', title: 'console.reports.col.conversion.title', cell: (f, l) => percent(f.conversionRatePercent, l) },
];

/** R2: the campaign report — a row per campaign and the totals, the chart of the period, the CSV of both. */
export function CampaignsReport(props: { filters: Filters }) {
  const { t, locale } = useI18n();
  const params = reportParams(props.filters);
  const report = useReport<CampaignReport>('campaigns', params);
  const seriesParams = new URLSearchParams(params);
  seriesParams.set('table', 'series');
  return (
    <PageState query={report}>
      {(r) => (
        <>
          <ReportCard id="rp-campaigns" title={t('console.reports.campaigns.title')} report={r} csv={{ path: 'campaigns', params }}>
            {r.campaigns.length === 0 ? (
              <p className="muted rp-empty">{t('console.reports.campaigns.none')}</p>
            ) : (
              <div className="rp-scroll">
                <table className="rp-table" data-table="campaigns">
                  <thead>
                    <tr>
                      <th>{t('console.reports.col.campaign')}</th>
                      {COLUMNS.map((c) => (
                        <th key={c.key} className="num" title={c.title ? t(c.title) : undefined}>
                          {t(c.label)}
                        </th>
                      ))}
                      <th className="num" title={t('console.reports.col.penetration.title')}>
                        {t('console.reports.col.penetration')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.campaigns.map((c) => (
                      <Row key={c.campaignId} row={c} locale={locale} />
                    ))}
                  </tbody>
                  <tfoot>
                    <tr data-row="totals">
                      <th scope="row">{t('console.reports.totals')}</th>
                      {COLUMNS.map((col) => (
                        <td key={col.key} className={`num ${col.key === 'abandonRate' ? abandonClass(r.totals.abandonRatePercent) : ''}`}>
                          {col.cell(r.totals, locale)}
                        </td>
                      ))}
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
            {r.totals.attempts === 0 && r.campaigns.length > 0 && <p className="muted rp-hint">{t('console.reports.campaigns.noAttempts')}</p>}
          </ReportCard>
          <ReportCard
            id="rp-series"
            title={t(r.series.unit === 'hour' ? 'console.reports.chart.hourly' : 'console.reports.chart.daily')}
            note={props.filters.campaignId ? undefined : t('console.reports.chart.note')}
            csv={{ path: 'campaigns', params: seriesParams }}
          >
            <SeriesChart points={r.series.points} unit={r.series.unit} timeZone={r.timeZone} />
          </ReportCard>
        </>
      )}
    </PageState>
  );
}

function Row(props: { row: CampaignRow; locale: string }) {
  const { t } = useI18n();
  const { row, locale } = props;
  return (
    <tr data-campaign-id={row.campaignId}>
      <th scope="row">
        <span className="rp-name">{row.campaignName}</span>
        <span className="rp-sub">
          <StatusTag status={row.status as CampaignStatus} /> <ModeName mode={row.mode as DialingMode} />
        </span>
      </th>
      {COLUMNS.map((c) => (
        <td key={c.key} className={`num ${c.key === 'abandonRate' ? abandonClass(row.abandonRatePercent) : ''}`}>
          {c.cell(row, locale)}
        </td>
      ))}
      <td className="num" title={t('console.reports.progress', { done: row.progress.done, total: row.progress.total })}>
        {percent(row.progress.penetrationPercent, locale)}
      </td>
    </tr>
  );
}
