import { useRecordings } from './queries';

/**
 * For a campaign's message fields (abandon message D6, machine message D5): the recordings'
 * names as a <datalist> for the input's `list` (the field's hint is console.recordings.messageHint).
 */
export function RecordingNames(props: { id: string }) {
  const recordings = useRecordings();
  return (
    <datalist id={props.id}>
      {(recordings.data ?? []).map((r) => (
        <option key={r.id} value={r.name} />
      ))}
    </datalist>
  );
}

