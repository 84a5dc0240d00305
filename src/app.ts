import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessRoutes } from './access/routes.js';
import { callbackRoutes } from './callbacks/routes.js';
import { dncRoutes } from './dnc/routes.js';
import { campaignRoutes } from './campaigns/routes.js';
import { dialerRoutes } from './dialer/routes.js';
import { registerAuthentication } from './http/authenticate.js';
import { errorHandler } from './http/error-handler.js';
import { listRoutes } from './lists/routes.js';
import type { App, AppDeps } from './http/types.js';
import { registerWebApp } from './http/web-app.js';
import { queueRoutes } from './queues/routes.js';
import { recordRoutes } from './records/routes.js';
import { reportRoutes } from './reports/routes.js';
import { recordingRoutes } from './recordings/routes.js';
import { templateRoutes } from './templates/routes.js';
import { userRoutes } from './users/routes.js';

export interface BuildOptions {
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
  /** The agent desktop's build (default web/dist). */
  webDir?: string;
}

/** Builds the HTTP application on its dependencies. Routes are thin: a schema and one use-case call. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: deps.config.limits.maxFileBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Pacer API', version: '0.1.0', description: 'Outbound contact-center dialer. Errors: {"error": {"code", "message", "details"}}.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pacer_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  registerAuthentication(app, deps);

  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({
    status: 'ok',
    storage: deps.storage.engine,
  }));

  await app.register(async (api) => {
    const typed = api.withTypeProvider<ZodTypeProvider>() as App;
    accessRoutes(typed, deps);
    userRoutes(typed, deps);
    queueRoutes(typed, deps);
    recordRoutes(typed, deps);
    callbackRoutes(typed, deps);
    reportRoutes(typed, deps);
    listRoutes(typed, deps);
    dncRoutes(typed, deps);
    campaignRoutes(typed, deps);
    templateRoutes(typed, deps);
    recordingRoutes(typed, deps);
    dialerRoutes(typed, deps);
  }, { prefix: '/api' });

  await registerWebApp(app, options.webDir);
  return app;
}
