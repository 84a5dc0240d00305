import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Redirect, useLocation } from 'wouter';
import { api, ApiError } from './api/client';
import type { Locale, User } from './api/types';
import { Console } from './console/Console';
import { Desktop } from './desk/Desktop';
import { I18nProvider, initialLocale, isLocale, translate } from './i18n/i18n';
import { SignIn } from './SignIn';

/**
 * Pacer in the browser: the sign-in page until there is a session (GET /api/auth/me), then the
 * agent desktop (issue 5) for agents, the supervisor console (issue 6, under /console) for
 * supervisors and admins — who may open the desktop at /desk. The language is the user's own (PATCH /api/auth/me), chosen on the
 * sign-in page or with the switch in the desktop.
 */
export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  // A refusal (403, 404, 400) is the answer: shown at once. Only a failed network is tried again.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: (failures, err) => failures < 2 && err instanceof ApiError && err.code === 'network', refetchOnWindowFocus: false } } }));
  const [location] = useLocation();
  const pickedBeforeSignIn = useRef(false);

  useEffect(() => {
    api<User>('GET', '/api/auth/me')
      .then((me) => {
        setUser(me);
        if (isLocale(me.locale)) setLocale(me.locale);
      })
      .catch(() => setUser(null));
  }, []);

  const changeLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      if (!user) pickedBeforeSignIn.current = true;
      else if (user.locale !== next) void api<User>('PATCH', '/api/auth/me', { locale: next }).then(setUser, () => undefined);
    },
    [user],
  );

  const signedIn = useCallback(
    (me: User) => {
      setUser(me);
      if (pickedBeforeSignIn.current && me.locale !== locale) void api<User>('PATCH', '/api/auth/me', { locale }).then(setUser, () => undefined);
      else if (isLocale(me.locale)) setLocale(me.locale);
      pickedBeforeSignIn.current = false;
    },
    [locale],
  );

  useEffect(() => {
    const page = !user ? 'signIn.title' : showsConsole(user, location) ? 'console.title' : 'app.desktop';
    document.title = `${translate(locale, 'app.name')} — ${translate(locale, page)}`;
  }, [locale, user, location]);

  const timeZone = user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <I18nProvider locale={locale} timeZone={timeZone} onLocaleChange={changeLocale}>
      {user === undefined ? (
        <p className="loading" role="status">
          {translate(locale, 'app.loading')}
        </p>
      ) : user ? (
        <QueryClientProvider client={queryClient}>
          {showsConsole(user, location) ? (
            <Console user={user} onSignedOut={() => setUser(null)} />
          ) : user.role !== 'agent' && location === '/' ? (
            <Redirect to="/console" replace />
          ) : (
            <Desktop user={user} onSignedOut={() => setUser(null)} />
          )}
        </QueryClientProvider>
      ) : (
        <SignIn onSignedIn={signedIn} />
      )}
    </I18nProvider>
  );
}

/** Supervisors and admins work in the console; an agent always gets her desktop, whatever the path. */
function showsConsole(user: User, path: string): boolean {
  return user.role !== 'agent' && (path === '/console' || path.startsWith('/console/'));
}
