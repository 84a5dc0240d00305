import { z } from 'zod';
import { ADMIN, STAFF } from '../access/actor.js';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { pageOf, pageQuery } from '../shared/pagination.js';
import { createUser, getUserRow, listUsers, updateUser } from './manage-users.js';
import { createUserBody, roleSchema, toUserView, updateUserBody, userView } from './user-schemas.js';

export function userRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  app.get('/users', {
    config: { roles: STAFF },
    schema: { tags: ['users'], summary: 'List users', querystring: pageQuery.extend({ role: roleSchema.optional(), q: z.string().max(100).optional() }), response: { 200: pageOf(userView), ...errors } },
  }, (req) => listUsers(db, req.query));

  app.post('/users', {
    config: { roles: ADMIN },
    schema: { tags: ['users'], summary: 'Create a user (admin)', body: createUserBody, response: { 201: userView, ...errors } },
  }, async (req, reply) => reply.status(201).send(await createUser(db, clock, req.body)));

  app.get('/users/:id', {
    config: { roles: STAFF },
    schema: { tags: ['users'], summary: 'One user', params: idParam, response: { 200: userView, ...errors } },
  }, async (req) => toUserView(await getUserRow(db, req.params.id)));

  app.patch('/users/:id', {
    config: { roles: ADMIN },
    schema: { tags: ['users'], summary: 'Change a user (admin); disabling signs them out', params: idParam, body: updateUserBody, response: { 200: userView, ...errors } },
  }, (req) => updateUser(db, clock, req.params.id, req.body));
}
