import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types.js';
import { notFoundHandler } from './error-handler.js';

/**
 * The agent desktop (issue 5 point 1): the Vite build in web/dist served at / by the same
 * server as the API. Hashed files under /assets are cached for good; index.html never is, so
 * a new build is picked up on the next load. Any other GET for a page (a path without a file
 * extension, outside /api) answers index.html, so the app's own paths survive a reload; /api
 * keeps its JSON 404. Without a build (tests that never built web/) pages answer 503 with
 * how to build it.
 */
export const defaultWebDir = path.resolve(import.meta.dirname, '../../web/dist');

export async function registerWebApp(app: App, webDir: string = defaultWebDir): Promise<void> {
  const built = existsSync(path.join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      dotfiles: 'ignore',
      globIgnore: ['**/.*'],
      cacheControl: false,
      setHeaders: (reply: FastifyReply, filePath: string) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0]!;
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !pathname.startsWith('/api/') && pathname !== '/api' && !path.posix.extname(pathname);
    if (!isPage) return notFoundHandler(request, reply);
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The agent desktop is not built. Run "npm run build:web" (npm start does it by itself), then reload.\n');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
