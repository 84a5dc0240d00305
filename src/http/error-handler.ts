import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../shared/errors.js';

/**
 * The one error shape: {"error": {"code", "message", "details"}}. Domain errors carry their
 * code; validation and framework errors are translated here, at the edge.
 */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details ?? null } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      where: error.validationContext ?? 'body',
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)',
      problem: v.message,
    }));
    const first = details[0];
    return reply.status(400).send({
      error: {
        code: 'validation_failed',
        message: `The request ${first?.where ?? 'body'} is not valid${first ? `: ${first.path} — ${(first.problem ?? '').replace(/\.$/, '')}` : ''}. Fix the fields listed in details.`,
        details,
      },
    });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return reply.status(500).send({ error: { code: 'internal', message: 'The server produced an invalid response.', details: null } });
  }
  const fe = error as FastifyError;
  // A unique index caught a race that the use case's own check missed.
  if ((error as { code?: string }).code === '23505') {
    return reply.status(409).send({ error: { code: 'conflict', message: 'That already exists (a unique value is taken); choose another.', details: { constraint: (error as { constraint?: string }).constraint ?? null } } });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
    return reply.status(400).send({ error: { code: 'invalid_json', message: `The body is not valid JSON: ${fe.message}. Send a JSON object.`, details: null } });
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
    return reply.status(413).send({ error: { code: 'payload_too_large', message: `${fe.message}. Send a smaller body, or raise the limit.`, details: null } });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return reply.status(415).send({ error: { code: 'unsupported_media_type', message: `${fe.message}. Send application/json (or multipart/form-data for uploads).`, details: null } });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send({ error: { code: 'validation_failed', message: fe.message, details: null } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.', details: null } });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({
    error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}. See /api/docs for the API.`, details: null },
  });
}
