import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The backend serves dist/ itself (history-mode fallback to index.html), so the SPA lives at "/".
export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components used in templates are imported on demand (smaller bundle on weak mobile
    // networks); the theme CSS is imported once in main.ts.
    Components({
      dirs: [],
      dts: 'src/components.d.ts',
      resolvers: [ElementPlusResolver({ importStyle: false })],
    }),
  ],
  define: {
    // vue-i18n: Composition API only, no devtools in production builds.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    // `npm run dev` next to `python -m app serve` (default port 8000; API_PROXY overrides).
    proxy: {
      '/api': { target: process.env.API_PROXY ?? 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
})
