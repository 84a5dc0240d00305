import type { UseMutationResult } from '@tanstack/react-query';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/**
 * Asks before a change that takes something away (delete a queue or list, remove a member or a
 * number, revoke a grant, disable a user); the server's refusal stays in the dialog.
 */
export function ConfirmRemoval<T>(props: { title: string; body: string; label: string; change: UseMutationResult<unknown, Error, T>; value: T; onClose(): void }) {
  const { change } = props;
  return (
    <ConfirmDialog
      title={props.title}
      confirmLabel={props.label}
      danger
      busy={change.isPending}
      error={change.error?.message ?? null}
      onCancel={props.onClose}
      onConfirm={() => change.mutate(props.value, { onSuccess: props.onClose })}
    >
      <p>{props.body}</p>
    </ConfirmDialog>
  );
}

/** The button that opens such a question, named for screen readers after what it takes away. */
export function RemoveButton(props: { label: string; named: string; onClick(): void }) {
  return (
    <button type="button" className="danger-outline" onClick={props.onClick} aria-label={props.named}>
      {props.label}
    </button>
  );
}
