import type { ReactNode } from 'react';
import { CsvLinks } from './CsvLinks';
import { ReportMeta } from './ReportMeta';

/** One table or chart of a report: its heading, the period it answered for, its CSV links, then the content. */
export function ReportCard(props: {
  id: string;
  title: string;
  report?: { from: string; to: string; timeZone: string; asOf: string };
  note?: string;
  csv?: { path: string; params: URLSearchParams };
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="card rp-card" aria-labelledby={props.id} aria-busy={props.busy}>
      <div className="rp-card-head">
        <h2 id={props.id}>{props.title}</h2>
        {props.report && <ReportMeta report={props.report} />}
        {props.note && <span className="muted small">{props.note}</span>}
        <div className="spacer" />
        {props.csv && <CsvLinks path={props.csv.path} params={props.csv.params} />}
      </div>
      {props.children}
    </section>
  );
}
