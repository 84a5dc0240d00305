import { useState } from 'react';
import { useI18n, type Translate } from '../../i18n/i18n';
import { fileSize } from './format';
import { assignRole, mappingFromRoles, ROLES, rolesFromMapping, type Role } from './mapping-roles';
import type { ContactList, FilePreview, Mapping } from './types';

const ENCODINGS = ['utf-8', 'shift_jis', 'windows-1250'];

function roleLabel(role: Role, t: Translate): string {
  switch (role) {
    case 'custom': return t('console.lists.role.custom');
    case 'phone:mobile': return t('console.lists.role.phoneMobile');
    case 'phone:home': return t('console.lists.role.phoneHome');
    case 'phone:work': return t('console.lists.role.phoneWork');
    case 'phone:other': return t('console.lists.role.phoneOther');
    case 'name': return t('console.lists.role.name');
    case 'phoneticName': return t('console.lists.role.phoneticName');
    case 'owner': return t('console.lists.role.owner');
    case 'timeZone': return t('console.lists.role.timeZone');
    case 'postalCode': return t('console.lists.role.postalCode');
    case 'region': return t('console.lists.role.region');
  }
}

function delimiterLabel(d: string, t: Translate): string {
  return d === ',' ? t('console.lists.delimiter.comma') : d === ';' ? t('console.lists.delimiter.semicolon') : d === '\t' ? t('console.lists.delimiter.tab') : d;
}

/**
 * The mapping step: the file's first rows as the server read them (encoding and delimiter
 * detected), with the guessed role of each column as a select the supervisor may change.
 */
export function MappingStep(props: {
  list: ContactList;
  file: File;
  preview: FilePreview;
  /** The mapping chosen before, when the server refused it: the supervisor edits on from there. */
  chosen?: Mapping | undefined;
  encoding: string;
  busy: boolean;
  onEncoding(encoding: string): void;
  onImport(mapping: Mapping): void;
  onCancel(): void;
}) {
  const { t, locale } = useI18n();
  const { preview } = props;
  const [roles, setRoles] = useState(() => rolesFromMapping(preview.header, props.chosen ?? preview.mapping));
  const { mapping, problem } = mappingFromRoles(preview.header, roles, preview.mapping);
  const problemText =
    problem === 'noPhone' ? t('console.lists.map.noPhone') : problem === 'tooManyPhones' ? t('console.lists.map.tooManyPhones') : problem === 'tooManyNames' ? t('console.lists.map.tooManyNames') : null;

  return (
    <div className="mapping-step">
      <div className="row file-facts">
        <span>
          <strong>{props.file.name}</strong> <span className="muted">({fileSize(props.file.size, locale)})</span>
        </span>
        <label className="inline">
          {t('console.lists.map.encoding')}
          <select value={props.encoding} onChange={(e) => props.onEncoding(e.target.value)} disabled={props.busy}>
            <option value="">{t('console.lists.map.detected', { encoding: preview.encoding })}</option>
            {ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{t('console.lists.map.delimiter', { delimiter: delimiterLabel(preview.delimiter, t) })}</span>
        <span className="muted">{t('console.lists.map.region', { region: props.list.defaultRegion })}</span>
      </div>
      <p className="small muted">{t('console.lists.map.help', { rows: preview.rows.length })}</p>
      <div className="preview-scroll">
        <table className="lists-table preview" aria-label={t('console.lists.map.table')}>
          <thead>
            <tr>
              {preview.header.map((h) => (
                <th key={h} scope="col" className={roles[h] === 'custom' ? 'role-custom' : 'role-mapped'}>
                  <div className="column-name">{h}</div>
                  <select aria-label={t('console.lists.map.roleOf', { column: h })} value={roles[h]} onChange={(e) => setRoles(assignRole(roles, h, e.target.value as Role))}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(r, t)}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((cells, i) => (
              <tr key={i}>
                {preview.header.map((h, c) => (
                  <td key={h} className={roles[h] === 'custom' ? 'role-custom' : 'role-mapped'}>
                    {cells[c] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mapping.owner && <p className="small">{t('console.lists.map.ownerHelp', { column: mapping.owner })}</p>}
      {problemText && (
        <p className="error" role="alert">
          {problemText}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={props.busy || problem !== null} onClick={() => props.onImport(mapping)}>
          {t('console.lists.map.import', { size: fileSize(props.file.size, locale) })}
        </button>
        <button type="button" onClick={props.onCancel} disabled={props.busy}>
          {t('console.lists.map.otherFile')}
        </button>
      </div>
    </div>
  );
}
