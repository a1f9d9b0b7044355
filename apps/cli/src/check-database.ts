import { type GenHubConfig, GenHubError } from '@genhub/core';
import { checkPostgres } from '@genhub/store-postgres';

/**
 * `genhub doctor`'s check of a PostgreSQL store (GENHUB_DATABASE_URL): reachable, and its schema
 * at the latest migration. Prints the result, or reports one sentence (never the password).
 */
export async function checkPostgresStore(
  database: GenHubConfig['database'] & { url: string },
  problem: (sentence: string) => void,
): Promise<void> {
  try {
    const result = await checkPostgres({ url: database.url, schema: database.schema });
    if (result.ok) {
      console.log(
        `Store: ok (PostgreSQL ${result.address}, schema ${database.schema}, ${result.migrations} migrations applied).`,
      );
      return;
    }
    console.log('Store:');
    problem(result.message);
  } catch (error) {
    console.log('Store:');
    problem(
      GenHubError.isInstance(error) && error.code === 'INVALID_INPUT'
        ? error.message
        : 'the PostgreSQL check failed unexpectedly; check GENHUB_DATABASE_URL.',
    );
  }
}
