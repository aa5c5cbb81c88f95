"use client";
// What an import mended rather than refused, shown once the palace is written: each repair a
// sentence naming the node, so a person can check it in the new palace or fix the source file.

export function ImportReport(props: { title: string; lines: string[]; onOpen: () => void }) {
  return (
    <div className="import-report">
      <h2 id="import-title">Imported “{props.title}”</h2>
      <p className="muted small">
        Everything came in. {props.lines.length === 1 ? "One thing was" : `${props.lines.length} things were`} mended on the
        way:
      </p>
      <ul className="small" aria-label="Import report">
        {props.lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={props.onOpen} autoFocus>
          Open the palace
        </button>
      </div>
    </div>
  );
}
