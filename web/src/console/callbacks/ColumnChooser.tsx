import type { Table } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { COLUMN_IDS, HEADERS, HIDDEN_BY_DEFAULT } from './columns';
import type { Callback } from './types';

/** C3: which columns show — a menu of check boxes (BIZTEL's menu at the table's right), and the defaults back. */
export function ColumnChooser(props: { table: Table<Callback> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="cb-chooser" ref={box} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('console.callbacks.columns')}
      </button>
      {open && (
        <div className="cb-chooser-menu" role="group" aria-label={t('console.callbacks.columns')}>
          {COLUMN_IDS.map((id) => {
            const column = props.table.getColumn(id)!;
            return (
              <label key={id}>
                <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} /> {t(HEADERS[id])}
              </label>
            );
          })}
          <button type="button" className="link" onClick={() => props.table.setColumnVisibility(Object.fromEntries(HIDDEN_BY_DEFAULT.map((c) => [c, false])))}>
            {t('console.callbacks.columnsDefault')}
          </button>
        </div>
      )}
    </div>
  );
}
