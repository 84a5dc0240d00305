import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * What a console page shows while its data loads or when loading failed (with the server's
 * message and Try again); the page itself once the data is there.
 */
export function PageState<T>(props: { query: UseQueryResult<T>; children(data: T): ReactNode }) {
  const { t } = useI18n();
  const { query } = props;
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="banner error" role="alert">
        <span>{t('console.loadFailed', { message: query.error.message })}</span>
        <button type="button" onClick={() => void query.refetch()}>
          {t('console.retry')}
        </button>
      </div>
    );
  }
  return <>{props.children(query.data)}</>;
}
