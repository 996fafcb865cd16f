import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { testRedisUrl, uniquePrefix } from '../../support/redis';

/**
 * The service starts without a deprecation warning: restify's spdy used to pull http-deceiver,
 * whose process.binding('http_parser') warned at every start. With --throw-deprecation any
 * deprecated call made while loading or starting ends the process, so /healthz never answers.
 */
let service: ServiceProcess | undefined;

afterAll(async () => {
  await service?.kill();
});

it('starts and answers /healthz with --throw-deprecation, printing no warning', async () => {
  service = await startService({
    redisUrl: testRedisUrl(),
    prefix: uniquePrefix('start-warnings'),
    env: { NODE_OPTIONS: '--throw-deprecation' },
  });
  expect((await service.call('GET', '/healthz')).status).toBe(200);
  expect(service.output()).not.toMatch(/DeprecationWarning|DEP\d{4}/);
});
