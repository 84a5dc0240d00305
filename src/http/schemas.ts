import { z } from 'zod';

/** Shared response pieces for the OpenAPI document. */
export const errorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
  })
  .meta({ id: 'Error' });

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
} as const;
