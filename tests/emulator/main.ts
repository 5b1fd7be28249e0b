/**
 * Runs the portal emulator on its own: `node tests/emulator/main.ts [--port 4010]`.
 * Prints the site URL and the demo customer's sign-in details.
 */
import { startPortalEmulator } from './server.ts';

const portArg = process.argv.indexOf('--port');
const port =
  portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.EMULATOR_PORT ?? 0);
const emulator = await startPortalEmulator({ port });
const { customer } = emulator.data;
console.log(`JSM portal emulator: ${emulator.origin}`);
console.log(`  portal login: ${emulator.url('/servicedesk/customer/user/login')}`);
console.log(`  email ${customer.emailAddress}, password ${customer.portalPassword}`);
console.log(`  classic API token ${customer.apiToken}, scoped ${customer.scopedApiToken}`);
console.log(`  control API: ${emulator.url('/__emulator/requests')}`);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
