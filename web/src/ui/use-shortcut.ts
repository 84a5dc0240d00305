import { useEffect, useRef } from 'react';

/**
 * Keyboard shortcuts (issue 5 point 10). `Alt+R` style shortcuts work anywhere (matched on the
 * physical key, so they are the same on Polish and Japanese layouts; AltGr, which browsers
 * report as Ctrl+Alt, never matches); a plain key (a wrap-up code's digit) only when no text
 * field has the focus. The handler runs only while `enabled`.
 */
export interface Shortcut {
  /** "Alt+R", "Alt+H", or a single character such as "1". */
  keys: string;
  enabled: boolean;
  run(): void;
}

export function matches(keys: string, e: KeyboardEvent): boolean {
  const alt = keys.startsWith('Alt+');
  const key = alt ? keys.slice(4) : keys;
  if (e.ctrlKey || e.metaKey || e.altKey !== alt) return false;
  if (alt) return e.code === (/^\d$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`);
  if (isTyping(e.target)) return false;
  return e.key === key;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'TEXTAREA' || (tag === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox') || target.isContentEditable;
}

export function useShortcuts(shortcuts: Shortcut[]): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat) return;
      const hit = current.current.find((s) => s.enabled && matches(s.keys, e));
      if (!hit) return;
      e.preventDefault();
      hit.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
