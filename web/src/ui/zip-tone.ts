import { useEffect, useRef } from 'react';

/** D1: the modes in which the dialer places the call and the agent meets the customer already on the line. */
const DIALER_MODES = new Set(['progressive', 'power', 'predictive']);

let context: AudioContext | null = null;

/** Two short beeps (the "zip tone"): the customer is on the line. Silent where the browser has no audio. */
export function playZipTone(): void {
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  context ??= new Ctx();
  const ctx = context;
  void ctx.resume?.();
  for (const at of [0, 0.18]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 1400;
    gain.gain.setValueAtTime(0.15, ctx.currentTime + at);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + at + 0.12);
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + at);
    osc.stop(ctx.currentTime + at + 0.12);
  }
}

/** Plays the zip tone once per call when a call the dialer placed connects to this agent (D1, D2). */
export function useZipTone(mode: string | undefined, callId: string | undefined, status: string | undefined): void {
  const played = useRef<string | null>(null);
  useEffect(() => {
    if (!mode || !DIALER_MODES.has(mode) || !callId || status !== 'active' || played.current === callId) return;
    played.current = callId;
    playZipTone();
  }, [mode, callId, status]);
}

export const isDialerMode = (mode: string | undefined): boolean => mode !== undefined && DIALER_MODES.has(mode);
