import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Pages are lazy chunks; the shared one holds React and the AntD core (about 600 kB, 200 kB gzipped). The limit
    // sits just above it, so that a heavy library slipping into the first load shows up as a build warning.
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' } },
});
