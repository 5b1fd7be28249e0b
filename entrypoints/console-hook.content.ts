import { installConsoleHook } from '@/utils/capture/console-hook';

/**
 * MAIN world, `document_start`: registered at run time only for origins the user allowed
 * (utils/capture/registration.ts), or injected when the popup opens on another tab.
 * A `<script>` tag added later misses errors from inline `<head>` scripts.
 */
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    const marker = Symbol.for('support-capture');
    const win = window as Window & typeof globalThis & { [marker]?: true };
    if (win[marker]) return;
    Object.defineProperty(win, marker, { value: true });
    installConsoleHook(win);
  },
});
