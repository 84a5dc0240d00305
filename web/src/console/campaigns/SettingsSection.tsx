import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { FieldProblems, type FieldProblem } from '../ui/FieldProblems';
import { LockIcon } from './badges';
import { useUpdateCampaign } from './campaign-queries';
import { ServerError } from './ServerError';
import type { Campaign, CampaignPatch } from './types';

/**
 * One group of a campaign's settings as a supervisor reads them, with Edit where she may change
 * the campaign: the section's form sends only its own fields (PATCH replaces each field sent),
 * and the server's refusal is shown inside the section with every problem it listed.
 */
export function SettingsSection<D = CampaignPatch>(props: {
  title: string;
  campaign: Campaign;
  /** The form's draft once Edit is pressed; omitted for read-only sections. */
  startDraft?: () => D;
  view: ReactNode;
  /** The form for the draft; `refusal` is the server's last refusal, for problems shown on their fields. */
  form?: (draft: D, change: (next: D) => void, refusal: unknown) => ReactNode;
  /** What to send for the draft (the draft itself when it is a patch). */
  toPatch?: (draft: D) => CampaignPatch;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const update = useUpdateCampaign(props.campaign.id);
  const [draft, setDraft] = useState<D | null>(null);
  const editable = props.campaign.canEdit && props.startDraft && props.form;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== null) update.mutate(props.toPatch ? props.toPatch(draft) : (draft as CampaignPatch), { onSuccess: () => setDraft(null) });
  };
  return (
    <section className="card settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId}>{props.title}</h2>
        {editable && draft === null && (
          <button
            type="button"
            onClick={() => {
              update.reset();
              setDraft(props.startDraft!());
            }}
            aria-label={t('console.campaigns.editNamed', { section: props.title })}
          >
            {t('console.campaigns.edit')}
          </button>
        )}
      </div>
      {draft !== null && props.form ? (
        <form onSubmit={submit} aria-label={props.title}>
          {props.form(draft, setDraft, update.error)}
          <ServerError error={update.error} />
          <div className="row form-actions">
            <button type="button" onClick={() => setDraft(null)} disabled={update.isPending}>
              {t('console.cancel')}
            </button>
            <button type="submit" className="primary" disabled={update.isPending}>
              {t('console.campaigns.save')}
            </button>
          </div>
        </form>
      ) : (
        props.view
      )}
    </section>
  );
}

/** O7: a setting fixed at creation — its value with a lock and why it cannot change. */
export function LockedValue(props: { value: ReactNode; why: string }) {
  return (
    <span className="locked" title={props.why}>
      <LockIcon />
      <span>{props.value}</span>
      <span className="locked-why small muted">{props.why}</span>
    </span>
  );
}

/** A label and its value, in a settings list. */
export function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** An input with its label above, in a section's form; what the server refused in it, if anything, takes the hint's place. */
export function Field(props: { label: string; hint?: string; problems?: FieldProblem[]; children: ReactNode }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.children}
      {props.problems?.length ? <FieldProblems problems={props.problems} /> : props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}

/** '' → null, else the number typed (the server checks the range). */
export const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));
