import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A uPlot chart as a React component: made when the options change, given new data in place,
 * as wide as its box (a ResizeObserver follows the layout), destroyed on unmount.
 */
export function UPlotChart(props: { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData; height: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { options, height } = props;

  useEffect(() => {
    const el = box.current!;
    const chart = new uPlot({ ...options, width: Math.max(el.clientWidth, 200), height }, props.data, el);
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 200), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // The data goes in below without making the chart again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options, height]);

  useEffect(() => plot.current?.setData(props.data), [props.data]);

  return <div ref={box} className="rp-chart" role="img" aria-label={props.label} />;
}
