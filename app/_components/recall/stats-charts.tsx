"use client";
// The recall stats charts (recharts), loaded by stats-view.tsx only once the page is up.
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

const INK = "#4a5263";
const ACCENT = "#4f46c8";
const AGAIN = "#b3261e";
const OK = "#1f7a4d";

export function ReviewsChart({ data }: { data: { day: string; Recalled: number; Again: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11, fill: INK }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: INK }} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="Recalled" stackId="r" fill={OK} isAnimationActive={false} />
        <Bar dataKey="Again" stackId="r" fill={AGAIN} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function RetentionChart({ data, target }: { data: { day: string; Retention: number | null }[]; target: number }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11, fill: INK }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11, fill: INK }} />
        <Tooltip formatter={(v) => `${Number(v)}%`} />
        <ReferenceLine
          y={Math.round(target * 100)}
          stroke={INK}
          strokeDasharray="4 4"
          label={{ value: "your target", position: "insideBottomLeft", fontSize: 11, fill: INK }}
        />
        <Line dataKey="Retention" stroke={ACCENT} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function ForecastChart({ data }: { data: { day: string; Due: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11, fill: INK }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: INK }} />
        <Tooltip />
        <Bar dataKey="Due" fill={ACCENT} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
