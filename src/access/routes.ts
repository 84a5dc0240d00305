import { z } from 'zod';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { getUserRow, updateUser } from '../users/manage-users.js';
import { timeZoneSchema, toUserView, userView } from '../users/user-schemas.js';
import { ADMIN } from './actor.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { grantCampaign, listGrants, revokeGrant } from './manage-grants.js';
import { SESSION_COOKIE, SESSION_TTL_MS, signIn, signOut } from './sessions.js';

const signInBody = z.object({ login: z.string().min(1).max(254).describe('Email or user ID'), password: z.string().min(1).max(256) }).strict();
const tokenView = z.object({ id: z.number(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
const grantParams = z.object({ id: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() });

export function accessRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  app.post('/auth/sign-in', {
    config: { public: true },
    schema: { tags: ['access'], summary: 'Sign in with email or user ID and password; sets an http-only session cookie', body: signInBody, response: { 200: z.object({ user: userView, expiresAt: z.string() }), ...errors } },
  }, async (req, reply) => {
    const result = await signIn(db, clock, req.body.login, req.body.password);
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return { user: toUserView(result.user), expiresAt: result.expiresAt.toISOString() };
  });

  app.post('/auth/sign-out', {
    schema: { tags: ['access'], summary: 'End this session', response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/auth/me', {
    schema: { tags: ['access'], summary: 'The signed-in user', response: { 200: userView, ...errors } },
  }, async (req) => toUserView(await getUserRow(db, req.actor!.userId)));

  app.patch('/auth/me', {
    schema: { tags: ['access'], summary: 'Change my language, time zone or password', body: z.object({ locale: z.enum(['en', 'ja', 'pl']), timeZone: timeZoneSchema, password: z.string().min(10).max(256) }).partial().strict(), response: { 200: userView, ...errors } },
  }, (req) => updateUser(db, clock, req.actor!.userId, req.body));

  app.get('/auth/tokens', {
    schema: { tags: ['access'], summary: 'My API tokens', response: { 200: z.array(tokenView), ...errors } },
  }, (req) => listApiTokens(db, req.actor!));

  app.post('/auth/tokens', {
    schema: { tags: ['access'], summary: 'Create an API token; the secret is shown only in this answer', body: z.object({ name: z.string().trim().min(1).max(100) }).strict(), response: { 201: z.object({ id: z.number(), name: z.string(), createdAt: z.string(), token: z.string() }), ...errors } },
  }, async (req, reply) => reply.status(201).send(await createApiToken(db, clock, req.actor!, req.body.name)));

  app.delete('/auth/tokens/:id', {
    schema: { tags: ['access'], summary: 'Revoke one of my API tokens', params: idParam, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await revokeApiToken(db, clock, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/campaigns/:id/grants', {
    config: { roles: ADMIN },
    schema: { tags: ['access'], summary: 'Supervisors granted on a campaign', params: idParam, response: { 200: z.array(z.object({ userId: z.number(), email: z.string(), displayName: z.string(), grantedAt: z.string() })), ...errors } },
  }, (req) => listGrants(db, req.params.id));

  app.put('/campaigns/:id/grants/:userId', {
    config: { roles: ADMIN },
    schema: { tags: ['access'], summary: 'Grant a supervisor a campaign', params: grantParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await grantCampaign(db, clock, req.params.id, req.params.userId);
    return reply.status(204).send(null);
  });

  app.delete('/campaigns/:id/grants/:userId', {
    config: { roles: ADMIN },
    schema: { tags: ['access'], summary: 'Take a campaign grant away', params: grantParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await revokeGrant(db, req.params.id, req.params.userId);
    return reply.status(204).send(null);
  });
}
