/**
 * What some tests need from outside the npm registry: servers started on loopback by `.ci/run`
 * (scripts/services/<name>.sh), and Debian's Chromium for browser tests (its executable's path).
 */
export type TestServiceName = 'postgres' | 'redis' | 's3' | 'chromium';

const SERVICE_VARIABLES: Record<TestServiceName, string> = {
  postgres: 'GENHUB_TEST_POSTGRES_URL',
  redis: 'GENHUB_TEST_REDIS_URL',
  s3: 'GENHUB_TEST_S3_ENDPOINT',
  chromium: 'GENHUB_TEST_CHROMIUM',
};

/**
 * The address of a test server from its variable, or undefined when it is not running here, so
 * the suite skips what needs it (`describe.runIf(testServiceUrl('redis'))`). With
 * `GENHUB_TEST_SERVICES=required` (set by `.ci/run`) a missing server is an error instead, so CI
 * never passes by skipping.
 */
export function testServiceUrl(
  name: TestServiceName,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const variable = SERVICE_VARIABLES[name];
  const value = env[variable];
  if (value) return value;
  if (env.GENHUB_TEST_SERVICES === 'required') {
    throw new Error(
      `${variable} is not set but GENHUB_TEST_SERVICES=required: start it with scripts/services/${name}.sh start.`,
    );
  }
  return undefined;
}
