/**
 * The labelled AMD corpus (D5, issue 8 point 2): answered calls as 8 kHz 16-bit mono WAV files —
 * people answering, answering machines, faxes — made with espeak-ng (the speech) and sox (rate,
 * telephone band), deterministically from a seed, into a cache directory (never committed).
 *
 *   npx tsx bench/amd-corpus.ts [--seed 1] [--humans 220] [--machines 160] [--faxes 20] [--dir DIR]
 *
 * Needs the Debian packages espeak-ng and sox (`apt-get install espeak-ng sox`).
 *
 * What is in it, and why it is not easy:
 * - people: one word ("Hello?", "Halo?", "もしもし"), two or three ("Yes, hello?"), or a phrase of
 *   1.5–2 s ("Hello, Smith residence") — after 0–1.5 s of silence; then silence, or after
 *   1.2–3 s another, sometimes fainter "Hello?";
 * - machines: greetings of about 1.5–12 s spoken sentence by sentence with pauses of 0.15–1 s between
 *   them (a person's recorded greeting pauses where a sentence ends), some short ("Hi, it's Mike.
 *   Leave a message."), some after up to 2 s of silence, most ending in a beep;
 * - faxes: the calling tone (CNG, 1100 Hz, 0.5 s on, 3 s off, first tone 0–3 s after the answer)
 *   or the answer tone an answering fax sends (CED, 2100 Hz, 2.6–4 s, starting 1.8–2.5 s after
 *   the answer as T.30 asks), with V.21-like chirps after it;
 * - every file: one of a dozen voices and languages (Japanese in kana: espeak-ng spells kanji
 *   out), speeds of 150–210 words a minute for people and 130–190 for machines, pitches,
 *   gain from −12 to +3 dB, background noise (none, or white / pink at −55, −45 or −38 dBFS),
 *   then the telephone band (sox sinc 300-3400).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Random, seededRandom } from '../src/engine/random.js';
import { readWav } from '../src/telephony/amd/read-wav.js';
import { COMPANIES, FOLLOW_UP, HUMAN, type Lang, MACHINE, NAMES, NAMES_JA, VOICES } from './amd-corpus-texts.js';

const run = promisify(execFile);
// sox dithers by default when it writes 16 bits after an effect, with fresh random noise each run;
// every sox call here passes -D (no dither) so that a seed always makes the same bytes.
/** Bump when the generator changes, so old caches are not reused. */
const GENERATOR_VERSION = 7;
const RATE = 8000;

export type AmdLabel = 'human' | 'machine' | 'fax';
export type NoiseLevel = 'none' | 'low' | 'mid' | 'high';

export interface CorpusItem {
  id: string;
  file: string;
  label: AmdLabel;
  /** human: one_word / two_words / phrase; machine: long / short / late; fax: cng / ced. */
  kind: string;
  voice: string;
  noise: NoiseLevel;
  gainDb: number;
  /** Silence before the first sound, ms. */
  leadMs: number;
  /** Length of the first utterance (the greeting), ms. */
  greetingMs: number;
  /** A machine's beep after its greeting, Hz, or null. */
  beepHz: number | null;
  text: string;
}

export interface CorpusOptions {
  seed: number;
  humans: number;
  machines: number;
  faxes: number;
  /** Defaults to $TMPDIR/pacer-amd-corpus/v<version>-seed<seed>-<counts>. */
  dir?: string;
  /** Progress lines to stderr. */
  log?: (line: string) => void;
}

export interface Corpus {
  dir: string;
  items: CorpusItem[];
}

/** espeak-ng and sox are on the PATH (the corpus needs both). */
export async function corpusToolsAvailable(): Promise<{ ok: boolean; missing: string[] }> {
  const missing: string[] = [];
  for (const [tool, args] of [['espeak-ng', ['--version']], ['sox', ['--version']]] as const) {
    try {
      await run(tool, [...args]);
    } catch {
      missing.push(tool);
    }
  }
  return { ok: missing.length === 0, missing };
}

// ── sound ───────────────────────────────────────────────────────────────────────────

const dbToGain = (db: number): number => 10 ** (db / 20);
const msToSamples = (ms: number): number => Math.round((ms * RATE) / 1000);

/** Speech of one text in one voice as 8 kHz float samples (−1…1), silence trimmed off both ends; cached by its parameters. */
async function speak(cacheDir: string, voice: string, text: string, speed: number, pitch: number): Promise<Float32Array> {
  const key = createHash('sha1').update(JSON.stringify([voice, text, speed, pitch])).digest('hex').slice(0, 16);
  const file = path.join(cacheDir, `${key}.wav`);
  if (!fs.existsSync(file)) {
    const raw = `${file}.raw.wav`;
    await run('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '-w', raw, text]);
    // To 8 kHz 16-bit mono, silence trimmed at both ends (the timeline below places every sound).
    await run('sox', ['-D', raw, '-r', String(RATE), '-c', '1', '-b', '16', `${file}.tmp.wav`, 'silence', '1', '0.01', '0.3%', 'reverse', 'silence', '1', '0.01', '0.3%', 'reverse']);
    fs.renameSync(`${file}.tmp.wav`, file);
    fs.rmSync(raw, { force: true });
  }
  const pcm = readWav(fs.readFileSync(file), file).samples;
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i]! / 32768;
  return out;
}

function tone(ms: number, hz: number, amplitude: number): Float32Array {
  const n = msToSamples(ms);
  const out = new Float32Array(n);
  const ramp = msToSamples(5);
  for (let i = 0; i < n; i++) {
    const edge = Math.min(1, i / ramp, (n - 1 - i) / ramp);
    out[i] = amplitude * edge * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return out;
}

/** White or pink (Paul Kellet's filter) noise at `dbfs` RMS, from the seeded stream. */
function noise(n: number, kind: 'white' | 'pink', dbfs: number, r: Random): Float32Array {
  const out = new Float32Array(n);
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const w = r.normal();
    let v = w;
    if (kind === 'pink') {
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      v = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
      b6 = w * 0.115926;
    }
    out[i] = v;
    sumSq += v * v;
  }
  const scale = dbToGain(dbfs) / Math.sqrt(sumSq / Math.max(1, n));
  for (let i = 0; i < n; i++) out[i]! *= scale;
  return out;
}

/** A timeline of sounds, mixed into one buffer. */
class Timeline {
  private parts: Array<{ at: number; sound: Float32Array; gain: number }> = [];
  end = 0;
  put(at: number, sound: Float32Array, gain = 1): number {
    this.parts.push({ at, sound, gain });
    this.end = Math.max(this.end, at + sound.length);
    return at + sound.length;
  }
  mix(length: number): Float32Array {
    const out = new Float32Array(length);
    for (const { at, sound, gain } of this.parts) {
      for (let i = 0; i < sound.length && at + i < length; i++) out[at + i]! += sound[i]! * gain;
    }
    return out;
  }
}

function wavBytes(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767))), i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8);
  head.write('fmt ', 12);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(RATE, 24);
  head.writeUInt32LE(RATE * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

// ── one item ────────────────────────────────────────────────────────────────────────

const pickOf = <T>(r: Random, list: readonly T[]): T => list[r.int(list.length)]!;
const uniform = (r: Random, lo: number, hi: number): number => lo + (hi - lo) * r.next();
const fill = (text: string, lang: Lang, r: Random): string => text.replace('{name}', pickOf(r, lang === 'ja' ? NAMES_JA : NAMES)).replace('{company}', pickOf(r, COMPANIES));

interface Plan {
  item: Omit<CorpusItem, 'file' | 'greetingMs'>;
  build: (speech: (text: string) => Promise<Float32Array>) => Promise<{ timeline: Timeline; greetingMs: number }>;
}

function planHuman(id: string, r: Random): Plan {
  const voice = pickOf(r, VOICES);
  const kind = r.pick({ one_word: 4, two_words: 3, phrase: 2 });
  const text = pickOf(r, HUMAN[kind][voice.lang]);
  const leadMs = Math.round(uniform(r, 0, 1500));
  const after = r.pick({ silence: 5, again: 3, again_faint: 2 });
  const pauseMs = uniform(r, 1200, 3000);
  const againText = pickOf(r, FOLLOW_UP[voice.lang]);
  const againGain = after === 'again_faint' ? dbToGain(uniform(r, -14, -6)) : 1;
  return {
    item: { id, label: 'human', kind, voice: voice.id, noise: 'none', gainDb: 0, leadMs, beepHz: null, text: after === 'silence' ? text : `${text} … ${againText}` },
    build: async (speech) => {
      const t = new Timeline();
      const first = await speech(text);
      const end = t.put(msToSamples(leadMs), first);
      if (after !== 'silence') t.put(end + msToSamples(pauseMs), await speech(againText), againGain);
      return { timeline: t, greetingMs: (first.length * 1000) / RATE };
    },
  };
}

function planMachine(id: string, r: Random): Plan {
  const voice = pickOf(r, VOICES);
  const kind = r.pick({ long: 6, short: 2, late: 2 });
  const sentences = pickOf(r, MACHINE[kind === 'short' ? 'short' : 'long'][voice.lang]).map((s) => fill(s, voice.lang, r));
  // Machines start soon after the answer; "late" ones (carrier voicemail) after up to 2 s.
  const leadMs = Math.round(kind === 'late' ? uniform(r, 1000, 2000) : uniform(r, 100, 900));
  const pauses = sentences.map(() => Math.min(1000, Math.max(150, r.lognormal(Math.log(380), 0.5))));
  const beep = r.chance(0.8) ? { hz: pickOf(r, [850, 1000, 1400, 440]), ms: uniform(r, 250, 700) } : null;
  return {
    item: { id, label: 'machine', kind, voice: voice.id, noise: 'none', gainDb: 0, leadMs, beepHz: beep?.hz ?? null, text: sentences.join(' ') },
    build: async (speech) => {
      const t = new Timeline();
      let at = msToSamples(leadMs);
      for (let i = 0; i < sentences.length; i++) {
        at = t.put(at, await speech(sentences[i]!));
        if (i < sentences.length - 1) at += msToSamples(pauses[i]!);
      }
      const greetingMs = ((at - msToSamples(leadMs)) * 1000) / RATE;
      if (beep) t.put(at + msToSamples(uniform(r, 300, 800)), tone(beep.ms, beep.hz, 0.3));
      return { timeline: t, greetingMs };
    },
  };
}

function planFax(id: string, r: Random): Plan {
  const kind = r.pick({ cng: 1, ced: 1 });
  // A calling fax repeats CNG every 3.5 s, so its first tone can come any time; an answering fax
  // waits 1.8–2.5 s after the answer before its CED (ITU-T T.30).
  const leadMs = Math.round(kind === 'cng' ? uniform(r, 0, 3000) : uniform(r, 1800, 2500));
  const amplitude = dbToGain(uniform(r, -24, -9));
  return {
    item: { id, label: 'fax', kind, voice: 'tone', noise: 'none', gainDb: 0, leadMs, beepHz: null, text: kind === 'cng' ? 'CNG 1100 Hz 0.5 s on / 3 s off' : 'CED 2100 Hz then V.21 chirps' },
    build: async () => {
      const t = new Timeline();
      let greetingMs: number;
      if (kind === 'cng') {
        for (let at = msToSamples(leadMs); at < msToSamples(9000); at += msToSamples(3500)) t.put(at, tone(500, 1100, amplitude));
        greetingMs = 500;
      } else {
        greetingMs = uniform(r, 2600, 4000);
        const end = t.put(msToSamples(leadMs), tone(greetingMs, 2100, amplitude));
        // V.21 HDLC flags: 1650 / 1850 Hz FSK, here as alternating chirps.
        let at = end + msToSamples(75);
        for (let i = 0; i < 40; i++) at = t.put(at, tone(40, i % 2 ? 1650 : 1850, amplitude));
      }
      return { timeline: t, greetingMs };
    },
  };
}

const NOISE_DBFS: Record<Exclude<NoiseLevel, 'none'>, number> = { low: -55, mid: -45, high: -38 };

async function render(plan: Plan, r: Random, dir: string, speechCache: string): Promise<CorpusItem> {
  // People answering speak briskly; recorded greetings are often slower and deliberate.
  const speed = Math.round(plan.item.label === 'human' ? uniform(r, 150, 210) : uniform(r, 130, 190));
  const pitch = Math.round(uniform(r, 25, 75));
  const { timeline, greetingMs } = await plan.build((text) => speak(speechCache, plan.item.voice, text, speed, pitch));
  const noiseLevel: NoiseLevel = plan.item.label === 'fax' ? r.pick({ none: 1, low: 1 }) : r.pick({ none: 3, low: 2, mid: 2, high: 2 });
  const gainDb = Math.round(uniform(r, -12, 3) * 10) / 10;
  const length = Math.max(msToSamples(6500), Math.min(timeline.end + msToSamples(1000), msToSamples(9000)));
  const mixed = timeline.mix(length);
  const g = dbToGain(gainDb);
  for (let i = 0; i < mixed.length; i++) mixed[i]! *= g;
  if (noiseLevel !== 'none') {
    const n = noise(length, r.chance(0.5) ? 'white' : 'pink', NOISE_DBFS[noiseLevel], r);
    for (let i = 0; i < length; i++) mixed[i]! += n[i]!;
  }
  const file = path.join(dir, `${plan.item.id}.wav`);
  fs.writeFileSync(`${file}.mix.wav`, wavBytes(mixed));
  // The telephone band, as a trunk delivers it.
  await run('sox', ['-D', `${file}.mix.wav`, '-b', '16', file, 'sinc', '300-3400']);
  fs.rmSync(`${file}.mix.wav`);
  return { ...plan.item, file, noise: noiseLevel, gainDb, greetingMs: Math.round(greetingMs) };
}

/** One recording, fully specified (for tests): sentences spoken in `voice` with `pauseMs` between them, an optional beep, noise, gain. */
export interface RecordingSpec {
  id: string;
  label: AmdLabel;
  voice: string;
  sentences: string[];
  leadMs: number;
  pauseMs?: number;
  beepHz?: number;
  noise?: NoiseLevel;
  gainDb?: number;
  speed?: number;
  pitch?: number;
}

export async function makeRecording(spec: RecordingSpec, dir: string): Promise<CorpusItem> {
  fs.mkdirSync(dir, { recursive: true });
  const r = seededRandom(`amd-recording-${spec.id}`);
  const t = new Timeline();
  let at = msToSamples(spec.leadMs);
  for (const [i, sentence] of spec.sentences.entries()) {
    if (i > 0) at += msToSamples(spec.pauseMs ?? 400);
    at = t.put(at, await speak(dir, spec.voice, sentence, spec.speed ?? 170, spec.pitch ?? 50));
  }
  const greetingMs = ((at - msToSamples(spec.leadMs)) * 1000) / RATE;
  if (spec.beepHz) t.put(at + msToSamples(500), tone(400, spec.beepHz, 0.3));
  const length = Math.max(msToSamples(6500), t.end + msToSamples(1000));
  const mixed = t.mix(length);
  const g = dbToGain(spec.gainDb ?? 0);
  for (let i = 0; i < length; i++) mixed[i]! *= g;
  const level = spec.noise ?? 'none';
  if (level !== 'none') {
    const n = noise(length, 'pink', NOISE_DBFS[level], r);
    for (let i = 0; i < length; i++) mixed[i]! += n[i]!;
  }
  const file = path.join(dir, `${spec.id}.wav`);
  fs.writeFileSync(`${file}.mix.wav`, wavBytes(mixed));
  await run('sox', ['-D', `${file}.mix.wav`, '-b', '16', file, 'sinc', '300-3400']);
  fs.rmSync(`${file}.mix.wav`);
  return { id: spec.id, file, label: spec.label, kind: 'fixed', voice: spec.voice, noise: level, gainDb: spec.gainDb ?? 0, leadMs: spec.leadMs, greetingMs: Math.round(greetingMs), beepHz: spec.beepHz ?? null, text: spec.sentences.join(' ') };
}

/** Build the corpus for a seed, or reuse the cached one. */
export async function buildCorpus(o: CorpusOptions): Promise<Corpus> {
  const tools = await corpusToolsAvailable();
  if (!tools.ok) throw new Error(`The AMD corpus needs ${tools.missing.join(' and ')}: apt-get install espeak-ng sox.`);
  const dir = o.dir ?? path.join(os.tmpdir(), 'pacer-amd-corpus', `v${GENERATOR_VERSION}-seed${o.seed}-${o.humans}h${o.machines}m${o.faxes}f`);
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const items = JSON.parse(fs.readFileSync(manifest, 'utf8')) as CorpusItem[];
    if (items.every((i) => fs.existsSync(i.file))) return { dir, items };
  }
  fs.mkdirSync(dir, { recursive: true });
  const speechCache = path.join(os.tmpdir(), 'pacer-amd-corpus', `speech-v${GENERATOR_VERSION}`);
  fs.mkdirSync(speechCache, { recursive: true });
  const root = seededRandom(`amd-corpus-${o.seed}`);
  const plans: Array<{ plan: Plan; r: Random }> = [];
  const add = (label: AmdLabel, count: number, planner: (id: string, r: Random) => Plan): void => {
    for (let i = 0; i < count; i++) {
      const id = `${label}-${String(i).padStart(3, '0')}`;
      const r = root.fork(id);
      plans.push({ plan: planner(id, r), r });
    }
  };
  add('human', o.humans, planHuman);
  add('machine', o.machines, planMachine);
  add('fax', o.faxes, planFax);
  const items: CorpusItem[] = new Array(plans.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const i = next++;
      const { plan, r } = plans[i]!;
      items[i] = await render(plan, r, dir, speechCache);
      if (++done % 50 === 0) o.log?.(`  ${done}/${plans.length} recordings`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, os.cpus().length * 2) }, worker));
  fs.writeFileSync(manifest, JSON.stringify(items, null, 1));
  return { dir, items };
}

// ── CLI ─────────────────────────────────────────────────────────────────────────────

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      humans: { type: 'string', default: '220' },
      machines: { type: 'string', default: '160' },
      faxes: { type: 'string', default: '20' },
      dir: { type: 'string' },
    },
  });
  const corpus = await buildCorpus({
    seed: Number(values.seed),
    humans: Number(values.humans),
    machines: Number(values.machines),
    faxes: Number(values.faxes),
    ...(values.dir ? { dir: values.dir } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${corpus.items.length} recordings in ${corpus.dir}\n`);
}
