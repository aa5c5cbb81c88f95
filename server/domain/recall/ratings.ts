// The four grades of a review as the recall page shows them. Plain data without zod, so the
// page can import it without downloading the schemas (recall.schema.ts re-exports it).
export const RATINGS = [
  { rating: 1, label: "Again", key: "1", hint: "Forgot it" },
  { rating: 2, label: "Hard", key: "2", hint: "Recalled with effort" },
  { rating: 3, label: "Good", key: "3", hint: "Recalled it" },
  { rating: 4, label: "Easy", key: "4", hint: "Knew it at once" },
] as const;
