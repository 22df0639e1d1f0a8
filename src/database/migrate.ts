import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * Migration commands: run | revert | check.
 * `check` applies every migration to the given database and fails when the entities describe a
 * schema the migrations do not create (drift): the same test as `migration:generate --check`.
 */
export async function migrate(url: string, command: 'run' | 'revert' | 'check'): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    if (command === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      return [];
    }
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (command === 'run') return ran.map((m) => m.name);
    const pending = await ds.driver.createSchemaBuilder().log();
    return pending.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  const command = (process.argv[2] ?? 'run') as 'run' | 'revert' | 'check';
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  migrate(url, command)
    .then((out) => {
      if (command === 'check') {
        if (out.length) {
          console.error(`Entities and migrations drift; a migration is missing for:\n${out.join(';\n')}`);
          process.exit(1);
        }
        console.log('Migrations match the entities.');
      } else if (command === 'run') {
        console.log(out.length ? `Applied: ${out.join(', ')}` : 'No pending migrations.');
      } else console.log('Reverted the last migration.');
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
