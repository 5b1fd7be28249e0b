import { installFullPageRenderer } from '@/utils/screenshot/render-page';

// Injected by the background only when the user asks for a full page (see
// utils/screenshot/full-page.ts); never listed in the manifest.
export default defineUnlistedScript(() => {
  installFullPageRenderer();
});
