// Stands in for the `server-only` package under vitest: the real one throws outside Next's
// react-server build, and tests run server modules in plain Node on purpose.
export {};
