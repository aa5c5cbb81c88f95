"use client";
// Recall progress in charts: reviews per day, retention over time, the reviews coming due in
// the next 30 days, and the concepts most likely to be forgotten. Each chart has a sentence
// that says what it shows, for people who cannot see it.
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import dynamic from "next/dynamic";
import type { TStats } from "~/server/domain/recall/recall.schema";
import { useTRPC } from "../../_trpc/client";

// recharts is most of this page's JavaScript: the charts load after the page is interactive,
// in the space the figure keeps for them; the numbers and summaries are there from the start.
const chartSlot = () => <div className="stats-chart-slot" style={{ height: 220 }} aria-hidden="true" />;
const ReviewsChart = dynamic(() => import("./stats-charts").then((m) => m.ReviewsChart), { ssr: false, loading: chartSlot });
const RetentionChart = dynamic(() => import("./stats-charts").then((m) => m.RetentionChart), { ssr: false, loading: chartSlot });
const ForecastChart = dynamic(() => import("./stats-charts").then((m) => m.ForecastChart), { ssr: false, loading: chartSlot });
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
  const { data: stats } = useSuspenseQuery(trpc.recall.stats.queryOptions(palaceId ? { palaceId } : {}));
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
            <ReviewsChart data={perDay} />
          </ChartFigure>
          <ChartFigure
            id="retention"
            title="Retention over time"
            summary={`Share of grades better than Again over the 7 days ending each day; latest ${percent(lastRetention)}, against your target of ${percent(stats.desiredRetention)} (dashed).`}
          >
            <RetentionChart data={retention} target={stats.desiredRetention} />
          </ChartFigure>
          <ChartFigure
            id="forecast"
            title="Coming due, next 30 days"
            summary={`${week} reviews in the next 7 days; the busiest day is ${busiest.day ? shortDay(busiest.day) : "none"} with ${busiest.due}.`}
          >
            <ForecastChart data={forecast} />
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
