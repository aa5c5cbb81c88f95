"use client";
// Recall progress in charts: reviews per day, retention over time, the reviews coming due in
// the next 30 days, and the concepts most likely to be forgotten. Each chart has a sentence
// that says what it shows, for people who cannot see it.
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { TStats } from "~/server/domain/review/review.schema";
import { useTRPC } from "../../_trpc/client";

const INK = "#4a5263";
const ACCENT = "#4f46c8";
const AGAIN = "#b3261e";
const OK = "#1f7a4d";
const percent = (n: number | null) => (n === null ? "–" : `${Math.round(n * 100)}%`);
const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

function ChartFigure(props: { id: string; title: string; summary: string; children: React.ReactNode }) {
  return (
    <figure className="card stats-chart" aria-labelledby={`${props.id}-title`} aria-describedby={`${props.id}-summary`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div className="stats-chart-body" data-testid={`chart-${props.id}`}>
        {props.children}
      </div>
      <figcaption id={`${props.id}-summary`} className="small muted">
        {props.summary}
      </figcaption>
    </figure>
  );
}

export function StatsView({ palaceId }: { palaceId?: string }) {
  const trpc = useTRPC();
  const { data: stats } = useSuspenseQuery(trpc.review.stats.queryOptions(palaceId ? { palaceId } : {}));
  return <StatsCharts stats={stats} />;
}

function StatsCharts({ stats }: { stats: TStats }) {
  const recent = stats.days.slice(-30);
  const reviews30 = recent.reduce((n, d) => n + d.reviews, 0);
  const activeDays = recent.filter((d) => d.reviews > 0).length;
  const perDay = recent.map((d) => ({ day: shortDay(d.day), Recalled: d.reviews - d.again, Again: d.again }));
  const retention = stats.days
    .slice(-60)
    .map((d) => ({ day: shortDay(d.day), Retention: d.retention === null ? null : Math.round(d.retention * 100) }));
  const lastRetention = [...stats.days].reverse().find((d) => d.retention !== null)?.retention ?? null;
  const forecast = stats.forecast.map((d, i) => ({ day: i === 0 ? "Today" : shortDay(d.day), Due: d.due }));
  const week = stats.forecast.slice(0, 7).reduce((n, d) => n + d.due, 0);
  const busiest = stats.forecast.reduce((best, d) => (d.due > best.due ? d : best), stats.forecast[0] ?? { day: "", due: 0 });
  const title = stats.palace ? stats.palace.title : "All your palaces";

  return (
    <>
      <nav className="small" aria-label="Breadcrumb">
        {stats.palace ? (
          <>
            <Link href={`/palaces/${stats.palace.id}`}>{stats.palace.title}</Link> › Stats ·{" "}
            <Link href="/stats">All palaces</Link>
          </>
        ) : (
          <Link href="/today">Due today</Link>
        )}
      </nav>
      <div className="today-head">
        <h1>Recall stats: {title}</h1>
        {stats.palace && (
          <Link className="btn btn-primary" href={`/palaces/${stats.palace.id}/recall?due=1`}>
            Walk what is due
          </Link>
        )}
      </div>
      <dl className="stats-totals">
        <div>
          <dt>Reviews</dt>
          <dd>{stats.totals.reviews}</dd>
        </div>
        <div>
          <dt>Concepts studied</dt>
          <dd>{stats.totals.studied}</dd>
        </div>
        <div>
          <dt>Due now</dt>
          <dd>{stats.totals.dueNow}</dd>
        </div>
        <div>
          <dt>Recalled</dt>
          <dd>{percent(stats.totals.recalledShare)}</dd>
        </div>
        <div>
          <dt>Recall chance now</dt>
          <dd>{percent(stats.totals.averageRetrievability)}</dd>
        </div>
      </dl>
      {stats.totals.reviews === 0 ? (
        <div className="card empty muted">
          <p>No reviews yet. Walk a palace and grade yourself: your progress appears here.</p>
        </div>
      ) : (
        <div className="stats-grid">
          <ChartFigure
            id="reviews"
            title="Reviews per day"
            summary={`${reviews30} reviews on ${activeDays} of the last 30 days; red is what you had to look up.`}
          >
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={perDay} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" tick={{ fontSize: 11, fill: INK }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: INK }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="Recalled" stackId="r" fill={OK} isAnimationActive={false} />
                <Bar dataKey="Again" stackId="r" fill={AGAIN} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartFigure>
          <ChartFigure
            id="retention"
            title="Retention over time"
            summary={`Share of grades better than Again over the 7 days ending each day; latest ${percent(lastRetention)}, against your target of ${percent(stats.desiredRetention)} (dashed).`}
          >
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={retention} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" tick={{ fontSize: 11, fill: INK }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11, fill: INK }} />
                <Tooltip formatter={(v) => `${v}%`} />
                <ReferenceLine
                  y={Math.round(stats.desiredRetention * 100)}
                  stroke={INK}
                  strokeDasharray="4 4"
                  label={{ value: "your target", position: "insideBottomLeft", fontSize: 11, fill: INK }}
                />
                <Line dataKey="Retention" stroke={ACCENT} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </ChartFigure>
          <ChartFigure
            id="forecast"
            title="Coming due, next 30 days"
            summary={`${week} reviews in the next 7 days; the busiest day is ${busiest.day ? shortDay(busiest.day) : "none"} with ${busiest.due}.`}
          >
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={forecast} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" tick={{ fontSize: 11, fill: INK }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: INK }} />
                <Tooltip />
                <Bar dataKey="Due" fill={ACCENT} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartFigure>
          <section className="card stats-chart" aria-labelledby="weakest-title">
            <h2 id="weakest-title">Weakest concepts</h2>
            {stats.weakest.length === 0 ? (
              <p className="small muted">Nothing studied yet.</p>
            ) : (
              <table className="stats-table">
                <thead>
                  <tr>
                    <th scope="col">Concept</th>
                    <th scope="col">Recall chance</th>
                    <th scope="col">Lapses</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.weakest.map((w) => (
                    <tr key={w.conceptId}>
                      <td>
                        <Link href={`/palaces/${w.palaceId}`}>{w.title}</Link>
                        {!stats.palace && <div className="small muted">{w.palaceTitle}</div>}
                      </td>
                      <td>
                        <span className="stats-meter" aria-hidden="true">
                          <span style={{ width: `${Math.round(w.retrievability * 100)}%` }} />
                        </span>{" "}
                        {percent(w.retrievability)}
                      </td>
                      <td>{w.lapses}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </>
  );
}
