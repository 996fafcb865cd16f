import { spawnSync, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { clusterAddress, freePort, spawnRedisServer, stopChild, waitUntilAnswering } from '../../common/redisConnection';

/** A Redis Cluster of masters on free loopback ports, in a temporary directory. */
export interface RedisClusterHandle {
  /** The cluster's address for newRedisClient (what REDIS_CLUSTER_NODES gives the service). */
  url: string;
  nodes: { port: number; process: ChildProcess }[];
  stop(): Promise<void>;
}

/**
 * Starts `masters` redis-servers with cluster mode on (each with its own bus port, so no port
 * + 10000 is needed), joins them with `redis-cli --cluster create` (no replicas) and waits until
 * every node serves every slot.
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-redis-cluster-'));
  const nodes: RedisClusterHandle['nodes'] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => stopChild(n.process)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const [port, busPort] = [await freePort(), await freePort()];
      const clusterArgs = ['--cluster-enabled', 'yes', '--cluster-port', String(busPort), '--cluster-config-file', `nodes-${port}.conf`];
      const child = spawnRedisServer({ port, dir, appendFsync: null, extraArgs: clusterArgs });
      nodes.push({ port, process: child });
      await waitUntilAnswering(`redis://127.0.0.1:${port}`, child);
    }
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      encoding: 'utf8',
    });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    await Promise.all(nodes.map((n) => untilClusterOk(n.port)));
    return { url: clusterAddress(addresses), nodes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Waits until the node at `port` says the cluster is ok and knows every slot (60 s at most). */
async function untilClusterOk(port: number): Promise<void> {
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const info = String(await client.cluster('INFO'));
      if (/cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info)) return;
      if (Date.now() > deadline) throw new Error(`the cluster node on port ${port} is not ok after 60 s:\n${info}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.disconnect();
  }
}
