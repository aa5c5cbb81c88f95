// "Download": the palace as a file in each export format. Plain links to the export route, so
// the browser handles the download and anyone who can read the palace can take it away.
const FORMATS = [
  { format: "engram", label: "Engram JSON", hint: "the whole palace; import it to get the same palace back" },
  { format: "markdown", label: "Markdown outline", hint: "rooms as headings, concepts in route order with notes" },
  { format: "canvas", label: "JSON Canvas", hint: "for Obsidian: rooms as groups, concepts as cards, links as arrows" },
  { format: "apkg", label: "Anki deck (.apkg)", hint: "one card per stop: palace › room › place on the front, the concept and its picture on the back" },
  { format: "anki", label: "Anki deck (text)", hint: "the same cards as a text file for Anki's Import File" },
] as const;

export function DownloadMenu({ palaceId }: { palaceId: string }) {
  return (
    <details className="download-menu">
      <summary className="btn btn-small">Download…</summary>
      <ul className="list" aria-label="Download formats">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={`/api/palaces/${palaceId}/export?format=${f.format}`} download>
              {f.label}
            </a>
            <span className="small muted"> — {f.hint}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
