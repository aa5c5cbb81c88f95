"use client";
// "Bring Anki history": an .apkg or .colpkg file's review log goes into your own schedule for
// the concepts of this palace that its notes match. The server reads and checks the file.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ANKI_MAX_BYTES } from "~/server/domain/anki/anki.schema";
import { useTRPC } from "../../_trpc/client";
import { readAsBase64 } from "../read-file";

export function AnkiHistoryImport({ palaceId }: { palaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const bring = useMutation(
    trpc.recall.importAnki.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries(trpc.recall.pathFilter());
        setMessage({
          error: false,
          text:
            r.matchedNotes === 0
              ? `None of the file's ${r.notes} notes matched a concept of this palace, so nothing was added.`
              : `${r.matchedNotes} of ${r.notes} notes matched. ${r.reviews} ${r.reviews === 1 ? "review was" : "reviews were"} added to your history` +
                (r.alreadyImported > 0 ? ` (${r.alreadyImported} were already here)` : "") +
                `, and ${r.concepts} ${r.concepts === 1 ? "schedule was" : "schedules were"} brought up to date.`,
        });
      },
      onError: (e) => setMessage({ error: true, text: e.message }),
    }),
  );

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    if (file.size > ANKI_MAX_BYTES) {
      setMessage({ error: true, text: `The Anki file is larger than ${ANKI_MAX_BYTES / 1024 / 1024} MB. Export it from Anki without media (untick Include media).` });
      return;
    }
    try {
      bring.mutate({ palaceId, fileName: file.name, data: await readAsBase64(file) });
    } catch (e) {
      setMessage({ error: true, text: (e as Error).message });
    }
  };

  return (
    <div className="field anki-history">
      <label htmlFor={inputId}>Bring your Anki history (.apkg or .colpkg)</label>
      <input id={inputId} type="file" accept=".apkg,.colpkg" disabled={bring.isPending} onChange={(e) => void onFile(e.target.files?.[0])} />
      <p className="small muted">
        Reviews of notes that match this palace&apos;s concepts (by the Engram ID of a deck exported here, or by a concept&apos;s title)
        join your schedule. Only your own schedule changes; importing the same file again adds nothing.
      </p>
      {bring.isPending && <p className="small" aria-live="polite">Reading the Anki file…</p>}
      {message && (
        <p className={message.error ? "form-error" : "small"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
