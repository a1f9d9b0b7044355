import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { SpendPoint } from '../api-types.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLORS = [
  '#3366cc',
  '#dc3912',
  '#ff9900',
  '#109618',
  '#990099',
  '#0099c6',
  '#dd4477',
  '#66aa00',
  '#b82e2e',
  '#316395',
];

/** Spend per day, one stacked bar per day, one colour per value of `by` (provider, task or community). */
export function SpendChart({
  points,
  days,
  by,
  title,
}: {
  points: SpendPoint[];
  days: string[];
  by: 'provider' | 'task' | 'community';
  title: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const groups = [...new Set(points.map((point) => point[by]))].sort();
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: days,
        datasets: groups.map((group, index) => ({
          label: group,
          backgroundColor: COLORS[index % COLORS.length] ?? '#888888',
          data: days.map(
            (day) =>
              points
                .filter((point) => point.day === day && point[by] === group)
                .reduce((sum, point) => sum + point.micros, 0) / 1e6,
          ),
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'USD' } } },
      },
    });
    return () => chart.destroy();
  }, [points, days, by]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}
