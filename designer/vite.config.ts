import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The server (./build.sh run) serves the built app from dist/; `npm run dev` proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:5080' } },
  build: { outDir: 'dist', chunkSizeWarningLimit: 4096 },
  test: { environment: 'node', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
});
