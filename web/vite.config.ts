import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));

// The web app is plain TypeScript built by Vite into web/dist, which the Worker serves on the same
// origin as the API (S3: no other origin is ever contacted). The survivor pages themselves are
// rendered by the Worker (api/pages/); this build makes their one script, its lazy map chunk, the
// stylesheet, the opt-in service worker, and the API reference page.
//
// File names are stable, not content-hashed: every response is `no-store` (S4), so hashes would buy
// no caching, and stable names let the server-rendered pages and the offline service worker refer
// to /assets/main.js, /assets/main.css and /assets/area-map.js without reading a manifest.
export default defineConfig({
  root: web,
  base: '/',
  build: {
    outDir: `${web}dist`,
    // The reference page bundles Swagger UI (~1.5 MB) and the map chunk MapLibre (~1 MB); the
    // survivor pages' own script stays far below this (see README, "Web app").
    chunkSizeWarningLimit: 2000,
    emptyOutDir: true,
    // CSP default-src 'self' (S3) blocks data: URLs: every image and icon must be a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        main: `${web}src/main.ts`,
        // The maintainer console (/maintainers/, api/pages/console/): its own script and stylesheet.
        console: `${web}src/console/console.ts`,
        sw: `${web}src/offline/sw.ts`,
        reference: `${web}reference/index.html`,
      },
      output: {
        // The service worker must sit at the root to control the pages (its scope is its folder).
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name].js'),
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
        // MapLibre is shared by the area map and the console's pin map: one chunk with a clear name.
        manualChunks: (id) =>
          id.includes('/node_modules/maplibre-gl/') || id.includes('/src/map/zoom-control') ? 'maplibre' : undefined,
      },
    },
  },
});
