import { useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ConfirmRemoval, RemoveButton } from '../admin/ConfirmRemoval';
import { NameForm } from '../admin/NameForm';
import { useAdminChange } from '../admin/queries';
import { ServerError } from '../campaigns/ServerError';
import { PageState } from '../ui/PageState';
import { useTemplates } from './queries';
import { TEMPLATE_PATHS, type TemplateKind, type TemplateOf } from './types';

interface Labels {
  title: string;
  newName: string;
  create: string;
  none: string;
  summary: string;
}

/**
 * One administration tab of named templates (issue 6 point 7): the kept ones by name with a
 * summary; the chosen one beside them, edited by its kind's own form (the same one the campaign
 * pages use) and saved whole; a new one starts from the server's defaults. Supervisors see the
 * forms disabled: only admins keep templates, and the server refuses anyone else.
 */
export function TemplatesTab<K extends TemplateKind, V>(props: {
  kind: K;
  canChange: boolean;
  labels: Labels;
  summary(template: TemplateOf<K>): string;
  /** A new template's body besides its name: the server fills in the defaults. */
  blank: Record<string, unknown>;
  valueOf(template: TemplateOf<K>): V;
  bodyOf(value: V): Record<string, unknown>;
  editor(value: V, onChange: (value: V) => void): ReactNode;
}) {
  const { t, dateTime } = useI18n();
  const path = TEMPLATE_PATHS[props.kind];
  const templates = useTemplates(props.kind);
  const [selected, setSelected] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<TemplateOf<K> | null>(null);
  const create = useAdminChange((name: string) => api<TemplateOf<K>>('POST', path, { name, ...props.blank }));
  const remove = useAdminChange((id: number) => api<null>('DELETE', `${path}/${id}`));

  return (
    <PageState query={templates}>
      {(list) => {
        const current = list.find((x) => x.id === selected) ?? list[0];
        return (
          <div className="admin-split template-split">
            <div className="admin-tab">
              {props.canChange ? (
                <NameForm label={props.labels.newName} submitLabel={props.labels.create} pending={create.isPending} onSubmit={(name, done) => create.mutate(name, { onSuccess: (x) => { setSelected(x.id); done(); } })} />
              ) : (
                <p className="muted small">{t('console.templates.adminsOnly')}</p>
              )}
              <ServerError error={create.error} />
              {list.length === 0 ? (
                <p className="card muted">{props.labels.none}</p>
              ) : (
                <table className="admin-table" aria-label={props.labels.title}>
                  <thead>
                    <tr>
                      <th>{t('console.templates.name')}</th>
                      <th>{props.labels.summary}</th>
                      <th>{t('console.templates.updated')}</th>
                      {props.canChange && <th className="actions">{t('console.admin.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((x) => (
                      <tr key={x.id} className={x.id === current?.id ? 'selected' : ''}>
                        <th scope="row">
                          <button type="button" className="link-button" aria-pressed={x.id === current?.id} onClick={() => setSelected(x.id)}>
                            {x.name}
                          </button>
                        </th>
                        <td>{props.summary(x)}</td>
                        <td className="small">
                          <span className="nowrap">{dateTime(x.updatedAt, { dateStyle: 'short', timeStyle: 'short' })}</span> {x.updatedBy && <span className="muted">· {x.updatedBy}</span>}
                        </td>
                        {props.canChange && (
                          <td className="actions">
                            <RemoveButton label={t('console.admin.delete')} named={t('console.admin.deleteNamed', { name: x.name })} onClick={() => { remove.reset(); setDeleting(x); }} />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
            {current && <TemplateEditor key={`${current.id}/${current.updatedAt}`} template={current} path={path} canChange={props.canChange} valueOf={props.valueOf} bodyOf={props.bodyOf} editor={props.editor} />}
            {deleting && (
              <ConfirmRemoval
                title={t('console.templates.deleteTitle', { name: deleting.name })}
                body={t('console.templates.deleteBody')}
                label={t('console.admin.delete')}
                change={remove}
                value={deleting.id}
                onClose={() => setDeleting(null)}
              />
            )}
          </div>
        );
      }}
    </PageState>
  );
}

/** The chosen template as a form: its name and its body; Save sends both, Undo goes back to what is kept. */
function TemplateEditor<T extends { id: number; name: string }, V>(props: {
  template: T;
  path: string;
  canChange: boolean;
  valueOf(template: T): V;
  bodyOf(value: V): Record<string, unknown>;
  editor(value: V, onChange: (value: V) => void): ReactNode;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(props.template.name);
  const [value, setValue] = useState<V>(() => props.valueOf(props.template));
  const [dirty, setDirty] = useState(false);
  const save = useAdminChange(() => api<T>('PUT', `${props.path}/${props.template.id}`, { name, ...props.bodyOf(value) }));
  const change = (v: V) => { setValue(v); setDirty(true); };
  return (
    <section className="admin-panel card template-editor" aria-label={props.template.name}>
      <fieldset disabled={!props.canChange || save.isPending}>
        <label className="field">
          <span>{t('console.templates.name')}</span>
          <input value={name} maxLength={100} onChange={(e) => { setName(e.target.value); setDirty(true); }} />
        </label>
        {props.editor(value, change)}
      </fieldset>
      <ServerError error={save.error} />
      {props.canChange && (
        <div className="row actions-row">
          <button type="button" className="primary" disabled={!dirty || save.isPending} onClick={() => save.mutate(undefined)}>
            {t('console.campaigns.save')}
          </button>
          <button type="button" disabled={!dirty || save.isPending} onClick={() => { setName(props.template.name); setValue(props.valueOf(props.template)); setDirty(false); save.reset(); }}>
            {t('console.templates.undo')}
          </button>
        </div>
      )}
    </section>
  );
}
