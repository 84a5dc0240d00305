/**
 * Small, dependency-free SVG charts for the benchmark reports (bench/pacing-report.ts): a
 * labelled scatter with reference lines, and stacked line panels sharing one x axis. Plain SVG
 * 1.1 text, readable on GitHub and in a browser; fonts are the system sans-serif.
 */
export interface Series {
  label: string;
  color: string;
  points: Array<[x: number, y: number | null]>;
  dashed?: boolean;
}

export interface ReferenceLine {
  at: number;
  label: string;
  color?: string;
}

export interface ScatterPoint {
  label: string;
  color: string;
  x: number;
  y: number;
  /** Half-widths of the error bars (one standard error), if any. */
  xErr?: number;
  yErr?: number;
  /** Drawn hollow (e.g. over the target). */
  hollow?: boolean;
}

export interface ScatterChart {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  points: ScatterPoint[];
  /** Vertical lines (e.g. the abandon target). */
  xLines?: ReferenceLine[];
  /** Horizontal lines (e.g. an optimal bound). */
  yLines?: ReferenceLine[];
  /** Axis ranges are widened to include these. */
  xMin?: number;
  yMin?: number;
  width?: number;
  height?: number;
}

export interface LinePanel {
  yLabel: string;
  series: Series[];
  yLines?: ReferenceLine[];
  yMin?: number;
  /** Cap the y axis (outliers are clipped at the top). */
  yMax?: number;
}

export interface LineChart {
  title: string;
  subtitle?: string;
  xLabel: string;
  panels: LinePanel[];
  xMax?: number;
  width?: number;
  panelHeight?: number;
}

const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';
const GRID = '#e3e3e3';
/** A white outline behind text drawn over the data, so lines do not cross it. */
const HALO = 'stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';
const AXIS = '#555';
const TEXT = '#222';

/** Colours that stay apart for up to ten series (Tableau 10). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function scatterChart(c: ScatterChart): string {
  const width = c.width ?? 760;
  const legendWidth = 170;
  const head = titles(c.title, c.subtitle, 70, width);
  const m = { left: 70, right: 20 + legendWidth, top: head.height + 24, bottom: 56 };
  const height = (c.height ?? 480) + m.top - 44;
  const xs = [...c.points.flatMap((p) => [p.x - (p.xErr ?? 0), p.x + (p.xErr ?? 0)]), ...(c.xLines ?? []).map((l) => l.at), ...(c.xMin === undefined ? [] : [c.xMin])];
  const ys = [...c.points.flatMap((p) => [p.y - (p.yErr ?? 0), p.y + (p.yErr ?? 0)]), ...(c.yLines ?? []).map((l) => l.at), ...(c.yMin === undefined ? [] : [c.yMin])];
  const xAxis = niceAxis(Math.min(...xs), Math.max(...xs), 6, 0.08);
  const yAxis = niceAxis(Math.min(...ys), Math.max(...ys), 6, 0.08);
  const plot = { x: m.left, y: m.top, w: width - m.left - m.right, h: height - m.top - m.bottom };
  const sx = (x: number): number => plot.x + ((x - xAxis.min) / (xAxis.max - xAxis.min)) * plot.w;
  const sy = (y: number): number => plot.y + plot.h - ((y - yAxis.min) / (yAxis.max - yAxis.min)) * plot.h;
  const out: string[] = [header(width, height), head.svg];
  out.push(grid(plot, xAxis.ticks.map(sx), yAxis.ticks.map(sy)));
  out.push(axes(plot, xAxis, yAxis, sx, sy, c.xLabel, c.yLabel));
  for (const l of c.xLines ?? []) {
    const x = sx(l.at);
    out.push(`<line x1="${f(x)}" y1="${plot.y}" x2="${f(x)}" y2="${plot.y + plot.h}" stroke="${l.color ?? '#c0392b'}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${f(x)}" y="${plot.y - 5}" font-size="12" text-anchor="middle" fill="${l.color ?? '#c0392b'}" ${FONT}>${esc(l.label)}</text>`);
  }
  for (const l of c.yLines ?? []) {
    const y = sy(l.at);
    out.push(`<line x1="${plot.x}" y1="${f(y)}" x2="${plot.x + plot.w}" y2="${f(y)}" stroke="${l.color ?? '#2c3e50'}" stroke-width="1.5" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${plot.x + 6}" y="${f(y - 5)}" font-size="12" fill="${l.color ?? '#2c3e50'}" ${HALO} ${FONT}>${esc(l.label)}</text>`);
  }
  for (const p of c.points) {
    const x = sx(p.x);
    const y = sy(p.y);
    if (p.xErr) out.push(`<line x1="${f(sx(p.x - p.xErr))}" y1="${f(y)}" x2="${f(sx(p.x + p.xErr))}" y2="${f(y)}" stroke="${p.color}" stroke-width="1.2"/>`);
    if (p.yErr) out.push(`<line x1="${f(x)}" y1="${f(sy(p.y - p.yErr))}" x2="${f(x)}" y2="${f(sy(p.y + p.yErr))}" stroke="${p.color}" stroke-width="1.2"/>`);
    out.push(`<circle cx="${f(x)}" cy="${f(y)}" r="6" fill="${p.hollow ? 'white' : p.color}" stroke="${p.color}" stroke-width="2"/>`);
  }
  // Labels beside the points, nudged apart vertically so they do not overlap.
  const labels = c.points.map((p) => ({ p, x: sx(p.x) + 9, y: sy(p.y) - 8 })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) {
    const prev = labels[i - 1]!;
    const cur = labels[i]!;
    if (Math.abs(cur.x - prev.x) < 110 && cur.y - prev.y < 14) cur.y = prev.y + 14;
  }
  for (const { p, x, y } of labels) {
    const anchorEnd = x + 100 > plot.x + plot.w;
    out.push(`<text x="${f(anchorEnd ? x - 20 : x)}" y="${f(y)}" font-size="12" fill="${TEXT}" text-anchor="${anchorEnd ? 'end' : 'start'}" ${HALO} ${FONT}>${esc(p.label)}</text>`);
  }
  out.push(legend(width - legendWidth, m.top, c.points.map((p) => ({ label: p.label, color: p.color, marker: p.hollow ? 'hollow' : 'dot' }))));
  out.push('</svg>\n');
  return out.join('\n');
}

export function lineChart(c: LineChart): string {
  const width = c.width ?? 900;
  const panelHeight = c.panelHeight ?? 230;
  const gap = 30;
  const legendWidth = 170;
  const head = titles(c.title, c.subtitle, 70, width);
  const m = { left: 70, right: 20 + legendWidth, top: head.height + 12, bottom: 52 };
  const height = m.top + c.panels.length * panelHeight + (c.panels.length - 1) * gap + m.bottom;
  const allX = c.panels.flatMap((p) => p.series.flatMap((s) => s.points.map(([x]) => x)));
  const xAxis = niceAxis(0, c.xMax ?? Math.max(...allX), 8, 0);
  const out: string[] = [header(width, height), head.svg];
  const w = width - m.left - m.right;
  c.panels.forEach((panel, i) => {
    const plot = { x: m.left, y: m.top + i * (panelHeight + gap), w, h: panelHeight };
    const ys = panel.series.flatMap((s) => s.points.map(([, y]) => y).filter((y): y is number => y !== null));
    const top = Math.min(panel.yMax ?? Number.POSITIVE_INFINITY, Math.max(...ys, ...(panel.yLines ?? []).map((l) => l.at)));
    const yAxis = niceAxis(panel.yMin ?? Math.min(...ys), top, 5, 0.04);
    const sx = (x: number): number => plot.x + ((x - xAxis.min) / (xAxis.max - xAxis.min)) * plot.w;
    const sy = (y: number): number => plot.y + plot.h - ((Math.min(y, yAxis.max) - yAxis.min) / (yAxis.max - yAxis.min)) * plot.h;
    out.push(grid(plot, xAxis.ticks.map(sx), yAxis.ticks.map(sy)));
    out.push(axes(plot, xAxis, yAxis, sx, sy, i === c.panels.length - 1 ? c.xLabel : '', panel.yLabel, i === c.panels.length - 1));
    out.push(`<clipPath id="clip${i}"><rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}"/></clipPath>`);
    for (const s of panel.series) {
      let d = '';
      let pen = false;
      for (const [x, y] of s.points) {
        if (y === null) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${f(sx(x))} ${f(sy(y))}`;
        pen = true;
      }
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="5 3"' : ''} clip-path="url(#clip${i})"/>`);
    }
    for (const l of panel.yLines ?? []) {
      const y = sy(l.at);
      out.push(`<line x1="${plot.x}" y1="${f(y)}" x2="${plot.x + plot.w}" y2="${f(y)}" stroke="${l.color ?? '#c0392b'}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
      out.push(`<text x="${plot.x + plot.w - 4}" y="${f(y - 5)}" font-size="12" text-anchor="end" fill="${l.color ?? '#c0392b'}" ${HALO} ${FONT}>${esc(l.label)}</text>`);
    }
  });
  const seen = new Map<string, { label: string; color: string; marker: 'line' | 'dashed' }>();
  for (const s of c.panels.flatMap((p) => p.series)) if (!seen.has(s.label)) seen.set(s.label, { label: s.label, color: s.color, marker: s.dashed ? 'dashed' : 'line' });
  out.push(legend(width - legendWidth, m.top, [...seen.values()]));
  out.push('</svg>\n');
  return out.join('\n');
}

// ── parts ─────────────────────────────────────────────────────────────────────────

interface Axis {
  min: number;
  max: number;
  ticks: number[];
  step: number;
}

/** An axis from lo to hi (padded by `pad` of the span) with round ticks. */
export function niceAxis(lo: number, hi: number, count: number, pad: number): Axis {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (hi - lo < 1e-12) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.1, hi + (Math.abs(hi) || 1) * 0.1];
  const span = hi - lo;
  const padded = { lo: lo - span * pad, hi: hi + span * pad };
  if (lo >= 0 && padded.lo < 0) padded.lo = 0;
  const raw = (padded.hi - padded.lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const min = Math.floor(padded.lo / step + 1e-9) * step;
  const max = Math.ceil(padded.hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step * 1e-6; t += step) ticks.push(Math.round(t / step) * step);
  return { min, max, ticks, step };
}

function header(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n<rect width="100%" height="100%" fill="white"/>`;
}

function titles(title: string, subtitle: string | undefined, left: number, width: number): { svg: string; height: number } {
  const out = [`<text x="${left}" y="24" font-size="16" font-weight="bold" fill="${TEXT}" ${FONT}>${esc(title)}</text>`];
  const lines = subtitle ? wrap(subtitle, Math.floor((width - left - 10) / 6.8)) : [];
  lines.forEach((line, i) => out.push(`<text x="${left}" y="${44 + 16 * i}" font-size="12" fill="#666" ${FONT}>${esc(line)}</text>`));
  return { svg: out.join('\n'), height: 44 + 16 * lines.length };
}

/** Splits text into lines of at most `chars` characters, at spaces. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function grid(plot: { x: number; y: number; w: number; h: number }, xs: number[], ys: number[]): string {
  return [
    ...xs.map((x) => `<line x1="${f(x)}" y1="${plot.y}" x2="${f(x)}" y2="${plot.y + plot.h}" stroke="${GRID}"/>`),
    ...ys.map((y) => `<line x1="${plot.x}" y1="${f(y)}" x2="${plot.x + plot.w}" y2="${f(y)}" stroke="${GRID}"/>`),
  ].join('\n');
}

function axes(plot: { x: number; y: number; w: number; h: number }, xAxis: Axis, yAxis: Axis, sx: (x: number) => number, sy: (y: number) => number, xLabel: string, yLabel: string, xTicks = true): string {
  const out = [`<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="${AXIS}"/>`];
  if (xTicks) for (const t of xAxis.ticks) out.push(`<text x="${f(sx(t))}" y="${plot.y + plot.h + 16}" font-size="11" text-anchor="middle" fill="${TEXT}" ${FONT}>${tick(t, xAxis.step)}</text>`);
  for (const t of yAxis.ticks) out.push(`<text x="${plot.x - 6}" y="${f(sy(t) + 4)}" font-size="11" text-anchor="end" fill="${TEXT}" ${FONT}>${tick(t, yAxis.step)}</text>`);
  if (xLabel) out.push(`<text x="${f(plot.x + plot.w / 2)}" y="${plot.y + plot.h + 38}" font-size="13" text-anchor="middle" fill="${TEXT}" ${FONT}>${esc(xLabel)}</text>`);
  const cy = plot.y + plot.h / 2;
  out.push(`<text x="${plot.x - 48}" y="${f(cy)}" font-size="13" text-anchor="middle" fill="${TEXT}" transform="rotate(-90 ${plot.x - 48} ${f(cy)})" ${FONT}>${esc(yLabel)}</text>`);
  return out.join('\n');
}

function legend(x: number, y: number, items: Array<{ label: string; color: string; marker: 'dot' | 'hollow' | 'line' | 'dashed' }>): string {
  const out = [`<text x="${x + 10}" y="${y + 4}" font-size="12" font-weight="bold" fill="${TEXT}" ${FONT}>algorithm</text>`];
  items.forEach((item, i) => {
    const cy = y + 24 + i * 20;
    if (item.marker === 'line' || item.marker === 'dashed') out.push(`<line x1="${x + 10}" y1="${cy}" x2="${x + 34}" y2="${cy}" stroke="${item.color}" stroke-width="2.5"${item.marker === 'dashed' ? ' stroke-dasharray="5 3"' : ''}/>`);
    else out.push(`<circle cx="${x + 22}" cy="${cy}" r="5.5" fill="${item.marker === 'hollow' ? 'white' : item.color}" stroke="${item.color}" stroke-width="2"/>`);
    out.push(`<text x="${x + 42}" y="${cy + 4}" font-size="12" fill="${TEXT}" ${FONT}>${esc(item.label)}</text>`);
  });
  return out.join('\n');
}

function tick(t: number, step: number): string {
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return t.toFixed(step >= 1 && Number.isInteger(step) ? 0 : Math.min(digits + (Number.isInteger(step * 10 ** digits) ? 0 : 1), 4));
}

const f = (x: number): string => (Math.round(x * 10) / 10).toString();
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
