import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError } from '../../../api/client';
import type { User } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { AgentScreenStep } from './AgentScreenStep';
import { BasicsStep } from './BasicsStep';
import { createBody, problemsByStep, STEPS, withDefaults, type Defaults, type Draft, type Mode, type Problem, type Step } from './draft';
import { StepProblems } from './fields';
import { HoursStep } from './HoursStep';
import { ListsStep } from './ListsStep';
import { RetriesStep } from './RetriesStep';
import { ReviewStep } from './ReviewStep';
import { WrapUpStep } from './WrapUpStep';
import './wizard.css';

const fetchDefaults = (mode: Mode) => api<Defaults>('GET', `/api/campaigns/defaults?mode=${mode}`);

/**
 * Issue 6 point 1: a new campaign in seven steps, starting from the server's defaults for the
 * mode (GET /api/campaigns/defaults). Nothing is saved until "Create campaign"; the server then
 * checks everything, and each problem it finds is shown on the step that holds the field.
 */
export function CampaignWizard(_props: { user: User }) {
  const { t, tMaybe } = useI18n();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [step, setStep] = useState<Step>('basics');
  const [problems, setProblems] = useState<Map<Step, Problem[]>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const first = useQuery({ queryKey: ['campaign-defaults', 'preview'], queryFn: () => fetchDefaults('preview'), staleTime: Infinity });
  const queues = useQuery({ queryKey: ['queues'], queryFn: () => api<Array<{ id: number; name: string }>>('GET', '/api/queues') });
  const lists = useQuery({ queryKey: ['lists', 'all'], queryFn: () => api<{ items: Array<{ id: number; name: string }> }>('GET', '/api/lists?limit=500') });

  useEffect(() => {
    if (first.data && !draft) setDraft(withDefaults({ name: '', queueId: null, listIds: [], callerId: '' }, first.data));
  }, [first.data, draft]);

  /** A list uploaded from the Lists step, checked once its import commits (maybe while another step is open). */
  const addList = useCallback(
    (listId: number) => {
      setDraft((current) => (current && !current.listIds.includes(listId) ? { ...current, listIds: [...current.listIds, listId] } : current));
      void queryClient.invalidateQueries({ queryKey: ['list-columns'] });
    },
    [queryClient],
  );

  const create = useMutation({
    mutationFn: (d: Draft) => api<{ id: number; name: string }>('POST', '/api/campaigns', createBody(d)),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      navigate(`/${created.id}`);
    },
    onError: (err) => {
      const byStep = err instanceof ApiError ? problemsByStep(err.details) : new Map<Step, Problem[]>();
      setProblems(byStep);
      setFailure(err.message);
      const firstStep = byStep.keys().next().value;
      if (firstStep) setStep(firstStep);
    },
  });

  if (first.isError) return <p className="banner error">{t('console.loadFailed', { message: first.error.message })}</p>;
  if (!draft) return <p className="loading">{t('app.loading')}</p>;

  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const changeMode = async (mode: Mode) => {
    const defaults = await queryClient.fetchQuery({ queryKey: ['campaign-defaults', mode], queryFn: () => fetchDefaults(mode), staleTime: Infinity });
    setDraft((current) => (current ? withDefaults(current, defaults) : current));
  };
  const index = STEPS.indexOf(step);
  const stepName = (s: Step) => tMaybe(`console.wizard.step.${s}`, s);
  return (
    <div className="wizard">
      <h1>{t('console.wizard.title')}</h1>
      <nav aria-label={t('console.wizard.steps')}>
        <ol className="wizard-steps">
          {STEPS.map((s, i) => (
            <li key={s}>
              <button type="button" className={`${s === step ? 'current' : ''}${problems.has(s) ? ' has-problems' : ''}`} aria-current={s === step ? 'step' : undefined} onClick={() => setStep(s)}>
                <span className="step-number">{i + 1}</span> {problems.has(s) ? t('console.wizard.stepHasProblems', { step: stepName(s) }) : stepName(s)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="card wizard-step" aria-label={stepName(step)}>
        <h2>{stepName(step)}</h2>
        <StepProblems title={t('console.wizard.problemsHere')} problems={problems.get(step)} />
        {step === 'basics' && <BasicsStep draft={draft} change={change} changeMode={(m) => void changeMode(m)} />}
        {/* Kept mounted while hidden: an upload started on it goes on while the supervisor moves to other steps. */}
        <div hidden={step !== 'lists'}>
          <ListsStep draft={draft} change={change} addList={addList} />
        </div>
        {step === 'hours' && <HoursStep draft={draft} change={change} problems={problems.get('hours')} />}
        {step === 'retries' && <RetriesStep draft={draft} change={change} />}
        {step === 'wrapUp' && <WrapUpStep draft={draft} change={change} />}
        {step === 'agentScreen' && <AgentScreenStep draft={draft} change={change} />}
        {step === 'review' && (
          <>
            {failure && problems.size === 0 && (
              <p className="banner error" role="alert">
                {failure}
              </p>
            )}
            {problems.size > 0 && <p className="error">{t('console.wizard.problems')}</p>}
            <ReviewStep draft={draft} queueName={queues.data?.find((q) => q.id === draft.queueId)?.name ?? null} listNames={(lists.data?.items ?? []).filter((l) => draft.listIds.includes(l.id)).map((l) => l.name)} />
          </>
        )}
      </section>
      <div className="row wizard-nav">
        <button type="button" onClick={() => navigate('/')}>
          {t('console.wizard.cancel')}
        </button>
        <span className="spacer" />
        <button type="button" disabled={index === 0} onClick={() => setStep(STEPS[index - 1]!)}>
          {t('console.wizard.back')}
        </button>
        {step !== 'review' ? (
          <button type="button" className="primary" onClick={() => setStep(STEPS[index + 1]!)}>
            {t('console.wizard.next')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={create.isPending} onClick={() => create.mutate(draft)}>
            {create.isPending ? t('console.wizard.creating') : t('console.wizard.create')}
          </button>
        )}
      </div>
    </div>
  );
}
