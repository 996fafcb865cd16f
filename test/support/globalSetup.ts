import { startRedisCluster } from './redisCluster';
import { startRedisServer } from './redisServer';
import { buildService } from './serviceBuild';

/**
 * Starts the run's private redis-server, or with TEST_REDIS_CLUSTER=1 a 3-master Redis Cluster
 * (tests read its address from TEST_REDIS_URL), and compiles the service once for the tests that
 * spawn it (TEST_SERVICE_DIR).
 */
export default async function globalSetup(): Promise<void> {
  const redis = process.env.TEST_REDIS_CLUSTER === '1' ? startRedisCluster() : startRedisServer();
  const [server, serviceDir] = await Promise.all([redis, buildService()]);
  process.env.TEST_REDIS_URL = server.url;
  process.env.TEST_SERVICE_DIR = serviceDir;
  Object.assign(globalThis, { __deskRedis: server, __deskServiceDir: serviceDir });
}
