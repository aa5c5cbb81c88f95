"use client";
// A concept's picture in its card: the image itself, and for editors the controls to upload,
// replace or remove it. The file goes to /api/pictures as it is; the server decodes it, so the
// checks here only spare a pointless upload and say why at once.
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import {
  PICTURE_MAX_BYTES,
  PICTURE_MAX_MB,
  PICTURE_MESSAGES,
  PICTURE_TYPES,
  pictureUploadUrl,
  pictureUrl,
} from "~/server/domain/picture/picture.schema";
import { useTRPC } from "../../_trpc/client";
import { useEditHandlers } from "./use-palace-mutation";
import type { TLiveConcept } from "~/server/realtime/live.schema";

/** Refuses what the server would refuse anyway, before sending megabytes for nothing. */
function clientCheck(file: File): string | null {
  if (file.size > PICTURE_MAX_BYTES) return PICTURE_MESSAGES.tooLarge;
  if (!(PICTURE_TYPES as readonly string[]).includes(file.type)) return PICTURE_MESSAGES.wrongType;
  return null;
}

export function ConceptPicture({ concept, canEdit }: { concept: TLiveConcept; canEdit: boolean }) {
  const trpc = useTRPC();
  const handlers = useEditHandlers();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const remove = useMutation(
    trpc.picture.delete.mutationOptions({
      onSuccess: handlers.onSuccess,
      onError: (e) => {
        setError(e.message);
        void handlers.refresh();
      },
    }),
  );
  const picture = concept.picture;

  const send = async (file: File) => {
    const refusal = clientCheck(file);
    if (refusal) {
      setError(refusal);
      return;
    }
    setError(null);
    setUploading(true);
    try {
      const res = await fetch(pictureUploadUrl(concept.id, concept.version), { method: "POST", body: file, headers: { "content-type": file.type } });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `The upload failed (${res.status}).`);
      }
      await handlers.refresh();
    } catch {
      setError("The upload did not reach Engram; check your connection and try again.");
    } finally {
      setUploading(false);
      if (input.current) input.current.value = "";
    }
  };

  if (!picture && !canEdit) return null;
  return (
    <div className="concept-picture">
      {picture && (
        // eslint-disable-next-line @next/next/no-img-element -- served as stored; nothing for next/image to do
        <img
          src={pictureUrl(concept.id, picture.hash, "display")}
          alt={concept.title}
          width={picture.width}
          height={picture.height}
          loading="lazy"
          decoding="async"
        />
      )}
      {canEdit && (
        <div className="row" style={{ alignItems: "center", marginTop: "0.4rem" }}>
          <div>
            <label htmlFor={inputId} className="btn btn-small" aria-disabled={uploading}>
              {uploading ? "Uploading…" : picture ? "Replace picture" : "Add picture"}
            </label>
            <input
              ref={input}
              id={inputId}
              className="visually-hidden"
              type="file"
              accept={PICTURE_TYPES.join(",")}
              disabled={uploading}
              aria-describedby={`${inputId}-hint`}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void send(file);
              }}
            />
          </div>
          {picture && (
            <div style={{ flex: "none" }}>
              <button
                type="button"
                className="btn btn-small btn-ghost btn-danger"
                disabled={remove.isPending || uploading}
                onClick={() => (setError(null), remove.mutate({ conceptId: concept.id, version: concept.version }))}
              >
                Remove picture
              </button>
            </div>
          )}
        </div>
      )}
      {canEdit && (
        <p className="small muted" id={`${inputId}-hint`} style={{ margin: "0.3rem 0 0" }}>
          PNG, JPEG or WebP, up to {PICTURE_MAX_MB} MB. Location and camera details are removed.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
