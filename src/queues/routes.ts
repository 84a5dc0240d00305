import { z } from 'zod';
import { ADMIN } from '../access/actor.js';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { addMember, createQueue, deleteQueue, getQueue, listMembers, listQueues, queuesOfUser, removeMember, renameQueue } from './manage-queues.js';

const queueView = z.object({ id: z.number(), name: z.string(), memberCount: z.number(), createdAt: z.string() }).meta({ id: 'Queue' });
const memberView = z.object({ userId: z.number(), email: z.string(), userCode: z.string(), displayName: z.string(), addedAt: z.string() });
const queueBody = z.object({ name: z.string().trim().min(1).max(100) }).strict();
const memberParams = z.object({ id: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() });

export function queueRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  app.get('/queues', {
    schema: { tags: ['queues'], summary: 'Queues (an agent sees their own skills)', response: { 200: z.array(queueView), ...errors } },
  }, (req) => listQueues(db, req.actor!));

  app.post('/queues', {
    config: { roles: ADMIN },
    schema: { tags: ['queues'], summary: 'Create a queue', body: queueBody, response: { 201: queueView, ...errors } },
  }, async (req, reply) => reply.status(201).send(await createQueue(db, clock, req.body.name)));

  app.get('/queues/:id', {
    schema: { tags: ['queues'], summary: 'One queue', params: idParam, response: { 200: queueView, ...errors } },
  }, (req) => getQueue(db, req.actor!, req.params.id));

  app.patch('/queues/:id', {
    config: { roles: ADMIN },
    schema: { tags: ['queues'], summary: 'Rename a queue', params: idParam, body: queueBody, response: { 200: queueView, ...errors } },
  }, (req) => renameQueue(db, req.actor!, req.params.id, req.body.name));

  app.delete('/queues/:id', {
    config: { roles: ADMIN },
    schema: { tags: ['queues'], summary: 'Delete a queue no campaign uses', params: idParam, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteQueue(db, req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/queues/:id/members', {
    schema: { tags: ['queues'], summary: 'Agents in a queue', params: idParam, response: { 200: z.array(memberView), ...errors } },
  }, (req) => listMembers(db, req.actor!, req.params.id));

  app.put('/queues/:id/members/:userId', {
    config: { roles: ADMIN },
    schema: { tags: ['queues'], summary: 'Add an agent to a queue', params: memberParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await addMember(db, clock, req.params.id, req.params.userId);
    return reply.status(204).send(null);
  });

  app.delete('/queues/:id/members/:userId', {
    config: { roles: ADMIN },
    schema: { tags: ['queues'], summary: 'Remove an agent from a queue', params: memberParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await removeMember(db, req.params.id, req.params.userId);
    return reply.status(204).send(null);
  });

  app.get('/users/:id/queues', {
    schema: { tags: ['queues'], summary: "The skills a user can log into (agents: only their own)", params: idParam, response: { 200: z.array(queueView), ...errors } },
  }, (req) => queuesOfUser(db, req.actor!, req.params.id));
}
