import { useId, useMemo } from 'react';

/** An IANA time zone, typed or picked from the browser's list (Asia/Tokyo, Europe/Warsaw…); the server checks it. */
export function ZoneInput(props: { label: string; value: string; onChange(value: string): void; className?: string }) {
  const id = useId();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  return (
    <label className={`field ${props.className ?? ''}`}>
      <span>{props.label}</span>
      <input list={`${id}-zones`} value={props.value} onChange={(e) => props.onChange(e.target.value)} spellCheck={false} />
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </label>
  );
}
