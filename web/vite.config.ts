import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));

// The web app is plain TypeScript built by Vite into web/dist, which the Worker serves as static
// assets on the same origin as the API (S3: no other origin is ever contacted).
export default defineConfig({
  root: web,
  base: '/',
  build: {
    outDir: `${web}dist`,
    // The reference page bundles Swagger UI (~1.5 MB); survivor pages stay far below this.
    chunkSizeWarningLimit: 2000,
    emptyOutDir: true,
    rollupOptions: {
      input: { main: `${web}index.html`, reference: `${web}reference/index.html` },
    },
  },
});
