"use client";
// Modal dialogs on the native <dialog>, so focus and Escape just work: a question with two
// answers, and the helpers the other dialogs share.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTRPC } from "../_trpc/client";

/** Keeps a native <dialog> shown as a modal exactly while `open` is true; returns its ref. */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}

/** After a palace is made (from a template, a file): refresh My palaces and open the new one. */
export function useOpenNewPalace() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return (palace: { id: string }) => {
    void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
    router.push(`/palaces/${palace.id}`);
  };
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useModalDialog(props.open);
  return (
    <dialog ref={ref} onClose={props.onCancel} aria-labelledby="confirm-title">
      <h2 id="confirm-title">{props.title}</h2>
      <div className="muted">{props.body}</div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className={`btn ${props.danger ? "btn-danger btn-solid" : "btn-primary"}`}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
