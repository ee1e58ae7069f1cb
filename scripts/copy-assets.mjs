// Copies non-TypeScript files the server reads at run time (SQL migrations, mail templates) into dist/.
import { cp } from 'node:fs/promises';

await cp('src/db/migrations', 'dist/db/migrations', { recursive: true });
