import { ContactableTimesEditor, problemsUnder } from '../ContactableTimesEditor';
import type { Draft, Problem } from './draft';

/** Step 3 (L5): the hours a contact may be called on each weekday, in the contact's own zone; holidays; the default zone. */
export function HoursStep(props: { draft: Draft; change(patch: Partial<Draft>): void; problems?: Problem[] }) {
  return (
    <ContactableTimesEditor
      value={props.draft.contactableTimes}
      onChange={(contactableTimes) => props.change({ contactableTimes })}
      problems={problemsUnder(props.problems, 'contactableTimes')}
      fillFromTemplate
    />
  );
}
