"use client";
// Notes rendered from Markdown without raw HTML: react-markdown drops HTML and unsafe link
// protocols, and links open in a new tab without handing over the opener.
import Markdown from "react-markdown";

export function MarkdownNotes({ source }: { source: string }) {
  return (
    // Focusable so keyboard users can scroll long notes.
    <div className="notes" tabIndex={0} role="region" aria-label="Notes">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ),
          img: ({ alt }) => <span>{alt}</span>,
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}
