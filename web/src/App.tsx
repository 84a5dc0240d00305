import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api/client';
import type { Locale, User } from './api/types';
import { Desktop } from './desk/Desktop';
import { I18nProvider, initialLocale, isLocale, translate } from './i18n/i18n';
import { SignIn } from './SignIn';

/**
 * The agent desktop (issue 5): the sign-in page until there is a session (GET /api/auth/me),
 * then the desktop. The language is the user's own (PATCH /api/auth/me), chosen on the
 * sign-in page or with the switch in the desktop.
 */
export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [user, setUser] = useState<User | null | undefined>(undefined);
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
    document.title = `${translate(locale, 'app.name')} — ${translate(locale, user ? 'app.desktop' : 'signIn.title')}`;
  }, [locale, user]);

  const timeZone = user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <I18nProvider locale={locale} timeZone={timeZone} onLocaleChange={changeLocale}>
      {user === undefined ? (
        <p className="loading" role="status">
          {translate(locale, 'app.loading')}
        </p>
      ) : user ? (
        <Desktop user={user} onSignedOut={() => setUser(null)} />
      ) : (
        <SignIn onSignedIn={signedIn} />
      )}
    </I18nProvider>
  );
}
