import { useId, type ReactNode } from 'react';

/** A titled part of a campaign card: a region named by its heading, with an optional note beside the heading. */
export function Block(props: { title: string; className?: string; children: ReactNode; aside?: ReactNode }) {
  const id = useId();
  return (
    <section className={`dash-block ${props.className ?? ''}`} aria-labelledby={id}>
      <div className="dash-block-head">
        <h3 id={id}>{props.title}</h3>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}
