import { z } from 'zod';
import type { Random } from './random.js';

/**
 * Time distributions as the benchmark scenarios write them (shared/bench/scenarios.json):
 * `{"dist": "lognormal", "mean": 10, "cv": 0.5}`, `{"dist": "exponential", "mean": 20}`,
 * `{"dist": "fixed", "mean": 0}`. A log-normal may also be given by its median and 90th
 * percentile, which is how people usually describe call durations ("half are under 2 minutes,
 * 90 % under 6"). Units are whatever the caller uses (the scenarios use seconds).
 */
export const distributionSchema = z.union([
  z.object({ dist: z.literal('fixed'), mean: z.number().min(0) }).strict(),
  z.object({ dist: z.literal('exponential'), mean: z.number().min(0) }).strict(),
  z.object({ dist: z.literal('lognormal'), mean: z.number().positive(), cv: z.number().min(0) }).strict(),
  z
    .object({ dist: z.literal('lognormal'), median: z.number().positive(), p90: z.number().positive() })
    .strict()
    .refine((d) => d.p90 >= d.median, 'The 90th percentile (p90) cannot be below the median.'),
]);
export type Distribution = z.infer<typeof distributionSchema>;

/** z such that P(Z < z) = 0.9 for a standard normal Z. */
const Z90 = 1.2815515655446004;

/** The (mu, sigma) of the underlying normal of a log-normal distribution. */
export function lognormalParameters(d: Extract<Distribution, { dist: 'lognormal' }>): { mu: number; sigma: number } {
  if ('cv' in d) {
    const sigma2 = Math.log(1 + d.cv * d.cv);
    return { mu: Math.log(d.mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
  }
  return { mu: Math.log(d.median), sigma: Math.log(d.p90 / d.median) / Z90 };
}

/** A sampler bound to its parameters, so the logarithms are taken once, not on every draw. */
export type Sampler = (random: Random) => number;

export function samplerFor(d: Distribution): Sampler {
  switch (d.dist) {
    case 'fixed': {
      const value = d.mean;
      return () => value;
    }
    case 'exponential': {
      const mean = d.mean;
      return (random) => random.exponential(mean);
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(d);
      return (random) => random.lognormal(mu, sigma);
    }
  }
}

/** The expected value of a distribution (for pacing estimates and reports). */
export function meanOf(d: Distribution): number {
  if (d.dist !== 'lognormal' || 'cv' in d) return d.mean;
  const { mu, sigma } = lognormalParameters(d);
  return Math.exp(mu + (sigma * sigma) / 2);
}
