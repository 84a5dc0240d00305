import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api/client';
import type { User } from './api/types';
import { useI18n } from './i18n/i18n';
import { LanguageSwitch } from './ui/LanguageSwitch';

/** A1: sign in with email or user ID and password; the server sets an http-only session cookie. */
export function SignIn(props: { onSignedIn(user: User): void }) {
  const { t } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<{ user: User }>('POST', '/api/auth/sign-in', { login: login.trim(), password });
      props.onSignedIn(user);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('signIn.wrong'));
      else if (err instanceof ApiError && err.code === 'network') setError(t('error.network'));
      else setError(t('error.server', { message: (err as Error).message }));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">P</span> {t('app.name')}
        </div>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <label className="field">
          <span>{t('signIn.login')}</span>
          <input name="login" autoComplete="username" required autoFocus value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
