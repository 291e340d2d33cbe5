import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The page's import map resolves this to the one shared store instance; bundling it would make a second store.
const SHARED_STORE = '@storefront/store/browser';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  ssr: { external: ['@storefront/store'] },
  build: isSsrBuild
    ? {
        outDir: 'dist/ssr',
        rolldownOptions: { external: [SHARED_STORE, '@storefront/store'] },
      }
    : {
        outDir: 'dist/client',
        manifest: true,
        target: 'es2022',
        rolldownOptions: { input: 'src/entry-client.ts', external: [SHARED_STORE] },
      },
}));
