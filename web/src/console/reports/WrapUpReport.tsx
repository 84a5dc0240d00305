import { codeLabel } from '../../desk/CodeSelect';
import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { reportParams, type Filters } from './filters';
import { percent } from './format';
import { useReport } from './queries';
import { ReportCard } from './ReportCard';
import type { WrapUpReport as Report, WrapUpRow } from './types';

/** R2: results by wrap-up code — per campaign, every code with its count, share and a bar. */
export function WrapUpReport(props: { filters: Filters }) {
  const { t } = useI18n();
  const params = reportParams(props.filters);
  const report = useReport<Report>('wrap-up-codes', params);
  return (
    <PageState query={report}>
      {(r) => {
        const campaigns = groupByCampaign(r.items);
        return (
          <ReportCard id="rp-codes" title={t('console.reports.codes.title')} report={r} csv={{ path: 'wrap-up-codes', params }}>
            {campaigns.length === 0 && <p className="muted rp-empty">{t('console.reports.campaigns.none')}</p>}
            <div className="rp-code-grid">
              {campaigns.map(([name, rows]) => (
                <CampaignCodes key={name} name={name} rows={rows} />
              ))}
            </div>
          </ReportCard>
        );
      }}
    </PageState>
  );
}

function groupByCampaign(items: WrapUpRow[]): Array<[string, WrapUpRow[]]> {
  const groups = new Map<number, [string, WrapUpRow[]]>();
  for (const row of items) {
    const group = groups.get(row.campaignId) ?? [row.campaignName, []];
    group[1].push(row);
    groups.set(row.campaignId, group);
  }
  return [...groups.values()];
}

function CampaignCodes(props: { name: string; rows: WrapUpRow[] }) {
  const { t, tMaybe, locale } = useI18n();
  const total = props.rows.reduce((n, r) => n + r.count, 0);
  const max = Math.max(1, ...props.rows.map((r) => r.count));
  return (
    <div className="rp-codes" data-campaign={props.name}>
      <h3>
        {props.name} <span className="muted small">{t('console.reports.codes.wrapped', { count: total })}</span>
      </h3>
      <table className="rp-table">
        <thead>
          <tr>
            <th>{t('console.reports.col.code')}</th>
            <th>{t('console.reports.col.outcome')}</th>
            <th className="num">{t('console.reports.col.count')}</th>
            <th className="rp-bar-col">{t('console.reports.col.share')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.code} data-code={row.code} className={row.count === 0 ? 'rp-zero' : ''}>
              <th scope="row">
                {codeLabel(row, tMaybe)}
                {row.label !== row.code && <span className="rp-code">{row.code}</span>}
              </th>
              <td>{row.outcome ? tMaybe(`console.wizard.outcome.${row.outcome}`, row.outcome) : '—'}</td>
              <td className="num">{row.count}</td>
              <td className="rp-bar-col">
                <span className="rp-hbar">
                  <span className={`rp-hbar-fill rp-outcome-${row.outcome ?? 'none'}`} style={{ width: `${(row.count / max) * 100}%` }} />
                </span>
                <span className="rp-share">{percent(row.sharePercent, locale)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
