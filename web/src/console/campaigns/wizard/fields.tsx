import type { ReactNode } from 'react';
import { LockIcon } from '../badges';

/** A labelled control of the wizard; `locked` adds the padlock and why. */
export function Field(props: { label: string; children: ReactNode; hint?: string; locked?: string }) {
  return (
    <label className="field">
      <span className="field-label">
        {props.label}
        {props.locked && <Locked why={props.locked} />}
      </span>
      {props.children}
      {props.hint && <span className="muted small">{props.hint}</span>}
    </label>
  );
}

/** A number input whose blank means null ("no limit", "never"). */
export function OptionalNumber(props: { value: number | null; onChange(value: number | null): void; min?: number; max?: number; step?: number; label?: string }) {
  return (
    <input
      type="number"
      aria-label={props.label}
      min={props.min}
      max={props.max}
      step={props.step}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value === '' ? null : Number(e.target.value))}
    />
  );
}

/** What the server said is wrong on this step. */
export function StepProblems(props: { title: string; problems: Array<{ path: string; problem: string }> | undefined }) {
  if (!props.problems?.length) return null;
  return (
    <div className="banner error wizard-problems" role="alert">
      <div>
        <strong>{props.title}</strong>
        <ul>
          {props.problems.map((p) => (
            <li key={`${p.path}:${p.problem}`}>
              <code>{p.path}</code> — {p.problem}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** O7: the padlock beside a setting fixed at creation, with why (as a tooltip and for screen readers). */
export function Locked(props: { why: string }) {
  return (
    <span className="lock" title={props.why}>
      {' '}
      <LockIcon />
      <span className="visually-hidden">{props.why}</span>
    </span>
  );
}
