import { useMemo } from 'react';
import uPlot from 'uplot';
import { useI18n } from '../../i18n/i18n';
import type { SeriesPoint } from './types';
import { UPlotChart } from './UPlotChart';

const COLORS = { attempts: '#93c5fd', connected: '#15803d', abandoned: '#b91c1c' };

/**
 * R2: attempts (bars), connected and abandoned calls (lines) per hour or day of the period, the
 * campaigns of the report together; the axis reads the report's time zone.
 */
export function SeriesChart(props: { points: SeriesPoint[]; unit: 'hour' | 'day'; timeZone: string }) {
  const { t, dateTime } = useI18n();
  const { points, unit, timeZone } = props;
  const labels = { attempts: t('console.reports.col.attempts'), connected: t('console.reports.col.connected'), abandoned: t('console.reports.col.abandoned') };
  const key = `${labels.attempts}|${labels.connected}|${labels.abandoned}`;
  // Each bucket's bar is centred on its start, with half a bucket of room at either end.
  const half = unit === 'hour' ? 1800 : 43200;
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      legend: { show: true, live: true },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true, range: (_u, min, max) => [min - half, max + half] }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
      axes: [
        {
          stroke: '#6b7280',
          grid: { stroke: '#eef0f3' },
          ticks: { stroke: '#e5e7eb' },
          // The ticks in the user's language, in the report's zone: 09:00 per hour, 2 Mar per day.
          values: (_u, splits) => splits.map((v) => dateTime(new Date(v * 1000), unit === 'hour' ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' }, timeZone)),
        },
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e5e7eb' }, size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
      ],
      series: [
        { label: t('console.reports.chart.time'), value: (_u, v) => (v == null ? '—' : points.find((p) => Date.parse(p.start) / 1000 === v)?.label ?? '') },
        { label: labels.attempts, stroke: COLORS.attempts, fill: `${COLORS.attempts}cc`, paths: uPlot.paths.bars!({ size: [0.7, 48], align: 0 }), points: { show: false } },
        { label: labels.connected, stroke: COLORS.connected, width: 2, points: { show: points.length <= 48, size: 5, fill: COLORS.connected } },
        { label: labels.abandoned, stroke: COLORS.abandoned, width: 2, points: { show: points.length <= 48, size: 5, fill: COLORS.abandoned } },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [timeZone, key, points, half, unit, dateTime],
  );
  const data = useMemo<uPlot.AlignedData>(
    () => [points.map((p) => Date.parse(p.start) / 1000), points.map((p) => p.attempts), points.map((p) => p.connected), points.map((p) => p.abandoned)],
    [points],
  );
  return <UPlotChart options={options} data={data} height={220} label={t(unit === 'hour' ? 'console.reports.chart.hourly' : 'console.reports.chart.daily')} />;
}
