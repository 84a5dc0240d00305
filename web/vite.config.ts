import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The agent desktop. `npm start` builds it into web/dist (scripts/build-web.ts), which the
 * Pacer server serves at /. `npm run dev:web` serves it with hot reload on :5173 and sends
 * /api (the WebSocket too) to a Pacer server on :3000.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
