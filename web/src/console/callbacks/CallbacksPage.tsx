import type { RowSelectionState } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { User } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { CallbackDetail } from './CallbackDetail';
import './callbacks.css';
import { useCallbackSearch } from './queries';
import { ReassignBar } from './ReassignBar';
import { ResultsTable } from './ResultsTable';
import { csvUrl, filtersOf, formFromUrl, queryOf, viewFromUrl, type SearchForm as Form, type View } from './search-params';
import { SearchForm } from './SearchForm';
import type { Callback } from './types';

/**
 * /console/callbacks — callback management (issue 6 point 4; SPEC C2–C4, C6, C8; BIZTEL's
 * 再発信管理): search, results, detail and edit, bulk reassignment, CSV of the search. The
 * search lives in the address bar (GET /api/callbacks's own parameters), so a reload or a
 * shared link opens the same results. The server decides what the user sees and may change.
 */
export function CallbacksPage(_props: { user: User }) {
  const { t, timeZone } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const form = formFromUrl(search, timeZone);
  const view = viewFromUrl(search);
  const results = useCallbackSearch(queryOf(form, view));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [open, setOpen] = useState<Callback | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resets, setResets] = useState(0);
  // Every callback seen on a page, so a selection spanning pages can still be reassigned.
  const seen = useRef(new Map<number, Callback>());
  useEffect(() => results.data?.items.forEach((c) => seen.current.set(c.id, c)), [results.data]);
  const selected = Object.keys(selection).flatMap((id) => seen.current.get(Number(id)) ?? []);

  const go = (f: Form, v: View) => {
    const q = queryOf(f, v);
    navigate(q ? `/callbacks?${q}` : '/callbacks');
  };
  function newSearch(f: Form) {
    setSelection({});
    setNotice(null);
    go(f, { ...view, offset: 0 });
  }

  return (
    <section className="cb-page" aria-labelledby="cb-title">
      <div className="cb-head">
        <h1 id="cb-title">{t('console.callbacks.title')}</h1>
        <div className="spacer" />
        <span className="muted small">{t('console.callbacks.csv')}</span>
        <a className="cb-button" href={csvUrl(form, view, 'utf-8')} download>
          {t('console.callbacks.csvUtf8')}
        </a>
        <a className="cb-button" href={csvUrl(form, view, 'shift_jis')} download>
          {t('console.callbacks.csvSjis')}
        </a>
      </div>
      <SearchForm
        key={`${filtersOf(form).toString()}|${resets}`}
        initial={form}
        onSearch={newSearch}
        onReset={() => {
          setResets((n) => n + 1);
          setSelection({});
          setNotice(null);
          navigate('/callbacks');
        }}
      />
      {notice && (
        <p className="banner cb-notice" role="status">
          {notice}
          <button type="button" className="link" onClick={() => setNotice(null)}>
            {t('console.callbacks.dismiss')}
          </button>
        </p>
      )}
      {selected.length > 0 && (
        <ReassignBar
          selected={selected}
          onClear={() => setSelection({})}
          onDone={(message) => {
            setSelection({});
            setNotice(message);
          }}
        />
      )}
      <PageState query={results}>
        {(page) => (
          <ResultsTable page={page} view={view} fetching={results.isFetching} onView={(v) => go(form, v)} selection={selection} onSelection={setSelection} onOpen={setOpen} />
        )}
      </PageState>
      {open && <CallbackDetail callback={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
