import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// The page's import map resolves this to the one shared store instance; bundling it would make a second store.
const SHARED_STORE = '@storefront/store/browser';

export default defineConfig(({ isSsrBuild }) => ({
  // ssr: true compiles hydratable components on both sides, so the browser adopts the server's DOM.
  plugins: [solid({ ssr: true })],
  build: isSsrBuild
    ? { outDir: 'dist/ssr', rolldownOptions: { external: [SHARED_STORE, '@storefront/store'] } }
    : {
        outDir: 'dist/client',
        manifest: true,
        target: 'es2022',
        rolldownOptions: { input: 'src/entry-client.tsx', external: [SHARED_STORE] },
      },
}));
